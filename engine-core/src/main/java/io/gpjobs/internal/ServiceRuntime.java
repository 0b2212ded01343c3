package io.gpjobs.internal;

import io.gpjobs.GPService;
import io.gpjobs.spi.JobStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One service as the engine runs it: its store, its queue (bounded by maxQueueSize through permits) and its worker
 * slots. Thread-safe.
 */
final class ServiceRuntime {

    /** A queued job; {@code permit} says whether it holds one of the queue's permits. */
    record QueueEntry(String jobId, boolean permit) {
    }

    private final GPService service;
    private final JobStore store;
    final LinkedBlockingQueue<QueueEntry> queue = new LinkedBlockingQueue<>();
    final Semaphore permits;
    /** Workers currently holding a job (abandoned ones excluded). */
    final AtomicInteger busy = new AtomicInteger();
    final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    final AtomicInteger threadNumber = new AtomicInteger();

    ServiceRuntime(GPService service, JobStore store) {
        this.service = service;
        this.store = store;
        this.permits = new Semaphore(service.maxQueueSize());
    }

    GPService service() {
        return service;
    }

    JobStore store() {
        return store;
    }

    /** Removes the queue entry of {@code jobId}, if any, returning its permit. */
    void dequeue(String jobId) {
        for (QueueEntry e : queue) {
            if (e.jobId().equals(jobId) && queue.remove(e)) {
                if (e.permit()) {
                    permits.release();
                }
                return;
            }
        }
    }
}
