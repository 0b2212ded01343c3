package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.StoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the ends of jobs that finished on this engine (results first, then the terminal status) and keeps those
 * the store refused: the outcome (results to store, target status, messages) is kept in memory and its writes are
 * retried from the watchdog with a bounded backoff on the engine's clock ({@link #FIRST_BACKOFF} doubling up to
 * {@link #MAX_BACKOFF}) until they succeed, the job is gone, or the engine closes. Results are always written
 * before the status that announces them.
 *
 * <p>While an end is pending, the job stays Executing (or Cancelling) in the store and readers of this engine see
 * that status with the messages and progress the task last reported. Thread-safe: entries are added by workers
 * and the watchdog, retried by the watchdog only (one tick at a time) and, once it stopped, by {@code close}.
 */
final class JobEnds {
    private static final System.Logger LOG = System.getLogger(JobEnds.class.getName());

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
     * What one ended job still needs written. Mutable fields are written only by the thread attempting its writes
     * (never two at once: the first attempt by the thread that ended the job, retries by the watchdog).
     */
    /**
     * One run of a job: the node that claimed it and when. A record held by another node, or claimed again since,
     * belongs to another run, whose writes this one must never overwrite (it is fenced).
     */
    record Claim(String nodeId, java.time.Instant at, int attempt) {
        /**
         * Whether {@code cur} is still held by attempt {@code attempt} of the job, run by {@code nodeId} and claimed
         * at {@code at} (null: any time).
         */
        static boolean holds(String nodeId, java.time.Instant at, int attempt, JobRecord cur) {
            return nodeId.equals(cur.nodeId()) && attempt == cur.attempt() && (at == null || at.equals(cur.started()));
        }
    }

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
        /** The job's result and input names as its view lists them, when known (so that view needs no read). */
        volatile List<List<String>> names;
        volatile int failures;
        /** When the next retry is due; null while the first attempt runs. */
        volatile Instant nextAttempt;
        volatile Duration backoff = FIRST_BACKOFF;
        /** The run this end belongs to, or null when any holder may write it. */
        volatile Claim claim;

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
    private final JobEngine engine;

    JobEnds(JobEngine engine) {
        this.engine = engine;
    }

    /**
     * Writes an end at once; when the storage fails, keeps it for retries starting {@link #FIRST_BACKOFF} from
     * {@code now}.
     *
     * @return true when the end is written, false when it is kept for retries
     * @throws JobNotFoundException when the job is gone
     */
    boolean writeOrKeep(End end, Instant now) {
        // Registered first (not yet due) so that readers see the live view while the first attempt runs.
        pending.put(end.jobId, end);
        try {
            write(end);
            pending.remove(end.jobId, end);
            return true;
        } catch (JobStoreException e) {
            end.failures = 1;
            end.nextAttempt = now.plus(end.backoff);
            LOG.log(System.Logger.Level.WARNING, "could not record the end of job " + end.jobId + " (" + e.getMessage()
                    + "); it is kept in memory and retried in " + end.backoff.toSeconds() + " s");
            return false;
        } catch (RuntimeException e) {
            pending.remove(end.jobId, end);
            throw e;
        }
    }

    /** Retries every end whose next attempt is due; called from the watchdog. */
    void retryDue(Instant now) {
        for (End end : pending.values()) {
            Instant due = end.nextAttempt;
            if (due != null && !now.isBefore(due)) {
                attempt(end, now);
            }
        }
    }

    /** One attempt; true when the end no longer needs writing. */
    private boolean attempt(End end, Instant now) {
        try {
            boolean recorded = write(end);
            pending.remove(end.jobId, end);
            LOG.log(System.Logger.Level.INFO, (recorded ? "recorded the end of job " : "dropped the end of job ")
                    + end.jobId + " after " + end.failures + " failed attempt(s)" + (recorded ? ""
                    : ": it ended meanwhile"));
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

    /**
     * Attempts every write an ended job still needs: its results (once stored, never again), then its terminal
     * status, which is Succeeded only when the results were stored.
     *
     * @return false when the job was found already ended (by someone else), true otherwise
     * @throws JobStoreException    when the storage fails (the end is retried later)
     * @throws JobNotFoundException when the job is gone
     */
    private boolean write(End end) {
        JobStore store = end.runtime.store();
        if (end.results != null && !end.resultsStored) {
            if (end.failures > 0) {
                // A retry: leave alone a job that ended meanwhile (e.g. marked Failed by another engine's recovery).
                JobRecord cur = store.read(end.jobId).orElseThrow(() -> new JobNotFoundException(end.jobId));
                engine.cache.putNewer(cur);
                if (cur.status() != JobStatus.EXECUTING && cur.status() != JobStatus.CANCELLING) {
                    LOG.log(System.Logger.Level.WARNING, "job " + end.jobId + " became " + cur.status().wireName()
                            + " while its end could not be recorded; its results are not stored");
                    return false;
                }
            }
            try {
                store.persistScratch(end.jobId);
                store.putResults(end.jobId, end.results);
                end.resultsStored = true;
            } catch (JobStoreException | JobNotFoundException e) {
                throw e;
            } catch (Exception e) {
                end.results = null;
                end.problem = JobRunner.describe(e);
            }
        }
        boolean succeeded = end.results != null && end.resultsStored;
        if (succeeded && end.names != null) {
            // Before the write, so that whoever sees it Succeeded builds its view without reading the store.
            engine.reads.remember(end.jobId, end.names);
        }
        var waiter = succeeded ? engine.syncResults.get(end.jobId) : null;
        if (waiter != null) {
            waiter.set(end.results); // a synchronous caller waits: it answers with these instead of reading them
        }
        JobRecord written = engine.writer.update(store, end.jobId, cur -> {
            if (cur.status() != JobStatus.EXECUTING && cur.status() != JobStatus.CANCELLING) {
                return null;
            }
            Claim c = end.claim;
            if (c != null && !Claim.holds(c.nodeId(), c.at(), c.attempt(), cur)) {
                LOG.log(System.Logger.Level.WARNING, "job " + end.jobId + " was taken over by node " + cur.nodeId()
                        + " (attempt " + cur.attempt() + ") while attempt " + c.attempt() + " ran here: this run's"
                        + " end and outputs are dropped");
                return null; // fenced: another run of the job holds it
            }
            List<JobMessage> m = new ArrayList<>(end.messages);
            JobStatus target;
            if (end.kind == Kind.TIMED_OUT) {
                target = JobStatus.TIMED_OUT;
                m.add(JobMessage.error("Timed out: the job ran longer than the service's maximum usage time of "
                        + end.runtime.service().maxUsageTime().toSeconds() + " s."));
            } else if (cur.status() == JobStatus.CANCELLING) {
                target = JobStatus.CANCELLED;
                m.add(EngineMessages.CANCELLED);
            } else if (end.engineStopping) {
                target = JobStatus.FAILED;
                m.add(JobMessage.error(engine.stoppedMessage(engine.nodeId)));
            } else if (succeeded) {
                target = JobStatus.SUCCEEDED;
                m.add(EngineMessages.SUCCEEDED);
            } else {
                target = JobStatus.FAILED;
                if (end.problem != null) {
                    m.add(JobMessage.error(Redactor.redactText(end.problem)));
                }
                m.add(JobMessage.error("Failed."));
            }
            Instant writeTime = engine.clock.instant();
            return JobRunner.ended(cur, target, end.endedAt, writeTime.isAfter(end.endedAt) ? writeTime : end.endedAt,
                    m);
        });
        if (end.resultsStored) {
            dropResultsUnlessSucceeded(store, end.jobId, written);
            if (written == null) {
                // Fenced, or ended elsewhere: results a store holds for this end never become the job's.
                store.discardResults(end.jobId);
            }
        }
        // null: the job ended meanwhile (e.g. marked Failed by another engine's sweep after its lease expired)
        return written != null;
    }

    /**
     * Results exist only for a succeeded job: when a cancel (or another engine's end) won the job's end after its
     * results were stored, they are removed. Readers never see them either way (only a succeeded job's results are
     * read); this frees the storage. A failure here is logged: the results stay unreadable.
     */
    private void dropResultsUnlessSucceeded(JobStore store, String jobId, JobRecord written) {
        try {
            JobRecord last = written != null ? written : store.read(jobId).orElse(null);
            if (last != null && last.status() != JobStatus.SUCCEEDED) {
                store.putResults(jobId, Map.of());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the results of job " + jobId
                    + ", which did not succeed (they stay unreadable)", e);
        }
    }

    /** The pending end of a job, or null. */
    End get(String jobId) {
        return pending.get(jobId);
    }

    /** The ids of the jobs whose end is not written yet (a snapshot). */
    java.util.Set<String> pendingIds() {
        return java.util.Set.copyOf(pending.keySet());
    }

    /** The ends not written yet (a snapshot). */
    List<End> pending() {
        return List.copyOf(pending.values());
    }

    /** Drops the pending end of a deleted job. */
    void forget(String jobId) {
        pending.remove(jobId);
    }

    /**
     * On close, once the watchdog stopped: one last attempt for each pending end, then logs the jobs that remain
     * Executing in the store (an engine's recovery will mark them Failed).
     */
    void closing(Instant now) {
        List<String> left = new ArrayList<>();
        for (End end : pending.values()) {
            if (end.nextAttempt == null) {
                continue; // its first attempt is still running on a thread that did not stop
            }
            if (!attempt(end, now)) {
                pending.remove(end.jobId, end);
                left.add(end.jobId);
            }
        }
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
