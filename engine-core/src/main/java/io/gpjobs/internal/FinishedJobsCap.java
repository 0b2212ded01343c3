package io.gpjobs.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The retention cap of the in-memory store: remembers the order in which jobs finished and, once more than
 * {@code max} are remembered, hands the oldest to an eviction callback. The janitor deletes expired jobs by age; this
 * bounds the live set however fast jobs finish. An id the janitor deleted meanwhile still takes its place in the
 * order until it is handed out (the callback then finds nothing to drop), so the store never holds more than
 * {@code max} finished jobs (besides the few being recorded at that instant), and briefly may hold fewer.
 *
 * <p>The order is a ring of {@code max} slots: the n-th finished job takes slot {@code n mod max} and hands out the
 * job that held it. Slots are allocated in chunks as they are first used, so a large cap costs memory only as jobs
 * finish. Thread-safe and lock-free: one counter increment and one slot swap per finished job, no allocation.
 */
final class FinishedJobsCap {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final int max;
    private final AtomicReferenceArray<AtomicReferenceArray<String>> chunks;
    private final AtomicLong finished = new AtomicLong();

    /** @param max how many finished jobs to keep, at least 1 */
    FinishedJobsCap(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxFinishedJobs must be at least 1, got " + max);
        }
        this.max = max;
        this.chunks = new AtomicReferenceArray<>((max + CHUNK - 1) >>> CHUNK_BITS);
    }

    /** Records that {@code jobId} finished, and evicts the oldest finished job beyond the cap through {@code evict}. */
    void finished(String jobId, Consumer<String> evict) {
        int slot = (int) (finished.getAndIncrement() % max);
        String oldest = chunk(slot >>> CHUNK_BITS).getAndSet(slot & (CHUNK - 1), jobId);
        if (oldest != null) {
            evict.accept(oldest);
        }
    }

    private AtomicReferenceArray<String> chunk(int index) {
        AtomicReferenceArray<String> c = chunks.get(index);
        if (c == null) {
            int size = index == chunks.length() - 1 ? max - (index << CHUNK_BITS) : CHUNK;
            chunks.compareAndSet(index, null, new AtomicReferenceArray<>(size));
            c = chunks.get(index);
        }
        return c;
    }
}
