package io.gpjobs.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The persistent state of one job, as a {@link JobStore} keeps it. Inputs, results and files are kept beside
 * the record, not in it, so a status update never rewrites them.
 *
 * <p>Every change is a compare-and-set on {@link #version()}: a store accepts {@code update(next)} only when
 * {@code next.version()} equals the stored version, and stores the record with the version plus one.
 *
 * @param jobId           {@code j} + 32 lowercase hex
 * @param serviceName     the GP service the job belongs to
 * @param taskName        the task the job runs
 * @param status          the current status
 * @param version         the store's version; 0 before the record is created
 * @param submitted       when the job was accepted
 * @param started         when execution started, or null
 * @param ended           when the job reached a terminal status, or null
 * @param updated         when the record last changed
 * @param owner           the principal who submitted the job, or null when anonymous
 * @param nodeId          the engine node that holds the job (queued or executing), or null
 * @param leaseUntil      until when {@code nodeId}'s hold is valid; past it another node may take the job over
 * @param cancelRequested whether a cancel was requested (the executing node watches this flag)
 * @param messages        the job's messages in order, all levels (the service's level is applied on read)
 * @param progress        the last persisted progress, or null
 * @param attempt         how many runs of the job were started: each claim (the move to Executing) counts one, so
 *                        the run under way, or the last one, is attempt {@code attempt}; 0 before the first claim
 */
public record JobRecord(
        String jobId,
        String serviceName,
        String taskName,
        JobStatus status,
        long version,
        Instant submitted,
        Instant started,
        Instant ended,
        Instant updated,
        String owner,
        String nodeId,
        Instant leaseUntil,
        boolean cancelRequested,
        List<JobMessage> messages,
        JobProgress progress,
        int attempt) {

    public JobRecord {
        requireValidJobId(jobId);
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(submitted, "submitted");
        Objects.requireNonNull(updated, "updated");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        messages = List.copyOf(messages);
    }

    /** A record of a job never claimed (attempt 0), as a submit creates it. */
    public JobRecord(String jobId, String serviceName, String taskName, JobStatus status, long version,
            Instant submitted, Instant started, Instant ended, Instant updated, String owner, String nodeId,
            Instant leaseUntil, boolean cancelRequested, List<JobMessage> messages, JobProgress progress) {
        this(jobId, serviceName, taskName, status, version, submitted, started, ended, updated, owner, nodeId,
                leaseUntil, cancelRequested, messages, progress, 0);
    }

    /** Whether {@code jobId} has the form {@code j} + 32 lowercase hex. Null is not valid. */
    public static boolean isValidJobId(String jobId) {
        // A loop, not a regex: every record copy (withX) checks its id, so this is on the engine's hot path.
        if (jobId == null || jobId.length() != 33 || jobId.charAt(0) != 'j') {
            return false;
        }
        for (int i = 1; i < 33; i++) {
            char c = jobId.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the form of a job id before it reaches a store (no path or key injection through an id).
     *
     * @throws IllegalArgumentException naming the value when it is not {@code j} + 32 lowercase hex
     */
    public static String requireValidJobId(String jobId) {
        if (!isValidJobId(jobId)) {
            throw new IllegalArgumentException("invalid jobId '" + jobId + "': expected 'j' followed by 32 lowercase hex digits");
        }
        return jobId;
    }

    public JobRecord withStatus(JobStatus next, Instant now) {
        return new JobRecord(jobId, serviceName, taskName, next, version, submitted, started, ended, now, owner,
                nodeId, leaseUntil, cancelRequested, messages, progress, attempt);
    }

    public JobRecord withVersion(long v) {
        return new JobRecord(jobId, serviceName, taskName, status, v, submitted, started, ended, updated, owner,
                nodeId, leaseUntil, cancelRequested, messages, progress, attempt);
    }

    public JobRecord withStarted(Instant t) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, t, ended, updated, owner,
                nodeId, leaseUntil, cancelRequested, messages, progress, attempt);
    }

    public JobRecord withEnded(Instant t) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, started, t, updated, owner,
                nodeId, leaseUntil, cancelRequested, messages, progress, attempt);
    }

    public JobRecord withUpdated(Instant t) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, started, ended, t, owner,
                nodeId, leaseUntil, cancelRequested, messages, progress, attempt);
    }

    public JobRecord withLease(String node, Instant until) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, started, ended, updated, owner,
                node, until, cancelRequested, messages, progress, attempt);
    }

    public JobRecord withCancelRequested(boolean requested) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, started, ended, updated, owner,
                nodeId, leaseUntil, requested, messages, progress, attempt);
    }

    public JobRecord withMessages(List<JobMessage> all) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, started, ended, updated, owner,
                nodeId, leaseUntil, cancelRequested, all, progress, attempt);
    }

    public JobRecord withProgress(JobProgress p) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, started, ended, updated, owner,
                nodeId, leaseUntil, cancelRequested, messages, p, attempt);
    }

    /** This record with {@code n} as its attempt (a claim sets the attempt it starts). */
    public JobRecord withAttempt(int n) {
        return new JobRecord(jobId, serviceName, taskName, status, version, submitted, started, ended, updated, owner,
                nodeId, leaseUntil, cancelRequested, messages, progress, n);
    }
}
