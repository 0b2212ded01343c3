package io.gpjobs.store.disk.internal;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The {@link JobSlot}s of the index by job id: a hash table in 64 segments, each an open-addressing array of slots
 * (linear probing, the slot is its own key), so a job costs about 10 bytes here instead of a map entry's 40.
 *
 * <p>Thread-safe: each segment is guarded by its monitor; {@link #compute} runs its function under it, so the
 * changes of one job are serialized (the function may take other locks, but never a segment's).
 */
final class SlotTable {

    private static final int SEGMENT_BITS = 6;

    private final Segment[] segments = new Segment[1 << SEGMENT_BITS];

    SlotTable() {
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Segment();
        }
    }

    /** The slot equal to {@code key} (same job id), or null. */
    JobSlot get(JobSlot key) {
        int h = hash(key);
        Segment s = segments[h >>> (32 - SEGMENT_BITS)];
        synchronized (s) {
            int i = s.find(key, h);
            return i < 0 ? null : s.table[i];
        }
    }

    /**
     * Replaces the slot of {@code key}'s job (null when absent) by what {@code f} returns: a slot of the same
     * job id to keep, or null to remove it.
     *
     * @return what {@code f} returned
     */
    JobSlot compute(JobSlot key, UnaryOperator<JobSlot> f) {
        int h = hash(key);
        Segment s = segments[h >>> (32 - SEGMENT_BITS)];
        synchronized (s) {
            int i = s.find(key, h);
            JobSlot old = i < 0 ? null : s.table[i];
            JobSlot next = f.apply(old);
            if (next != null && !next.equals(key)) {
                throw new IllegalArgumentException("slot " + next + " stored under the id of " + key);
            }
            if (next == null) {
                if (old != null) {
                    s.delete(i);
                }
            } else if (old != null) {
                s.table[i] = next;
            } else {
                s.insert(next, h, -i - 1);
            }
            return next;
        }
    }

    /** How many slots the table holds. */
    int size() {
        int n = 0;
        for (Segment s : segments) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    /**
     * Passes every slot to {@code action}, a segment's slots as they were when it was copied (the action runs
     * outside the segment's monitor and may change the table).
     */
    void forEach(Consumer<JobSlot> action) {
        for (Segment s : segments) {
            JobSlot[] copy;
            synchronized (s) {
                copy = s.table.clone();
            }
            for (JobSlot slot : copy) {
                if (slot != null) {
                    action.accept(slot);
                }
            }
        }
    }

    /** A well-mixed hash of the job id (murmur3's finalizer), so that any ids spread evenly. */
    private static int hash(JobSlot key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** One open-addressing table. Not thread-safe: the owner holds its monitor. */
    private static final class Segment {
        JobSlot[] table = new JobSlot[16];
        int size;

        /** The index of the slot equal to {@code key}, or {@code -(free index) - 1}. */
        int find(JobSlot key, int h) {
            int mask = table.length - 1;
            for (int i = h & mask;; i = (i + 1) & mask) {
                JobSlot s = table[i];
                if (s == null) {
                    return -i - 1;
                }
                if (s.equals(key)) {
                    return i;
                }
            }
        }

        void insert(JobSlot slot, int h, int free) {
            table[free] = slot;
            size++;
            if (size * 5 > table.length * 3) { // over 60 % full: double
                JobSlot[] old = table;
                table = new JobSlot[old.length * 2];
                int mask = table.length - 1;
                for (JobSlot s : old) {
                    if (s != null) {
                        int i = hash(s) & mask;
                        while (table[i] != null) {
                            i = (i + 1) & mask;
                        }
                        table[i] = s;
                    }
                }
            }
        }

        /** Removes the slot at {@code hole} and moves later slots of its probe run back (no tombstones). */
        void delete(int hole) {
            int mask = table.length - 1;
            table[hole] = null;
            size--;
            for (int j = (hole + 1) & mask; table[j] != null; j = (j + 1) & mask) {
                int home = hash(table[j]) & mask;
                // the slot at j may fill the hole when the hole lies on its probe path from home to j
                boolean onPath = j > hole ? (home <= hole || home > j) : (home <= hole && home > j);
                if (onPath) {
                    table[hole] = table[j];
                    table[j] = null;
                    hole = j;
                }
            }
        }
    }
}
