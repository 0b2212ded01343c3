package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;

/**
 * What an engine does with its services' unfinished jobs when it starts. A job Executing or Cancelling whose lease
 * expired, or that this node held, lost its engine: it becomes Failed ("the engine running it stopped") or
 * Cancelled. A queued job (New, Submitted, Waiting) whose lease expired or that this node held is queued here and
 * runs. Queued jobs held by another live engine are left to it; if both end up queuing one job, the claim
 * (compare-and-set to Executing) lets exactly one of them run it.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    private final JobEngine e;

    Recovery(JobEngine engine) {
        this.e = engine;
    }

    void run() {
        Instant now = e.clock.instant();
        for (ServiceRuntime rt : e.services.values()) {
            JobQuery q = JobQuery.all().withService(rt.service().name()).withStatuses(EnumSet.of(JobStatus.NEW,
                    JobStatus.SUBMITTED, JobStatus.WAITING, JobStatus.EXECUTING, JobStatus.CANCELLING));
            for (JobRecord r : JobReads.all(rt.store(), q)) {
                boolean ours = e.nodeId.equals(r.nodeId());
                boolean expired = r.leaseUntil() == null || !now.isBefore(r.leaseUntil());
                if (!ours && !expired) {
                    continue;
                }
                try {
                    if (r.status().isQueued()) {
                        requeue(rt, r, now);
                    } else {
                        markLost(rt, r, now);
                    }
                } catch (JobNotFoundException gone) {
                    // deleted meanwhile
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.WARNING, "could not recover job " + r.jobId(), ex);
                }
            }
        }
    }

    private void requeue(ServiceRuntime rt, JobRecord r, Instant now) {
        JobRecord held = e.writer.update(rt.store(), r.jobId(), cur -> {
            if (!cur.status().isQueued()) {
                return null;
            }
            JobRecord next = cur.withLease(e.nodeId, now.plus(e.leaseDuration)).withUpdated(now);
            if (cur.status() == JobStatus.NEW) {
                next = next.withStatus(JobStatus.SUBMITTED, now)
                        .withMessages(JobRunner.append(cur.messages(), JobMessage.info("Submitted.")));
            }
            return next;
        });
        if (held != null) {
            e.completions.putIfAbsent(r.jobId(), new CompletableFuture<>());
            rt.queue.add(new ServiceRuntime.QueueEntry(r.jobId(), false));
        }
    }

    private void markLost(ServiceRuntime rt, JobRecord r, Instant now) {
        String node = r.nodeId() == null ? "unknown" : r.nodeId();
        e.writer.update(rt.store(), r.jobId(), cur -> switch (cur.status()) {
            case EXECUTING -> JobRunner.ended(cur, JobStatus.FAILED, now, JobRunner.append(cur.messages(),
                    JobMessage.error(e.stoppedMessage(node))));
            case CANCELLING -> JobRunner.ended(cur, JobStatus.CANCELLED, now, JobRunner.append(cur.messages(),
                    JobMessage.info("Cancelled.")));
            default -> null;
        });
    }
}
