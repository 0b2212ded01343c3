package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.DispatchContext.RunEnd;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.spi.Task;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs claimed jobs on worker threads and watches the running ones: claim (compare-and-set to Executing with a
 * lease), execute, results persisted before Succeeded, final status; and, on each watchdog tick, the time limit,
 * throttled progress persistence, lease renewal and the store's cancel flag. Thread-safe.
 */
final class JobRunner {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());

    private final JobEngine engine;
    /** Queued jobs whose claim the store refused, with when to queue them again; retried by the watchdog. */
    private final ConcurrentHashMap<String, DeferredClaim> deferredClaims = new ConcurrentHashMap<>();
    /** The current backoff of each job whose claim keeps failing. */
    private final ConcurrentHashMap<String, Duration> claimBackoff = new ConcurrentHashMap<>();

    private record DeferredClaim(ServiceRuntime runtime, ServiceRuntime.QueueEntry entry, Instant due) {
    }

    JobRunner(JobEngine engine) {
        this.engine = engine;
    }

    boolean isClosed() {
        return engine.closed.get();
    }

    /** The jobs whose claim the store refused and that wait to be queued again (a snapshot). */
    java.util.Set<String> deferredClaimIds() {
        return java.util.Set.copyOf(deferredClaims.keySet());
    }

    /** The jobs of one service whose claim the store refused and that wait to be queued again (a snapshot). */
    java.util.Set<String> deferredClaimIds(ServiceRuntime rt) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        deferredClaims.forEach((id, c) -> {
            if (c.runtime() == rt) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * Claims and runs one queued job on the calling worker thread.
     *
     * @return how the run ended, or null when the claim is deferred (the store refused it; queued again later)
     */
    RunEnd run(ServiceRuntime rt, ServiceRuntime.QueueEntry entry, Worker worker) {
        String jobId = entry.jobId();
        Instant now = engine.clock.instant();
        JobRecord claimed;
        try {
            claimed = engine.writer.update(rt.store(), jobId, cur -> {
                if (cur.status() != JobStatus.SUBMITTED && cur.status() != JobStatus.WAITING) {
                    return null;
                }
                // One copy (this runs for every job): Executing, started, leased to this node, the attempt it
                // starts, with its message (a run after the first names its attempt and node).
                int attempt = cur.attempt() + 1;
                return new JobRecord(cur.jobId(), cur.serviceName(), cur.taskName(), JobStatus.EXECUTING,
                        cur.version(), cur.submitted(), now, cur.ended(), now, cur.owner(), engine.nodeId,
                        now.plus(engine.leaseDuration), cur.cancelRequested(),
                        append(cur.messages(), EngineMessages.executing(attempt, engine.nodeId)),
                        JobProgress.EXECUTING, attempt);
            });
        } catch (JobNotFoundException e) {
            claimBackoff.remove(jobId);
            engine.pendingInputs.remove(jobId);
            return RunEnd.NOT_CLAIMED;
        } catch (JobStoreException e) {
            // The store is unreachable: the job is still queued there. Queue it here again after a backoff.
            Duration wait = claimBackoff.merge(jobId, JobEnds.FIRST_BACKOFF, (old, first) ->
                    old.multipliedBy(2).compareTo(JobEnds.MAX_BACKOFF) < 0 ? old.multipliedBy(2)
                            : JobEnds.MAX_BACKOFF);
            deferredClaims.put(jobId, new DeferredClaim(rt, entry, now.plus(wait)));
            LOG.log(System.Logger.Level.WARNING, "could not start job " + jobId + " (" + e.getMessage()
                    + "); it stays queued and is tried again in " + wait.toSeconds() + " s");
            return null;
        }
        claimBackoff.remove(jobId);
        if (claimed == null) {
            // Cancelled, deleted or claimed by another engine meanwhile.
            engine.pendingInputs.remove(jobId);
            engine.commands.completeIfTerminal(rt, jobId);
            return RunEnd.NOT_CLAIMED;
        }
        Task task = rt.service().tasks().get(claimed.taskName());
        Map<String, GPValue> inputs = entry.inputs() != null ? entry.inputs() : engine.pendingInputs.remove(jobId);
        JobExecution x;
        try {
            if (task == null) {
                throw new IllegalStateException("task '" + claimed.taskName() + "' is not in service '"
                        + rt.service().name() + "' on this engine");
            }
            if (inputs == null) {
                inputs = decode(rt, task, jobId);
            }
        } catch (RuntimeException e) {
            return failUnstarted(rt, claimed, worker, e);
        }
        x = new JobExecution(jobId, rt, task, inputs, claimed.messages(), claimed.started(),
                claimed.attempt(), worker, engine.events);
        engine.running.put(jobId, x);
        // A cancel that landed between the claim and the registration above fires the token now.
        JobRecord latest = engine.cache.getIfPresent(jobId);
        if (latest != null && latest.cancelRequested()) {
            x.token.fire("was cancelled");
        }
        boolean ok = false;
        Throwable failure = null;
        try {
            task.execute(new EngineTaskContext(x, engine.clock, engine.remoteUrls));
            ok = true;
        } catch (Throwable t) {
            failure = t;
        } finally {
            x.markReturned();
            Thread.interrupted(); // an interrupt was for the task; the final writes must not see it
        }
        return finish(x, ok, failure);
    }

    private Map<String, GPValue> decode(ServiceRuntime rt, Task task, String jobId) {
        Map<String, GPValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, StoredValue> e : rt.store().inputs(jobId).entrySet()) {
            io.gpjobs.value.GPDataType type = io.gpjobs.value.GPDataType.parse(e.getValue().dataType());
            // With the parameter's definition, value-table columns and composite members keep their declared types.
            values.put(e.getKey(), task.definition().parameter(e.getKey())
                    .filter(p -> p.dataType().equals(type))
                    .map(p -> GPValueCodec.fromJson(p.shape(), e.getValue().json()))
                    .orElseGet(() -> GPValueCodec.fromJson(type, e.getValue().json())));
        }
        // Validated again so that defaults added to the task since the job was stored apply too.
        return InputValidator.validate(task.definition(), values);
    }

    /** Fails a claimed job whose task could not start (kept and retried like any end when the store fails). */
    private RunEnd failUnstarted(ServiceRuntime rt, JobRecord claimed, Worker worker, RuntimeException e) {
        Instant now = engine.clock.instant();
        worker.uncount();
        try {
            return engine.ends.writeOrKeep(new JobEnds.End(claimed.jobId(), rt, JobEnds.Kind.FINISHED, now,
                    claimed.messages(), null, false, null, describe(e)), now) ? RunEnd.RECORDED : RunEnd.PENDING;
        } catch (JobNotFoundException gone) {
            return RunEnd.RECORDED; // deleted meanwhile
        }
    }

    /**
     * Records the end of a job whose task returned: results (first) and the final status. When the storage fails,
     * the outcome is kept and written later ({@link JobEnds}); the worker is free at once either way.
     */
    private RunEnd finish(JobExecution x, boolean ok, Throwable failure) {
        try {
            if (x.abandoned.get() || !x.completed.compareAndSet(false, true)) {
                removeLateFiles(x);
                // timed out, deleted or stopped: the engine already wrote (or keeps) the job's last status
                return x.engineStopping ? RunEnd.STOPPED : RunEnd.RECORDED;
            }
            Map<String, StoredValue> results = null;
            String problem = null;
            if (ok && !x.token.isCancellationRequested() && !x.engineStopping && !x.fenced) {
                try {
                    results = encodeResults(x);
                } catch (RuntimeException e) {
                    problem = describe(e);
                }
            } else if (!ok) {
                problem = taskFailure(x.jobId, x.task.definition().name(), failure);
            }
            // The task has returned, so its slot is free before anyone can see the job ended: a job submitted by a
            // client that awaited this one does not wait for a slot about to be taken back.
            x.worker.uncount();
            Instant now = engine.clock.instant();
            JobEnds.End end = new JobEnds.End(x.jobId, x.service, JobEnds.Kind.FINISHED, now,
                    x.messages(), x.progress(), x.engineStopping, results, problem);
            end.claim = new JobEnds.Claim(engine.nodeId, x.claimedAt, x.attempt);
            if (results != null) {
                end.names = JobReads.names(x.task, results.keySet(), x.inputs.keySet());
            }
            boolean written = engine.ends.writeOrKeep(end, now);
            return x.engineStopping ? RunEnd.STOPPED : written ? RunEnd.RECORDED : RunEnd.PENDING;
        } catch (JobNotFoundException gone) {
            return RunEnd.RECORDED; // deleted while running: nothing left to write
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not record the end of job " + x.jobId, e);
            return RunEnd.PENDING;
        } finally {
            engine.running.remove(x.jobId, x);
        }
    }

    /**
     * The task of a deleted job may have gone on writing files after the delete removed its folder: now that it
     * returned, what it wrote is removed too (the store's delete is idempotent and takes folders without a record).
     */
    private void removeLateFiles(JobExecution x) {
        try {
            if (x.service.store().read(x.jobId).isEmpty()) {
                x.service.store().delete(x.jobId);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the files the task of deleted job " + x.jobId
                    + " wrote after the delete", e);
        }
    }

    private Map<String, StoredValue> encodeResults(JobExecution x) {
        if (x.task.definition().outputs().isEmpty()) {
            return Map.of();
        }
        Map<String, GPValue> outputs = x.outputs();
        Map<String, StoredValue> results = new LinkedHashMap<>();
        for (ParameterDefinition p : x.task.definition().outputs()) {
            GPValue v = outputs.get(p.name());
            if (v == null) {
                throw new IllegalStateException("task '" + x.task.definition().name() + "' did not set output '"
                        + p.name() + "'");
            }
            // secrets (a token= in a URL the task echoed) are never stored, wherever in the value they are
            results.put(p.name(), new StoredValue(v.dataType().wireName(), Redactor.redactJson(GPValueCodec.toJson(v))));
        }
        return results;
    }

    static JobRecord ended(JobRecord cur, JobStatus target, Instant now, List<JobMessage> messages) {
        return ended(cur, target, now, now, messages);
    }

    /** {@code cur} ended with {@code target} at {@code end}, written at {@code updated}. */
    static JobRecord ended(JobRecord cur, JobStatus target, Instant end, Instant updated, List<JobMessage> messages) {
        return new JobRecord(cur.jobId(), cur.serviceName(), cur.taskName(), target, cur.version(), cur.submitted(),
                cur.started(), end, updated, cur.owner(), null, null, cur.cancelRequested(), messages, null,
                cur.attempt());
    }

    static List<JobMessage> append(List<JobMessage> messages, JobMessage... more) {
        List<JobMessage> all = new ArrayList<>(messages.size() + more.length);
        all.addAll(messages);
        all.addAll(List.of(more));
        return all;
    }

    /**
     * What a user is told of an exception thrown by a task. An {@link IllegalArgumentException} or a
     * {@link io.gpjobs.GPException} is the task's own word to its user (naming the parameter and the value) and is
     * shown as is; anything else is a fault inside the task whose raw text alone means little to a user, so it is
     * told in the job's context (task, kind of fault, job) and the log gets the whole exception.
     */
    static String taskFailure(String jobId, String taskName, Throwable t) {
        if (t == null || t instanceof InterruptedException || t instanceof IllegalArgumentException
                || t instanceof io.gpjobs.GPException) {
            return describe(t);
        }
        LOG.log(System.Logger.Level.ERROR, "task '" + taskName + "' failed in job " + jobId, t);
        return "task '" + taskName + "' failed unexpectedly in job " + jobId + " (" + t.getClass().getSimpleName()
                + "): " + describe(t);
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "the task failed";
        }
        if (t instanceof InterruptedException) {
            return "the task was interrupted";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    // ---- watchdog ----

    /** One watchdog pass over the running jobs: time limits, abandonment, persistence, leases, cancel flags. */
    void tick() {
        Instant now = engine.clock.instant();
        engine.ends.retryDue(now);
        deferredClaims.forEach((jobId, c) -> {
            if (!now.isBefore(c.due()) && deferredClaims.remove(jobId, c)) {
                c.runtime().queue.add(c.entry());
            }
        });
        for (JobExecution x : engine.running.values()) {
            try {
                watch(x, now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "watchdog failed on job " + x.jobId, e);
            }
        }
    }

    private void watch(JobExecution x, Instant now) {
        if (x.returned.get()) {
            return;
        }
        if (!now.isBefore(x.deadline) && x.timeoutFired.compareAndSet(false, true)) {
            timeOut(x, now);
            return;
        }
        if (x.timeoutFired.get()) {
            Instant grace = x.graceDeadline;
            if (grace != null && !now.isBefore(grace) && x.abandoned.compareAndSet(false, true)) {
                // The token fired a grace period ago and the task still runs: interrupt it as the fallback, and
                // give its slot to a new worker (the thread exits whenever the task finally returns).
                if (!x.returned.get()) {
                    x.thread.interrupt();
                }
                abandon(x);
            }
            return;
        }
        if (x.completed.get()) {
            return;
        }
        if (x.storeRetryAt != null && now.isBefore(x.storeRetryAt)) {
            return; // the store failed lately: leave it alone for a moment
        }
        Duration interval = x.service.service().progressMessageUpdateInterval();
        Duration renew = engine.leaseDuration.dividedBy(3);
        boolean persistDue = !now.isBefore(x.lastPersist.plus(interval));
        boolean leaseDue = !now.isBefore(x.lastLease.plus(renew));
        try {
            if (persistDue && x.takeDirty()) {
                persistOrMarkDirty(x, now);
            } else if (leaseDue) {
                persist(x, now);
            }
            if (!now.isBefore(x.lastCancelCheck.plus(x.service.service().cancellationCheckInterval()))) {
                x.lastCancelCheck = now;
                JobRecord fresh = x.service.store().read(x.jobId).orElse(null);
                if (fresh == null) {
                    x.token.fire("was deleted");
                } else {
                    engine.cache.putNewer(fresh);
                    if ((fresh.status() == JobStatus.EXECUTING || fresh.status() == JobStatus.CANCELLING)
                            && !JobEnds.Claim.holds(engine.nodeId, x.claimedAt, x.attempt, fresh)) {
                        x.fenced = true; // another run holds the job: this one stops and stores nothing
                        x.token.fire("was taken over by node " + fresh.nodeId() + " (attempt " + fresh.attempt() + ")");
                    } else if (fresh.cancelRequested() || fresh.status() != JobStatus.EXECUTING) {
                        x.token.fire("was cancelled");
                    }
                }
            }
            x.storeRetryAt = null;
        } catch (JobStoreException e) {
            // Tried again a little later (on the engine's clock) rather than on every tick.
            x.storeRetryAt = now.plus(JobEnds.FIRST_BACKOFF);
            LOG.log(System.Logger.Level.WARNING, "could not update running job " + x.jobId + " (" + e.getMessage()
                    + "); trying again in " + JobEnds.FIRST_BACKOFF.toSeconds() + " s");
        }
    }

    private void persistOrMarkDirty(JobExecution x, Instant now) {
        try {
            persist(x, now);
        } catch (RuntimeException e) {
            x.markDirty(); // what changed is persisted at the next chance
            throw e;
        }
    }

    private void persist(JobExecution x, Instant now) {
        List<JobMessage> messages = x.messages();
        JobProgress progress = x.progress();
        try {
            engine.writer.update(x.service.store(), x.jobId, cur -> {
                if (x.completed.get() || (cur.status() != JobStatus.EXECUTING && cur.status() != JobStatus.CANCELLING)) {
                    return null;
                }
                if (!JobEnds.Claim.holds(engine.nodeId, x.claimedAt, x.attempt, cur)) {
                    // Another run of the job holds it now (this one was taken for lost): stop, write nothing.
                    x.fenced = true;
                    x.token.fire("was taken over by node " + cur.nodeId() + " (attempt " + cur.attempt() + ")");
                    return null;
                }
                return cur.withMessages(messages).withProgress(progress).withUpdated(now)
                        .withLease(engine.nodeId, now.plus(engine.leaseDuration));
            });
            x.lastPersist = now;
            x.lastLease = now;
        } catch (JobNotFoundException gone) {
            x.token.fire("was deleted");
        }
    }

    private void timeOut(JobExecution x, Instant now) {
        x.graceDeadline = now.plus(engine.timeoutGrace);
        // Claim the job's end before the task can react to the token: a task that stops on the token must not
        // turn a timeout into a failure.
        boolean ours = x.completed.compareAndSet(false, true);
        // Cooperative first: the token fires now, the thread is interrupted only once the grace period passed.
        x.token.fire("timed out");
        if (!ours) {
            return;
        }
        try {
            engine.ends.writeOrKeep(new JobEnds.End(x.jobId, x.service, JobEnds.Kind.TIMED_OUT, now,
                    x.messages(), x.progress(), false, null, null), now);
        } catch (JobNotFoundException gone) {
            // deleted meanwhile
        }
    }

    /** Gives up on a task that ignored its cancellation for a grace period: frees its slot with a new worker. */
    private void abandon(JobExecution x) {
        Worker w = x.worker;
        w.abandoned.set(true);
        w.uncount();
        engine.running.remove(x.jobId, x);
        LOG.log(System.Logger.Level.WARNING, "job " + x.jobId + " ignored cancellation for " + engine.timeoutGrace
                .toSeconds() + " s past its time limit; thread " + x.thread.getName() + " is interrupted, abandoned "
                + "and replaced");
        if (!engine.closed.get()) {
            new Worker(x.service, this).start();
        }
    }
}
