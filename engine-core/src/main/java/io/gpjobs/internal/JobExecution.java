package io.gpjobs.internal;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.Task;
import io.gpjobs.value.GPValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live state of one job executing on this engine: messages and progress as the task reports them (readers see
 * them at once; the watchdog persists them at most every progressMessageUpdateInterval), the cancellation token,
 * the outputs, the deadlines, and the worker thread. Thread-safe.
 */
final class JobExecution {
    final String jobId;
    final ServiceRuntime service;
    final Task task;
    final Map<String, GPValue> inputs;
    final EngineCancellationToken token;
    final EngineProgressor progressor;
    final Thread thread;
    final Worker worker;
    final Instant deadline;
    /** When this engine claimed the job: with the node id, it names this run (a later claim elsewhere fences it). */
    final Instant claimedAt;
    /** The attempt this run is (the record's attempt as its claim wrote it). */
    final int attempt;

    private final List<JobMessage> messages;
    /** The outputs the task set, made at its first output (most runs of a task without outputs set none). */
    private Map<String, GPValue> outputs;
    private final EngineEvents events;
    private volatile boolean dirty;

    /** Set once the job's terminal status was written (or the record is gone): later writes are skipped. */
    final AtomicBoolean completed = new AtomicBoolean();
    /** Set when the task's thread returned from {@code execute} (see {@link #markReturned}). */
    final AtomicBoolean returned = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch returnLatch = new java.util.concurrent.CountDownLatch(1);
    /** Set when the time limit fired. */
    final AtomicBoolean timeoutFired = new AtomicBoolean();
    /** Set when the engine gave up on the thread and replaced its worker. */
    final AtomicBoolean abandoned = new AtomicBoolean();
    /** Set when the record showed another run of the job holding it: this run's outputs are dropped. */
    volatile boolean fenced;
    /** Set when the engine is closing under this job. */
    volatile boolean engineStopping;

    volatile Instant lastPersist;
    volatile Instant lastLease;
    volatile Instant lastCancelCheck;
    volatile Instant graceDeadline;
    /** Set when the store failed the watchdog's last write or read: the next ones wait until then. */
    volatile Instant storeRetryAt;

    JobExecution(String jobId, ServiceRuntime service, Task task, Map<String, GPValue> inputs,
                 List<JobMessage> persistedMessages, Instant now, int attempt, Worker worker, EngineEvents events) {
        this.jobId = jobId;
        this.service = service;
        this.task = task;
        this.inputs = Map.copyOf(inputs);
        this.messages = new ArrayList<>(persistedMessages);
        this.events = events;
        this.token = new EngineCancellationToken(jobId);
        this.progressor = new EngineProgressor(this::progressChanged);
        this.thread = Thread.currentThread();
        this.worker = worker;
        this.deadline = now.plus(service.service().maxUsageTime());
        this.claimedAt = now;
        this.attempt = attempt;
        this.lastPersist = now;
        this.lastLease = now;
        this.lastCancelCheck = now;
    }

    /** Records that the task returned, waking {@link #awaitReturn}. */
    void markReturned() {
        returned.set(true);
        returnLatch.countDown();
    }

    /** Waits until the task returned or {@code System.nanoTime()} reaches {@code deadline}. */
    void awaitReturn(long deadline) {
        try {
            returnLatch.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void addMessage(JobMessage m) {
        synchronized (messages) {
            messages.add(m);
        }
        dirty = true;
        events.message(jobId, m);
    }

    List<JobMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    private void progressChanged(JobProgress p) {
        dirty = true;
        events.progress(jobId, p);
    }

    JobProgress progress() {
        return progressor.current();
    }

    /** Whether something changed since the last persist, clearing the flag. */
    boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    /** Marks the live state as changed since the last persist (after a persist that failed). */
    void markDirty() {
        dirty = true;
    }

    void setOutput(String name, GPValue value) {
        synchronized (this) {
            if (outputs == null) {
                outputs = new LinkedHashMap<>();
            }
            outputs.put(name, value);
        }
    }

    /** A copy of the outputs the task set, in the order it set them. */
    Map<String, GPValue> outputs() {
        synchronized (this) {
            return outputs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(outputs);
        }
    }
}
