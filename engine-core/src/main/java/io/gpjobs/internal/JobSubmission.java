package io.gpjobs.internal;

import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Submission: inputs validated against the task, the job created with its inputs in one write and handed to its
 * service's dispatcher; synchronous execution waits for the end; synchronous jobs that wait longer than
 * maxWaitTime for a worker time out (from the watchdog). Thread-safe.
 */
public final class JobSubmission {
    private final JobEngine e;

    JobSubmission(JobEngine engine) {
        this.e = engine;
    }

    /**
     * Validates inputs, creates the job with its inputs in one write (stored Submitted, or Waiting when every worker
     * slot is taken; listeners hear New first) and queues it.
     *
     * @throws InvalidInputException when an input is bad (nothing is stored)
     * @throws GPException           404 for an unknown service or task, 400 for the wrong execution type, 503 when
     *                               the queue is full
     */
    public JobRecord submit(String serviceName, String taskName, Map<String, ?> raw, String principal, boolean sync) {
        e.checkOpen();
        ServiceRuntime rt = e.runtime(serviceName);
        Task task = rt.service().task(taskName).orElseThrow(() -> new GPException(404, "Task not found.",
                List.of("service '" + serviceName + "' has no task '" + taskName + "'")));
        GPService.ExecutionType wanted = sync ? GPService.ExecutionType.SYNCHRONOUS : GPService.ExecutionType.ASYNCHRONOUS;
        if (rt.service().executionType() != wanted) {
            throw new GPException(400, "Unable to complete operation.", List.of("service '" + serviceName + "' is "
                    + rt.service().executionType().wireName() + ": use " + (sync ? "submitJob" : "execute")));
        }
        if (principal != null && principal.isBlank()) {
            throw new IllegalArgumentException("principal must be null or not blank");
        }
        TaskDefinition def = task.definition();
        Map<String, GPValue> values = InputValidator.validate(def, raw == null ? Map.of() : raw);
        List<String> refused = UrlGuard.check(values, e.remoteUrls);
        if (!refused.isEmpty()) {
            throw new InvalidInputException(refused);
        }
        Map<String, StoredValue> settings = JobEnvironment.stored(raw == null ? Map.of() : raw);
        Map<String, StoredValue> stored = values.isEmpty() ? settings : new LinkedHashMap<>();
        if (!values.isEmpty()) {
            values.forEach((name, v) -> stored.put(name, new StoredValue(v.dataType().wireName(),
                    Redactor.redactJson(GPValueCodec.toJson(v)))));
            stored.putAll(settings);
        }
        if (!rt.permits.tryAcquire()) {
            throw new GPException(503, "The job queue is full.", List.of("service '" + serviceName
                    + "' already has " + rt.service().maxQueueSize() + " queued jobs (maxQueueSize)"));
        }
        boolean queued = false;
        String id = JobIds.next();
        rt.permitted.add(id);
        try {
            Instant now = e.clock.instant();
            // One write: the record and its inputs are stored together, so New never needs a write of its own; the
            // job is stored Submitted, or Waiting when every slot is taken (listeners still hear New first).
            boolean waiting = rt.slots > 0 && rt.queue.size() >= rt.slots - rt.busy.get();
            JobRecord fresh = new JobRecord(id, serviceName, def.name(), waiting ? JobStatus.WAITING
                    : JobStatus.SUBMITTED, 0, now, null, null, now, principal, e.nodeId, now.plus(e.leaseDuration), false,
                    List.of(EngineMessages.SUBMITTED), null);
            // In process, the inputs travel with the job to its worker; another dispatcher's job finds them here.
            boolean here = rt.dispatcher() instanceof InProcessDispatcher;
            if (!here) {
                e.pendingInputs.put(id, values);
            }
            e.completions.put(id, new CompletableFuture<>());
            if (sync) {
                e.syncResults.put(id, new AtomicReference<>());
            }
            JobRecord submitted = e.writer.create(rt.store(), fresh, stored);
            if (here) {
                ((InProcessDispatcher) rt.dispatcher()).dispatch(submitted, values);
            } else {
                rt.dispatcher().dispatch(submitted);
                rt.releasePermit(id); // accepted by a dispatcher that queues it elsewhere
            }
            queued = true;
            return submitted;
        } catch (RuntimeException ex) {
            if (!queued && !(ex instanceof JobConflictException)) {
                // The caller hears the submit failed: leave no half-submitted job behind to run later. Even a failed
                // create may have been written (a lost response); the id is new and ours, so deleting it is safe
                // (unless the store says the id was taken: then the record is not ours).
                try {
                    rt.store().delete(id);
                    e.cache.invalidate(id);
                } catch (RuntimeException again) {
                    ex.addSuppressed(again);
                }
            }
            throw ex;
        } finally {
            if (!queued) {
                rt.releasePermit(id);
                e.pendingInputs.remove(id);
                e.completions.remove(id);
                e.syncResults.remove(id);
            }
        }
    }

    /**
     * What a synchronous job ended with.
     *
     * @param record  the job's last record
     * @param results the results this engine stored for it when it succeeded here, or null (then read them)
     */
    public record Executed(JobRecord record, Map<String, StoredValue> results) {
    }

    /** Submits on a synchronous service and waits for the end (bounded by maxWaitTime + maxUsageTime). */
    public Executed executeAndWait(String serviceName, String taskName, Map<String, ?> raw, String principal) {
        JobRecord r = submit(serviceName, taskName, raw, principal, true);
        try {
            GPService svc = e.runtime(serviceName).service();
            Duration bound = svc.maxWaitTime().plus(svc.maxUsageTime()).plus(e.timeoutGrace).plusSeconds(5);
            JobRecord done = e.reads.awaitRecord(r.jobId(), bound);
            var handed = e.syncResults.get(r.jobId());
            return new Executed(done, done.status() == JobStatus.SUCCEEDED && handed != null ? handed.get() : null);
        } finally {
            e.syncResults.remove(r.jobId());
        }
    }


    /** Times out synchronous requests that waited longer than maxWaitTime for a worker. */
    void expireWaitingSyncJobs() {
        Instant now = e.clock.instant();
        for (ServiceRuntime rt : e.services.values()) {
            GPService svc = rt.service();
            if (svc.executionType() != GPService.ExecutionType.SYNCHRONOUS) {
                continue;
            }
            for (ServiceRuntime.QueueEntry q : rt.queue) {
                JobRecord r = e.cache.getIfPresent(q.jobId());
                if (r == null || r.status() != JobStatus.WAITING || now.isBefore(r.submitted().plus(svc.maxWaitTime()))) {
                    continue;
                }
                try {
                    JobRecord out = e.writer.update(rt.store(), q.jobId(), cur -> cur.status() != JobStatus.WAITING ? null
                            : JobRunner.ended(cur, JobStatus.TIMED_OUT, now, JobRunner.append(cur.messages(),
                            JobMessage.error("Timed out: no free instance within the service's maximum wait time of "
                                    + svc.maxWaitTime().toSeconds() + " s."))));
                    if (out != null) {
                        rt.dequeue(q.jobId());
                        e.pendingInputs.remove(q.jobId());
                    }
                } catch (JobNotFoundException gone) {
                    rt.dequeue(q.jobId());
                }
            }
        }
    }
}
