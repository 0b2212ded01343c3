package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.StoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The ends of jobs that finished on this engine while their store could not be written: the outcome (results to
 * store, target status, messages) is kept in memory and its writes are retried from the watchdog with a bounded
 * backoff on the engine's clock ({@link #FIRST_BACKOFF} doubling up to {@link #MAX_BACKOFF}) until they succeed,
 * the job is gone, or the engine closes. Results are always written before the status that announces them.
 *
 * <p>While an end is pending, the job stays Executing (or Cancelling) in the store and readers of this engine see
 * that status with the messages and progress the task last reported. Thread-safe: entries are added by workers
 * and the watchdog, retried by the watchdog only (one tick at a time) and, once it stopped, by {@code close}.
 */
final class UnwrittenEnds {
    private static final System.Logger LOG = System.getLogger(UnwrittenEnds.class.getName());

    /** The wait before the first retry. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** The longest wait between two retries. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** How a job ends once its writes go through. */
    enum Kind {
        /** The task returned (or threw): Succeeded, Failed, or Cancelled when a cancel landed. */
        FINISHED,
        /** The time limit fired: TimedOut. */
        TIMED_OUT
    }

    /**
     * What one ended job still needs written. Mutable fields are touched only by the thread attempting its writes
     * (never two at once).
     */
    static final class End {
        final String jobId;
        final ServiceRuntime runtime;
        final Kind kind;
        /** When the job ended on this engine (its recorded end time). */
        final Instant endedAt;
        /** The messages the task reported, as readers see them while the end is pending. */
        final List<JobMessage> messages;
        final JobProgress progress;
        /** Whether the engine was stopping under the job (it ends Failed). */
        final boolean engineStopping;
        /** The results still to store before Succeeded, or null when the job does not end with results. */
        volatile Map<String, StoredValue> results;
        volatile boolean resultsStored;
        /** Why the job failed, or null. */
        volatile String problem;
        int failures;
        Instant nextAttempt;
        Duration backoff = FIRST_BACKOFF;

        End(String jobId, ServiceRuntime runtime, Kind kind, Instant endedAt, List<JobMessage> messages,
            JobProgress progress, boolean engineStopping, Map<String, StoredValue> results, String problem) {
            this.jobId = jobId;
            this.runtime = runtime;
            this.kind = kind;
            this.endedAt = endedAt;
            this.messages = List.copyOf(messages);
            this.progress = progress;
            this.engineStopping = engineStopping;
            this.results = results == null ? null : Map.copyOf(results);
            this.problem = problem;
        }
    }

    private final ConcurrentHashMap<String, End> pending = new ConcurrentHashMap<>();
    private final Consumer<End> write;

    /**
     * @param write attempts all of an end's remaining writes; throws {@link JobStoreException} when the storage
     *              fails and {@link JobNotFoundException} when the job is gone
     */
    UnwrittenEnds(Consumer<End> write) {
        this.write = write;
    }

    /**
     * Writes an end at once; when the storage fails, keeps it for retries starting {@link #FIRST_BACKOFF} from
     * {@code now}.
     *
     * @throws JobNotFoundException when the job is gone
     */
    void writeOrKeep(End end, Instant now) {
        try {
            write.accept(end);
        } catch (JobStoreException e) {
            end.failures = 1;
            end.nextAttempt = now.plus(end.backoff);
            pending.put(end.jobId, end);
            LOG.log(System.Logger.Level.WARNING, "could not record the end of job " + end.jobId + " (" + e.getMessage()
                    + "); it is kept in memory and retried in " + end.backoff.toSeconds() + " s");
        }
    }

    /** Retries every end whose next attempt is due; called from the watchdog. */
    void retryDue(Instant now) {
        for (End end : pending.values()) {
            if (!now.isBefore(end.nextAttempt)) {
                attempt(end, now);
            }
        }
    }

    /** One attempt; true when the end no longer needs writing. */
    private boolean attempt(End end, Instant now) {
        try {
            write.accept(end);
            pending.remove(end.jobId, end);
            LOG.log(System.Logger.Level.INFO, "recorded the end of job " + end.jobId + " after " + end.failures
                    + " failed attempt(s)");
            return true;
        } catch (JobNotFoundException gone) {
            pending.remove(end.jobId, end);
            return true;
        } catch (JobStoreException e) {
            end.failures++;
            end.backoff = min(end.backoff.multipliedBy(2), MAX_BACKOFF);
            end.nextAttempt = now.plus(end.backoff);
            LOG.log(System.Logger.Level.WARNING, "still could not record the end of job " + end.jobId + " ("
                    + e.getMessage() + "); retrying in " + end.backoff.toSeconds() + " s");
            return false;
        } catch (RuntimeException e) {
            // Not a storage outage: retrying will not help.
            pending.remove(end.jobId, end);
            LOG.log(System.Logger.Level.ERROR, "could not record the end of job " + end.jobId, e);
            return true;
        }
    }

    /** The pending end of a job, or null. */
    End get(String jobId) {
        return pending.get(jobId);
    }

    /** Drops the pending end of a deleted job. */
    void forget(String jobId) {
        pending.remove(jobId);
    }

    /** How many ends are pending. */
    int size() {
        return pending.size();
    }

    /**
     * On close, once the watchdog stopped: one last attempt for each pending end, then logs the jobs that remain
     * Executing in the store (an engine's recovery will mark them Failed).
     */
    void closing(Instant now) {
        List<String> left = new ArrayList<>();
        for (End end : pending.values()) {
            if (!attempt(end, now)) {
                left.add(end.jobId);
            }
        }
        pending.clear();
        if (!left.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "the engine closed before it could record the end of "
                    + left.size() + " job(s) that finished on it: " + String.join(", ", left) + ". The job store "
                    + "still shows them executing; the recovery of the next engine to start on the store will "
                    + "mark them failed.");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
