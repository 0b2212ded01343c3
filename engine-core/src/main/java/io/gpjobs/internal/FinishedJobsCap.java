package io.gpjobs.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The retention cap of the in-memory store: remembers the order in which jobs finished and, once more than
 * {@code max} are remembered, hands the oldest to an eviction callback. The janitor deletes expired jobs by age; this
 * bounds the live set however fast jobs finish. An id the janitor deleted meanwhile still takes its place in the
 * order until it is handed out (the callback then finds nothing to drop), so the store never holds more than
 * {@code max} finished jobs, and briefly may hold fewer.
 *
 * <p>Thread-safe and lock-free: one queue append and one counter increment per finished job.
 */
final class FinishedJobsCap {

    private final int max;
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** @param max how many finished jobs to keep, at least 1 */
    FinishedJobsCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxFinishedJobs must be at least 1, got " + max);
        }
        this.max = max;
    }

    /** Records that {@code jobId} finished, and evicts the oldest finished jobs beyond the cap through {@code evict}. */
    void finished(String jobId, Consumer<String> evict) {
        order.add(jobId);
        int n = size.incrementAndGet();
        while (n > max) {
            if (!size.compareAndSet(n, n - 1)) {
                n = size.get();
                continue;
            }
            String oldest = order.poll();
            if (oldest != null) {
                evict.accept(oldest);
            }
            n = size.get();
        }
    }
}
