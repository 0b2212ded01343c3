package io.gpjobs.testkit;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.value.GPValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one {@link TaskTester#run()} recorded: the job's final status, its outputs, every message and progress
 * update in the order the task made them, the status changes, and the files the job left. Assert on it with
 * {@link TaskRunAssert#assertThat(TaskRun)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskRun {

    private final String jobId;
    private final JobStatus status;
    private final Map<String, GPValue> outputs;
    private final List<JobMessage> messages;
    private final List<JobProgress> progress;
    private final List<JobStatus> statuses;
    private final Map<String, byte[]> files;
    private final Instant startedAt;
    private final Instant endedAt;

    TaskRun(String jobId, JobStatus status, Map<String, GPValue> outputs, List<JobMessage> messages,
            List<JobProgress> progress, List<JobStatus> statuses, Map<String, byte[]> files, Instant startedAt,
            Instant endedAt) {
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.status = Objects.requireNonNull(status, "status");
        this.outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.messages = List.copyOf(messages);
        this.progress = List.copyOf(progress);
        this.statuses = List.copyOf(statuses);
        Map<String, byte[]> copy = new TreeMap<>();
        files.forEach((k, v) -> copy.put(k, v.clone()));
        this.files = java.util.Collections.unmodifiableMap(copy);
        this.startedAt = startedAt;
        this.endedAt = endedAt;
    }

    /** The id of the job that ran. */
    public String jobId() {
        return jobId;
    }

    /** The job's final status. */
    public JobStatus status() {
        return status;
    }

    /** The outputs the job stored, by parameter name in definition order; empty unless it succeeded. */
    public Map<String, GPValue> outputs() {
        return outputs;
    }

    /** The output {@code name}, or empty. */
    public Optional<GPValue> output(String name) {
        return Optional.ofNullable(outputs.get(name));
    }

    /**
     * The output {@code name} as {@code type}.
     *
     * @throws AssertionError when there is no such output or it has another type
     */
    public <T extends GPValue> T output(String name, Class<T> type) {
        GPValue v = outputs.get(name);
        if (v == null) {
            throw new AssertionError("job " + jobId + " has no output '" + name + "'; its outputs are "
                    + outputs.keySet());
        }
        if (!type.isInstance(v)) {
            throw new AssertionError("output '" + name + "' is a " + v.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(v);
    }

    /** Every message of the job, all levels, in order (the engine's own messages included). */
    public List<JobMessage> messages() {
        return messages;
    }

    /** The descriptions of the messages of {@code type}, in order. */
    public List<String> messages(MessageType type) {
        return messages.stream().filter(m -> m.type() == type).map(JobMessage::description).toList();
    }

    /** Every progress update the task made, in order. */
    public List<JobProgress> progress() {
        return progress;
    }

    /** The percents of the step progress updates, in order. */
    public List<Integer> progressPercents() {
        return progress.stream().filter(p -> p.type() == JobProgress.Type.STEP).map(JobProgress::percent).toList();
    }

    /** The statuses the job moved through after it was submitted, in order, ending with {@link #status()}. */
    public List<JobStatus> statuses() {
        return statuses;
    }

    /** The relative paths of the files the job left (scratch files start with {@code scratch/}), sorted. */
    public List<String> fileNames() {
        return List.copyOf(files.keySet());
    }

    /** The content of the job's file at {@code relativePath} (for example {@code scratch/out.asc}), or empty. */
    public Optional<byte[]> file(String relativePath) {
        byte[] b = files.get(relativePath);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** The content of the job's file at {@code relativePath} as UTF-8 text, or empty. */
    public Optional<String> fileText(String relativePath) {
        return file(relativePath).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** When the job started executing by the tester's clock, or null when it never did. */
    public Instant startedAt() {
        return startedAt;
    }

    /** When the job ended by the tester's clock, or null. */
    public Instant endedAt() {
        return endedAt;
    }

    @Override
    public String toString() {
        return "TaskRun[" + jobId + " " + status.wireName() + ", outputs=" + outputs.keySet() + ", "
                + messages.size() + " messages, " + progress.size() + " progress updates]";
    }
}
