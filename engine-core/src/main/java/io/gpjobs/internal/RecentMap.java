package io.gpjobs.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A map that keeps the last {@code capacity} keys put, first in first out, for values that never change once known
 * (a miss only costs a recomputation). Cheaper than a general cache on the engine's per-job path: a put is one map
 * insert and one array slot, with no eviction policy to maintain. Thread-safe; a key removed and put again may leave
 * early (a miss, never a wrong value).
 *
 * @param <K> key type
 * @param <V> value type
 */
final class RecentMap<K, V> {
    private final ConcurrentHashMap<K, V> map;
    private final AtomicReferenceArray<K> ring;
    private final AtomicLong puts = new AtomicLong();

    RecentMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.map = new ConcurrentHashMap<>(capacity * 2);
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    /** The value of {@code key}, or null. */
    V get(K key) {
        return map.get(key);
    }

    /** Puts a value; a new key pushes out the oldest one when the map is full. */
    void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        if (map.put(key, value) == null) {
            int slot = (int) Math.floorMod(puts.getAndIncrement(), (long) ring.length());
            K old = ring.getAndSet(slot, key);
            if (old != null && !old.equals(key)) {
                map.remove(old);
            }
        }
    }

    /** Forgets a key. */
    void remove(K key) {
        map.remove(key);
    }

    /** How many keys it holds (at most the capacity, plus puts in flight). */
    int size() {
        return map.size();
    }
}
