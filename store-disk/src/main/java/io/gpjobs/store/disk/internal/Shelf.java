package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobStatus;
import java.time.Instant;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The indexed jobs of one service: one set per status, each in query order ({@link JobSlot#ORDER}), and the
 * number of jobs in each. A status change moves a slot from one set to the other.
 *
 * <p>Thread-safe. The {@link RecordIndex} adds and removes a job's slot only while it holds that job's entry in
 * its id map, so a slot is in at most one set and each count follows its set (a count and a set seen at
 * different instants may differ by the changes in between).
 */
final class Shelf {

    private static final JobStatus[] STATUSES = JobStatus.values();

    private final String name;
    private final String folder;
    private final NavigableSet<JobSlot>[] byStatus;
    private final AtomicIntegerArray counts = new AtomicIntegerArray(STATUSES.length);

    @SuppressWarnings("unchecked") // an array of a generic type
    Shelf(String name) {
        this.name = name;
        this.folder = Names.serviceFolder(name);
        this.byStatus = new NavigableSet[STATUSES.length];
        for (int i = 0; i < STATUSES.length; i++) {
            byStatus[i] = new ConcurrentSkipListSet<>(JobSlot.ORDER);
        }
    }

    /** The service name. */
    String name() {
        return name;
    }

    /** The name of the service's folder. */
    String folder() {
        return folder;
    }

    /** Adds a slot under its current status. */
    void add(JobSlot s) {
        int i = s.status().ordinal();
        if (byStatus[i].add(s)) {
            counts.incrementAndGet(i);
        }
    }

    /** Removes a slot from the set of its current status. */
    void remove(JobSlot s) {
        int i = s.status().ordinal();
        if (byStatus[i].remove(s)) {
            counts.decrementAndGet(i);
        }
    }

    /** How many jobs are in status {@code s}. */
    int count(JobStatus s) {
        return counts.get(s.ordinal());
    }

    /**
     * The jobs in status {@code s} submitted in {@code [from, before)}, in query order.
     *
     * @param from   the first instant, or null for no lower bound
     * @param before the end (excluded), or null for no upper bound; after {@code from} when both are set
     */
    Iterator<JobSlot> jobs(JobStatus s, Instant from, Instant before) {
        NavigableSet<JobSlot> range = byStatus[s.ordinal()];
        if (from != null) {
            range = range.tailSet(JobSlot.bound(from), true);
        }
        if (before != null) {
            range = range.headSet(JobSlot.bound(before), false);
        }
        return range.iterator();
    }
}
