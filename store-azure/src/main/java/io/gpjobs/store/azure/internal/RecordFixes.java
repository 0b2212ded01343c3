package io.gpjobs.store.azure.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The record changes a queue dispatcher makes itself, each a compare-and-set on the record's version (its ETag in
 * the Azure store) that re-checks, on the record as it is now, the condition that called for it: a job of a lost
 * node ends Failed (or Cancelled, if it was being cancelled) or goes back to Submitted for a new run; a job whose
 * message was poisoned ends Failed; a queued job whose message was lost is touched after its message is put
 * again. Stateless apart from its clock; thread-safe.
 */
final class RecordFixes {
    private final Clock clock;

    RecordFixes(Clock clock) {
        this.clock = clock;
    }

    /** The message of a job whose node was lost and that may not run again. */
    static String lostMessage(String node, int attempt) {
        return "Job failed: node " + node + ", which was running attempt " + attempt + " of it, stopped renewing its"
                + " lease (the node was lost).";
    }

    /**
     * Ends, or queues again, a job of a lost node when it is still held by {@code node} in {@code status}.
     *
     * @return the record written, or null when the job changed meanwhile (another node acted first)
     */
    JobRecord takeOver(JobStore store, String jobId, String node, boolean rerun, String me) {
        return change(store, jobId, cur -> (cur.status() == JobStatus.EXECUTING || cur.status() == JobStatus.CANCELLING)
                && node != null && node.equals(cur.nodeId()), cur -> {
                    Instant now = clock.instant();
                    if (cur.status() == JobStatus.CANCELLING) {
                        return ended(cur, JobStatus.CANCELLED, now, JobMessage.info("Cancelled."));
                    }
                    if (!rerun) {
                        return ended(cur, JobStatus.FAILED, now, JobMessage.error(lostMessage(node, cur.attempt())));
                    }
                    return new JobRecord(cur.jobId(), cur.serviceName(), cur.taskName(), JobStatus.SUBMITTED,
                            cur.version(), cur.submitted(), null, null, now, cur.owner(), me, null,
                            cur.cancelRequested(), append(cur.messages(), JobMessage.warning("Node " + node
                            + " stopped renewing its lease while running attempt " + cur.attempt() + " of the job: it"
                            + " runs again.")), null, cur.attempt());
                });
    }

    /** Fails a job whose message was delivered {@code deliveries} times without the job finishing. */
    JobRecord poisoned(JobStore store, String jobId, long deliveries, String poisonQueue) {
        return change(store, jobId, cur -> !cur.status().isTerminal() && cur.status() != JobStatus.DELETING,
                cur -> ended(cur, JobStatus.FAILED, clock.instant(), JobMessage.error("Job failed: it was delivered "
                        + deliveries + " times without finishing (each run ended with its node); its message was"
                        + " moved to the queue '" + poisonQueue + "'.")));
    }

    /** Touches a queued record (so the storage stamps it anew) after its message was put again. */
    JobRecord touched(JobStore store, String jobId) {
        return change(store, jobId, cur -> cur.status().isQueued(), cur -> cur.withUpdated(clock.instant()));
    }

    private static JobRecord change(JobStore store, String jobId, Predicate<JobRecord> still,
            java.util.function.UnaryOperator<JobRecord> next) {
        for (int i = 0; i < 4; i++) {
            JobRecord cur = store.read(jobId).orElse(null);
            if (cur == null || !still.test(cur)) {
                return null;
            }
            try {
                return store.update(next.apply(cur));
            } catch (JobConflictException again) {
                // somebody wrote in between: look again
            } catch (JobNotFoundException gone) {
                return null;
            }
        }
        return null;
    }

    private static JobRecord ended(JobRecord cur, JobStatus target, Instant now, JobMessage m) {
        return new JobRecord(cur.jobId(), cur.serviceName(), cur.taskName(), target, cur.version(), cur.submitted(),
                cur.started(), now, now, cur.owner(), null, null, cur.cancelRequested(), append(cur.messages(), m),
                null, cur.attempt());
    }

    private static List<JobMessage> append(List<JobMessage> all, JobMessage m) {
        List<JobMessage> out = new ArrayList<>(all);
        out.add(m);
        return out;
    }
}
