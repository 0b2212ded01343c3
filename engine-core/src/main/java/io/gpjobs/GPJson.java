package io.gpjobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPValueCodec;
import java.util.List;
import java.util.Objects;

/**
 * The one place that renders the JSON views of the GP REST contract: the job resource, the result and input
 * parameter resources, the execute response, the task and service descriptions, and the error envelope. Each
 * method returns a fresh Jackson tree; {@link #toJson(JsonNode)} writes it compactly.
 *
 * <p>Thread-safe (stateless).
 */
public final class GPJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GPJson() {
    }

    /**
     * The job resource: {@code jobId}, {@code jobStatus}, {@code messages} (unless {@code returnMessages} is
     * false), {@code progress} only while executing, and the {@code results}/{@code inputs} paramUrl maps only when
     * the job succeeded.
     *
     * @param job            the job, never null
     * @param returnMessages false to leave messages out ({@code returnMessages=false})
     */
    public static ObjectNode job(JobInfo job, boolean returnMessages) {
        Objects.requireNonNull(job, "job");
        ObjectNode o = MAPPER.createObjectNode();
        o.put("jobId", job.jobId());
        o.put("jobStatus", job.status().wireName());
        if (job.status() == JobStatus.EXECUTING && job.progress() != null) {
            o.set("progress", progress(job.progress()));
        }
        if (job.status() == JobStatus.SUCCEEDED) {
            ObjectNode results = o.putObject("results");
            job.resultNames().forEach(n -> results.putObject(n).put("paramUrl", "results/" + n));
            ObjectNode inputs = o.putObject("inputs");
            job.inputNames().forEach(n -> inputs.putObject(n).put("paramUrl", "inputs/" + n));
        }
        if (returnMessages) {
            o.set("messages", messages(job.messages()));
        }
        return o;
    }

    /** The short answer of submit and cancel: {@code {"jobId":…,"jobStatus":…}}. */
    public static ObjectNode jobStatus(JobInfo job) {
        Objects.requireNonNull(job, "job");
        ObjectNode o = MAPPER.createObjectNode();
        o.put("jobId", job.jobId());
        o.put("jobStatus", job.status().wireName());
        return o;
    }

    /** A progress object: {@code {"type":"step","message":…,"percent":42}}. */
    public static ObjectNode progress(JobProgress p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", p.type().wireName());
        o.put("message", p.message());
        if (p.percent() != null) {
            o.put("percent", p.percent());
        }
        return o;
    }

    /** A message array: {@code [{"type":"esriJobMessageTypeInformative","description":…}]}. */
    public static ArrayNode messages(List<JobMessage> messages) {
        ArrayNode a = MAPPER.createArrayNode();
        for (JobMessage m : messages) {
            a.addObject().put("type", m.type().wireName()).put("description", m.description());
        }
        return a;
    }

    /** A result or input parameter resource: {@code {"paramName","dataType","value"}}. */
    public static ObjectNode parameter(ParameterValue v) {
        Objects.requireNonNull(v, "value");
        ObjectNode o = MAPPER.createObjectNode();
        o.put("paramName", v.paramName());
        o.put("dataType", v.dataType().wireName());
        o.set("value", GPValueCodec.write(v.value()));
        return o;
    }

    /** The {@code results} / {@code inputs} resources: an array of parameter resources. */
    public static ArrayNode parameters(List<ParameterValue> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(v -> a.add(parameter(v)));
        return a;
    }

    /** The execute response: {@code {"results":[…],"messages":[…]}}. */
    public static ObjectNode execute(ExecuteResult r) {
        Objects.requireNonNull(r, "result");
        ObjectNode o = MAPPER.createObjectNode();
        o.set("results", parameters(r.results()));
        o.set("messages", messages(r.messages()));
        return o;
    }

    /** The task description of {@code definition} in a service of the given execution type. */
    public static ObjectNode task(TaskDefinition definition, GPService.ExecutionType executionType) {
        Objects.requireNonNull(definition, "definition");
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", definition.name());
        o.put("displayName", definition.displayName());
        o.put("description", definition.description());
        o.put("category", definition.category());
        o.put("helpUrl", definition.helpUrl());
        o.put("executionType", executionType.wireName());
        ArrayNode params = o.putArray("parameters");
        definition.parameters().forEach(p -> params.add(parameterDescription(p)));
        return o;
    }

    private static ObjectNode parameterDescription(ParameterDefinition p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", p.name());
        o.put("dataType", p.dataType().wireName());
        o.put("displayName", p.displayName());
        o.put("description", p.description());
        o.put("direction", p.direction().wireName());
        if (p.defaultValue() == null) {
            o.putNull("defaultValue");
        } else {
            o.set("defaultValue", GPValueCodec.write(p.defaultValue()));
        }
        o.put("parameterType", p.parameterType().wireName());
        o.put("category", p.category());
        if (!p.choiceList().isEmpty()) {
            ArrayNode c = o.putArray("choiceList");
            p.choiceList().forEach(c::add);
        }
        if (p.filter() != null) {
            o.set("filter", p.filter().toJson());
        }
        if (p.dependency() != null) {
            o.put("dependency", p.dependency());
        }
        if (!p.parameterInfos().isEmpty()) {
            ArrayNode infos = o.putArray("parameterInfos");
            p.parameterInfos().forEach(i -> infos.add(parameterDescription(i)));
        }
        return o;
    }

    /** The service description: tasks, execution type, result map server name, maximum records. */
    public static ObjectNode service(GPService service) {
        Objects.requireNonNull(service, "service");
        ObjectNode o = MAPPER.createObjectNode();
        o.put("currentVersion", 11.1);
        o.put("serviceDescription", service.description());
        ArrayNode tasks = o.putArray("tasks");
        service.taskNames().forEach(tasks::add);
        o.put("executionType", service.executionType().wireName());
        o.put("resultMapServerName", service.resultMapServer() ? service.name() : "");
        o.put("maximumRecords", service.maximumRecords());
        o.put("capabilities", "");
        return o;
    }

    /** The error envelope {@code {"error":{"code":…,"message":…,"details":[…]}}}. */
    public static ObjectNode error(GPException e) {
        Objects.requireNonNull(e, "exception");
        ObjectNode o = MAPPER.createObjectNode();
        ObjectNode err = o.putObject("error");
        err.put("code", e.code());
        err.put("message", e.envelopeMessage());
        ArrayNode d = err.putArray("details");
        e.details().forEach(d::add);
        return o;
    }

    /** Compact JSON text of a tree. */
    public static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
