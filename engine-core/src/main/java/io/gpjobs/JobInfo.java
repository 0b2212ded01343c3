package io.gpjobs;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a reader sees of a job: the job resource's content plus its times and owner. Rendered as the job resource
 * JSON by {@link GPJson#job(JobInfo, boolean)}.
 *
 * @param jobId       the job id
 * @param serviceName the service the job belongs to
 * @param taskName    the task the job runs
 * @param status      the status
 * @param messages    the messages the service's {@code showMessages} level lets through, in order
 * @param progress    the live progress while the job executes, else null
 * @param submitted   when the job was accepted
 * @param started     when it started executing, or null
 * @param ended       when it reached a terminal status, or null
 * @param updated     when its record last changed
 * @param owner       who submitted it, or null when anonymous
 * @param resultNames the names of its results, in parameter order; empty unless it succeeded
 * @param inputNames  the names of its stored inputs, in parameter order; empty unless it succeeded
 * @param attempt     how many runs of it were started (0 while it never ran; above 1 when a node running it was
 *                    lost and it ran again); not part of the job resource JSON
 */
public record JobInfo(
        String jobId,
        String serviceName,
        String taskName,
        JobStatus status,
        List<JobMessage> messages,
        JobProgress progress,
        Instant submitted,
        Instant started,
        Instant ended,
        Instant updated,
        String owner,
        List<String> resultNames,
        List<String> inputNames,
        int attempt) {

    public JobInfo {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(status, "status");
        messages = List.copyOf(messages);
        progress = status == JobStatus.EXECUTING ? progress : null;
        resultNames = status == JobStatus.SUCCEEDED ? List.copyOf(resultNames) : List.of();
        inputNames = status == JobStatus.SUCCEEDED ? List.copyOf(inputNames) : List.of();
    }

    /** A view of a job with {@code attempt} 0 (one that never ran, or a view built outside the engine). */
    public JobInfo(String jobId, String serviceName, String taskName, JobStatus status, List<JobMessage> messages,
            JobProgress progress, Instant submitted, Instant started, Instant ended, Instant updated, String owner,
            List<String> resultNames, List<String> inputNames) {
        this(jobId, serviceName, taskName, status, messages, progress, submitted, started, ended, updated, owner,
                resultNames, inputNames, 0);
    }

    /** Whether the job reached a terminal status (Succeeded, Failed, TimedOut, Cancelled, Deleted). */
    public boolean isTerminal() {
        return status.isTerminal();
    }
}
