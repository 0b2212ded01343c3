package io.gpjobs.spi;

/**
 * Observes jobs of an engine: status changes, progress and messages, as they happen (before they are persisted).
 * A console progress bar or metrics can listen. Methods are called on engine threads, must be quick and must not
 * block; exceptions they throw are logged and ignored.
 */
public interface JobListener {

    /**
     * A job moved from {@code from} to {@code to}, reported just after the record was written (a reader may see the
     * new status a moment before the listener hears of it).
     *
     * @param from the previous status, or null when the job was just created (then {@code to} is New)
     * @param to   the new status; Deleted once the job's record is removed
     */
    default void onStatus(String jobId, JobStatus from, JobStatus to) {
    }

    /** A running job's progress changed. */
    default void onProgress(String jobId, JobProgress progress) {
    }

    /** A job got a message (all levels; the service's level applies only to what readers see). */
    default void onMessage(String jobId, JobMessage message) {
    }
}
