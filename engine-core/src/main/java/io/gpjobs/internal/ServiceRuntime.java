package io.gpjobs.internal;

import io.gpjobs.GPService;
import io.gpjobs.spi.DispatchContext.RunEnd;
import io.gpjobs.spi.JobDispatcher;
import io.gpjobs.spi.JobStore;
import io.gpjobs.value.GPValue;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One service as the engine runs it: its store, its dispatcher, its ready queue (jobs handed to a worker slot and
 * not started; submissions bounded by maxQueueSize through permits) and its worker slots. Thread-safe.
 */
final class ServiceRuntime {

    /**
     * A job handed to the worker slots; {@code done} completes when its run ended, and is null when nobody awaits
     * that (a job dispatched in process). {@code inputs}: the validated inputs its submit on this engine handed with
     * it, or null (the worker reads them).
     */
    record QueueEntry(String jobId, int attempt, CompletableFuture<RunEnd> done, Map<String, GPValue> inputs) {
        QueueEntry(String jobId, int attempt, CompletableFuture<RunEnd> done) {
            this(jobId, attempt, done, null);
        }

        /** Tells whoever awaits the run how it ended. */
        void end(RunEnd how) {
            if (done != null) {
                done.complete(how);
            }
        }
    }

    private final GPService service;
    private final JobStore store;
    private volatile JobDispatcher dispatcher;
    /** The worker slots of this engine: maxInstances, or 0 on an engine without workers. */
    final int slots;
    final LinkedBlockingQueue<QueueEntry> queue = new LinkedBlockingQueue<>();
    /** Runs asked for through the dispatch context whose {@code done} has not completed yet. */
    final AtomicInteger reserved = new AtomicInteger();
    final Semaphore permits;
    /** Submitted jobs holding one of the queue's permits until a slot takes them (or they leave the queue). */
    final Set<String> permitted = ConcurrentHashMap.newKeySet();
    /** Workers currently holding a job (abandoned ones excluded). */
    final AtomicInteger busy = new AtomicInteger();
    final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    final AtomicInteger threadNumber = new AtomicInteger();

    ServiceRuntime(GPService service, JobStore store, boolean workers) {
        this.service = service;
        this.slots = workers ? service.maxInstances() : 0;
        this.store = store;
        this.permits = new Semaphore(service.maxQueueSize());
    }

    GPService service() {
        return service;
    }

    JobStore store() {
        return store;
    }

    JobDispatcher dispatcher() {
        return dispatcher;
    }

    void dispatcher(JobDispatcher d) {
        this.dispatcher = d;
    }

    /** Returns the queue permit of {@code jobId}, if it holds one. */
    void releasePermit(String jobId) {
        if (permitted.remove(jobId)) {
            permits.release();
        }
    }

    /**
     * How many more jobs can start now: slots minus busy ones minus jobs waiting in the ready queue, and never more
     * than the slots minus the runs a dispatcher asked for that have not ended ({@link #reserved}): a worker that took
     * an entry from the queue counts as busy a moment later, and a dispatcher asking in between must not be told the
     * slot is free (it would take a job from a shared queue that then waits here while another node is idle).
     */
    int freeSlots() {
        return Math.max(0, slots - Math.max(reserved.get(), busy.get() + queue.size()));
    }

    /** Removes the queue entry of {@code jobId}, if any, returning its permit; its run ends as not claimed. */
    void dequeue(String jobId) {
        for (QueueEntry e : queue) {
            if (e.jobId().equals(jobId) && queue.remove(e)) {
                releasePermit(jobId);
                e.end(RunEnd.NOT_CLAIMED);
                return;
            }
        }
        releasePermit(jobId);
    }
}
