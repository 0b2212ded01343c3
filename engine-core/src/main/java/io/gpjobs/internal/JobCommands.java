package io.gpjobs.internal;

import io.gpjobs.InvalidInputException;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The caller's commands on an existing job: cancel (queued jobs at once, executing ones through Cancelling and
 * their token) and delete. Thread-safe.
 */
public final class JobCommands {
    private final JobEngine e;

    JobCommands(JobEngine engine) {
        this.e = engine;
    }

    /**
     * Cancels a job: queued ones at once, executing ones through Cancelling; repeated cancels are harmless.
     *
     * @throws InvalidInputException when the job already ended
     */
    public JobRecord cancel(String jobId, String principal) {
        return cancel(jobId, principal, true);
    }

    /** Cancels a job, checking the access policy unless an admin operation (purgeQueue) asks. */
    JobRecord cancel(String jobId, String principal, boolean checkAccess) {
        JobReads.Located loc = e.reads.locate(jobId);
        if (checkAccess) {
            e.reads.check(AccessPolicy.Action.CANCEL, principal, loc.record());
        }
        Instant now = e.clock.instant();
        JobRecord after = e.writer.update(loc.store(), jobId, cur -> switch (cur.status()) {
            case NEW, SUBMITTED, WAITING -> JobRunner.ended(cur, JobStatus.CANCELLED, now,
                    JobRunner.append(cur.messages(), EngineMessages.CANCELLED)).withCancelRequested(true);
            case EXECUTING -> cur.withStatus(JobStatus.CANCELLING, now).withCancelRequested(true);
            case CANCELLING -> null;
            default -> throw new InvalidInputException("job '" + jobId + "' cannot be cancelled: its status is "
                    + cur.status().wireName());
        });
        if (after == null) {
            after = loc.store().read(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
        }
        if (after.status() == JobStatus.CANCELLING) {
            JobExecution x = e.running.get(jobId);
            if (x != null) {
                x.token.fire("was cancelled");
            }
        } else if (after.status() == JobStatus.CANCELLED && loc.runtime() != null) {
            loc.runtime().dequeue(jobId);
            e.pendingInputs.remove(jobId);
        }
        return after;
    }

    /** Deletes a job: cancels it if it runs, Deleting, then record and files removed. Returns it as Deleted. */
    public JobRecord delete(String jobId, String principal) {
        JobReads.Located loc = e.reads.locate(jobId);
        e.reads.check(AccessPolicy.Action.DELETE, principal, loc.record());
        Instant now = e.clock.instant();
        JobRecord deleting = e.writer.update(loc.store(), jobId, cur -> cur.status() == JobStatus.DELETING ? null
                : cur.withStatus(JobStatus.DELETING, now).withCancelRequested(!cur.status().isTerminal()));
        JobExecution x = e.running.get(jobId);
        if (x != null) {
            x.completed.set(true);
            x.token.fire("was deleted");
        }
        if (loc.runtime() != null) {
            loc.runtime().dequeue(jobId);
        }
        e.pendingInputs.remove(jobId);
        e.ends.forget(jobId);
        JobRecord last = deleting != null ? deleting : loc.record();
        loc.store().delete(jobId);
        e.cache.invalidate(jobId);
        e.reads.forget(jobId);
        JobRecord gone = last.withStatus(JobStatus.DELETED, now);
        e.events.status(jobId, JobStatus.DELETING, JobStatus.DELETED);
        CompletableFuture<JobRecord> f = e.completions.remove(jobId);
        if (f != null) {
            f.complete(gone);
        }
        return gone;
    }

    /** Completes the future of a job that ended without this engine writing its end (e.g. cancelled elsewhere). */
    void completeIfTerminal(ServiceRuntime rt, String jobId) {
        CompletableFuture<JobRecord> f = e.completions.get(jobId);
        if (f == null) {
            return;
        }
        JobRecord r = rt.store().read(jobId).orElse(null);
        if (r != null && r.status().isTerminal()) {
            if (e.completions.remove(jobId, f)) {
                f.complete(r);
            }
        } else {
            // Gone, or run by another engine: waiters fall back to reading the store.
            e.completions.remove(jobId, f);
        }
    }
}
