package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;

/**
 * Runs a {@link JobQuery} over the {@link RecordIndex}: walks the slots of the services asked for, from the start
 * of the submitted range to its end, in query order (merging services without sorting), filters on the slots'
 * fields, and reads the records of the requested page only. The total takes one pass over the slots of the range,
 * with no allocation per slot.
 *
 * <p>A record read for the page is checked against the query again: the slot may have been filtered on a
 * state another store has changed since, or on one being written at that instant. A record that is gone or no
 * longer matches is left out of the page and of the total.
 *
 * <p>Thread-safe (stateless); a page is consistent with the slots as they were when it walked them.
 */
final class IndexQuery {

    /** Reads the record of a slot for a page. */
    @FunctionalInterface
    interface RecordReader {
        /** The record of {@code slot}'s job, or null when it is gone or cannot be read. */
        JobRecord read(JobSlot slot) throws IOException;
    }

    private final boolean[] statuses;
    private final String owner;
    private final boolean byUpdate;
    private final long updatedSecond;
    private final int updatedNano;

    private IndexQuery(JobQuery q) {
        if (q.statuses().isEmpty()) {
            statuses = null;
        } else {
            statuses = new boolean[JobStatus.values().length];
            for (JobStatus s : q.statuses()) {
                statuses[s.ordinal()] = true;
            }
        }
        owner = q.owner();
        byUpdate = q.updatedBefore() != null;
        updatedSecond = byUpdate ? q.updatedBefore().getEpochSecond() : 0;
        updatedNano = byUpdate ? q.updatedBefore().getNano() : 0;
    }

    /** One page of {@code q} over the slots of {@code shelves} (each in query order). */
    static JobPage run(JobQuery q, List<RecordIndex.Shelf> shelves, RecordReader reader) throws IOException {
        IndexQuery filter = new IndexQuery(q);
        List<Iterator<JobSlot>> parts = new ArrayList<>();
        Instant from = q.submittedFrom();
        Instant before = q.submittedBefore();
        if (from == null || before == null || from.isBefore(before)) {
            for (RecordIndex.Shelf shelf : shelves) {
                NavigableSet<JobSlot> range = shelf.jobs();
                if (from != null) {
                    range = range.tailSet(JobSlot.bound(from), true);
                }
                if (before != null) {
                    range = range.headSet(JobSlot.bound(before), false);
                }
                parts.add(range.iterator());
            }
        }
        Merge merge = new Merge(parts);
        List<JobRecord> page = new ArrayList<>(Math.min(q.limit(), 1024));
        int total = 0;
        for (JobSlot s = merge.next(); s != null; s = merge.next()) {
            if (!filter.matches(s)) {
                continue;
            }
            if (total >= q.offset() && page.size() < q.limit()) {
                JobRecord r = reader.read(s);
                if (r == null || !q.matches(r)) {
                    continue;
                }
                page.add(r);
            }
            total++;
        }
        int start = Math.min(q.offset(), total);
        int end = start + page.size();
        return new JobPage(page, total, end < total ? end : -1);
    }

    /** The filters the range does not already apply: status, owner, last update. */
    private boolean matches(JobSlot s) {
        return (statuses == null || statuses[s.status().ordinal()])
                && (owner == null || owner.equals(s.owner()))
                && (!byUpdate || s.updatedBefore(updatedSecond, updatedNano));
    }

    /** Merges iterators that are each in query order into one in query order. Not thread-safe. */
    private static final class Merge {
        private final List<Iterator<JobSlot>> parts;
        private final JobSlot[] heads;

        Merge(List<Iterator<JobSlot>> parts) {
            this.parts = parts;
            this.heads = new JobSlot[parts.size()];
            for (int i = 0; i < heads.length; i++) {
                heads[i] = parts.get(i).hasNext() ? parts.get(i).next() : null;
            }
        }

        /** The next slot, or null at the end. */
        JobSlot next() {
            int min = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != null && (min < 0 || JobSlot.ORDER.compare(heads[i], heads[min]) < 0)) {
                    min = i;
                }
            }
            if (min < 0) {
                return null;
            }
            JobSlot out = heads[min];
            Iterator<JobSlot> it = parts.get(min);
            heads[min] = it.hasNext() ? it.next() : null;
            return out;
        }
    }
}
