package io.gpjobs.internal;

import io.gpjobs.spi.JobRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The engine's status cache: the last record it wrote or read of each recent job, so that the write path and readers
 * skip a store read. An entry expires {@code ttl} after it was written (another engine's writes become visible
 * within that time), and at most {@code capacity} jobs are kept, the first put first out. A miss only costs a read.
 *
 * <p>Cheaper than a general cache on the engine's per-job path: a put of a new job is one map insert and one ring
 * slot, with no access order or frequency sketch to maintain. Thread-safe; a job invalidated and put again may leave
 * early (a miss, never a stale value beyond {@code ttl}).
 */
public final class StatusCache {

    /** A cached record and when it expires ({@link System#nanoTime()}); compared by identity. */
    private static final class Entry {
        final JobRecord record;
        final long expires;

        Entry(JobRecord record, long expires) {
            this.record = record;
            this.expires = expires;
        }
    }

    private final ConcurrentHashMap<String, Entry> map;
    private final AtomicReferenceArray<String> ring;
    private final AtomicLong puts = new AtomicLong();
    private final long ttlNanos;
    private final LongSupplier ticker;

    /**
     * @param capacity how many jobs to keep, at least 1
     * @param ttl      how long an entry lives after it was written, positive
     * @throws IllegalArgumentException naming the value when either is out of range
     */
    public StatusCache(int capacity, Duration ttl) {
        this(capacity, ttl, System::nanoTime);
    }

    /** As {@link #StatusCache(int, Duration)}, with the time source of expiry ({@link System#nanoTime()}). */
    StatusCache(int capacity, Duration ttl, LongSupplier ticker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.map = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
        this.ring = new AtomicReferenceArray<>(capacity);
        this.ttlNanos = ttl.toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** The cached record of {@code jobId}, or null when none is cached or it expired. */
    public JobRecord getIfPresent(String jobId) {
        Entry e = map.get(jobId);
        if (e == null) {
            return null;
        }
        if (ticker.getAsLong() - e.expires >= 0) {
            map.remove(jobId, e);
            return null;
        }
        return e.record;
    }

    /**
     * The cached record of {@code jobId} even when it expired, or null: a writer's first guess, which its
     * compare-and-set checks. Expiry is for readers, who must see other engines' writes within {@code ttl}; a writer
     * holding a stale guess only loses one compare-and-set and reads then, so waiting in a queue for longer than
     * {@code ttl} does not cost a job's claim a read of its record.
     */
    public JobRecord guess(String jobId) {
        Entry e = map.get(jobId);
        return e == null ? null : e.record;
    }

    /** Caches {@code record} as its job's current record. */
    public void put(JobRecord record) {
        String id = record.jobId();
        if (map.put(id, stamp(record)) == null) {
            admitted(id);
        }
    }

    /**
     * Caches {@code record} unless a record of the job with a higher version is cached (a later write that another
     * thread cached first).
     */
    public void putNewer(JobRecord record) {
        String id = record.jobId();
        Entry fresh = stamp(record);
        while (true) {
            Entry cur = map.putIfAbsent(id, fresh);
            if (cur == null) {
                admitted(id);
                return;
            }
            if (cur.record.version() > record.version() || map.replace(id, cur, fresh)) {
                return;
            }
            // removed or replaced meanwhile: look again
        }
    }

    /** Forgets the cached record of {@code jobId}. */
    public void invalidate(String jobId) {
        map.remove(jobId);
    }

    /** How many jobs are cached (expired ones included until they are read or pushed out). */
    int size() {
        return map.size();
    }

    private Entry stamp(JobRecord record) {
        Objects.requireNonNull(record, "record");
        return new Entry(record, ticker.getAsLong() + ttlNanos);
    }

    /** A new key took a ring slot: the key that held it (the oldest) leaves the map. */
    private void admitted(String id) {
        int slot = (int) Math.floorMod(puts.getAndIncrement(), (long) ring.length());
        String old = ring.getAndSet(slot, id);
        if (old != null && !old.equals(id)) {
            map.remove(old);
        }
    }
}
