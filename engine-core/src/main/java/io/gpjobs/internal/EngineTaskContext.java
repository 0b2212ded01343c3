package io.gpjobs.internal;

import io.gpjobs.spi.CancellationToken;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Progressor;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The engine's {@link TaskContext} of one running job. Thread-safe. */
final class EngineTaskContext implements TaskContext {
    private final JobExecution x;
    private final TaskDefinition definition;
    private final Clock clock;
    private final io.gpjobs.UrlPolicy urls;
    /** Made on first use: most tasks never ask, and a lookup per job is not free. */
    private System.Logger logger;
    private volatile Path scratch;

    EngineTaskContext(JobExecution x, Clock clock, io.gpjobs.UrlPolicy urls) {
        this.x = x;
        this.urls = urls;
        this.definition = x.task.definition();
        this.clock = clock;
    }

    @Override
    public String jobId() {
        return x.jobId;
    }

    @Override
    public String serviceName() {
        return x.service.service().name();
    }

    @Override
    public TaskDefinition definition() {
        return definition;
    }

    @Override
    public Map<String, GPValue> inputs() {
        return x.inputs;
    }

    @Override
    public Optional<GPValue> input(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(x.inputs.get(name));
    }

    @Override
    public <T extends GPValue> T input(String name, Class<T> type) {
        Objects.requireNonNull(type, "type");
        GPValue v = input(name).orElseThrow(() -> new IllegalArgumentException("input '" + name + "' of task '"
                + definition.name() + "' was not given"));
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("input '" + name + "' is a " + v.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public void setOutput(String name, GPValue value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value of output '" + name + "'");
        ParameterDefinition p = definition.parameter(name)
                .filter(d -> d.direction() == ParameterDefinition.Direction.OUTPUT)
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not an output parameter of task '"
                        + definition.name() + "'"));
        if (!accepts(p.dataType(), value.dataType())) {
            throw new IllegalArgumentException("output '" + name + "' is " + p.dataType().wireName()
                    + ", got a value of type " + value.dataType().wireName());
        }
        x.setOutput(name, redacted(p, value));
    }

    /** The value without secrets, so neither a stored nor a synchronously returned result shows one in clear. */
    private static GPValue redacted(ParameterDefinition p, GPValue value) {
        String json = GPValueCodec.toJson(value);
        String clean = Redactor.redactJson(json);
        if (clean.equals(json)) {
            return value;
        }
        return value.dataType().equals(p.dataType()) ? GPValueCodec.fromJson(p.shape(), clean)
                : GPValueCodec.fromJson(value.dataType(), clean);
    }

    /** A GPComposite parameter takes a value of any member type; every other parameter its own type. */
    static boolean accepts(GPDataType parameter, GPDataType value) {
        return parameter.equals(value) || parameter.base() == GPDataType.Base.GPComposite;
    }

    @Override
    public void info(String message) {
        x.addMessage(JobMessage.info(Redactor.redactText(Objects.requireNonNull(message, "message"))));
    }

    @Override
    public void warning(String message) {
        x.addMessage(JobMessage.warning(Redactor.redactText(Objects.requireNonNull(message, "message"))));
    }

    @Override
    public void error(String message) {
        x.addMessage(JobMessage.error(Redactor.redactText(Objects.requireNonNull(message, "message"))));
    }

    @Override
    public Progressor progressor() {
        return x.progressor;
    }

    @Override
    public CancellationToken cancellation() {
        return x.token;
    }

    @Override
    public Path scratchFolder() {
        Path p = scratch;
        if (p == null) {
            try {
                p = x.service.store().scratchFolder(x.jobId);
            } catch (IOException e) {
                throw new JobStoreException("could not create the scratch folder of job '" + x.jobId + "'", e);
            }
            scratch = p;
        }
        return p;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public System.Logger logger() {
        System.Logger l = logger;
        if (l == null) {
            l = System.getLogger("io.gpjobs.task." + definition.name());
            logger = l; // a benign race: any thread's lookup gives the same logger
        }
        return l;
    }

    @Override
    public java.io.InputStream openUrl(String url) throws IOException {
        return UrlFetch.open(Objects.requireNonNull(url, "url"), urls);
    }
}
