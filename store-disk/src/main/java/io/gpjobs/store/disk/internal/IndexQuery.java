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
import java.util.EnumSet;
import java.util.Set;

/**
 * Runs a {@link JobQuery} over the {@link RecordIndex}: walks the slots of the services and statuses asked for,
 * from the start of the submitted range, in query order (merging the per-status sets without sorting), filters
 * on the slots' fields, and reads the records of the requested page only. When the query filters on nothing but
 * service and status, the total comes from the counts and the walk ends with the page; otherwise the total takes
 * one pass over the slots of the range, with no allocation per slot.
 *
 * <p>A record read for the page is checked against the query again: the slot may have been filtered on a
 * state another store has changed since, or on one being written at that instant. A record that is gone or no
 * longer matches is left out of the page and of the total.
 *
 * <p>Thread-safe (stateless). The {@link RecordIndex} runs a walk while no status move of its own can interleave, so
 * each job is met once; a record read for the page may still move a job another store changed, and a job already on
 * the page is then not taken twice.
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

    /** One page of {@code q} over the slots of {@code shelves}. */
    static JobPage run(JobQuery q, List<Shelf> shelves, RecordReader reader) throws IOException {
        IndexQuery filter = new IndexQuery(q);
        Instant from = q.submittedFrom();
        Instant before = q.submittedBefore();
        Set<JobStatus> statuses = q.statuses().isEmpty() ? EnumSet.allOf(JobStatus.class) : q.statuses();
        // with no filter but service and status, the counts give the total and the walk ends with the page
        boolean counted = from == null && before == null && q.owner() == null && q.updatedBefore() == null;
        long count = 0;
        List<Iterator<JobSlot>> parts = new ArrayList<>();
        if (from == null || before == null || from.isBefore(before)) {
            for (Shelf shelf : shelves) {
                for (JobStatus status : statuses) {
                    parts.add(shelf.jobs(status, from, before));
                    count += shelf.count(status);
                }
            }
        }
        Merge merge = new Merge(parts);
        List<JobRecord> page = new ArrayList<>(Math.min(q.limit(), 1024));
        Set<String> pageIds = new java.util.HashSet<>();
        int matched = 0;
        int left = 0;
        boolean more = false;
        for (JobSlot s = merge.next(); s != null; s = merge.next()) {
            if (!filter.matches(s)) {
                continue;
            }
            if (matched >= q.offset()) {
                if (page.size() == q.limit()) {
                    if (counted) {
                        more = true; // the rest only counts, and the counts know it
                        break;
                    }
                } else {
                    if (pageIds.contains(s.jobId())) {
                        continue; // moved by a record read for this page (another store changed it): seen already
                    }
                    JobRecord r = reader.read(s);
                    if (r == null || !q.matches(r)) {
                        left++;
                        continue;
                    }
                    pageIds.add(r.jobId());
                    page.add(r);
                }
            }
            matched++;
        }
        int total = more ? (int) Math.max(matched + 1L, count - left) : matched;
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

        private int n;

        Merge(List<Iterator<JobSlot>> all) {
            this.parts = new ArrayList<>();
            this.heads = new JobSlot[all.size()];
            for (Iterator<JobSlot> it : all) {
                if (it.hasNext()) {
                    heads[n++] = it.next();
                    parts.add(it);
                }
            }
        }

        /** The next slot, or null at the end. */
        JobSlot next() {
            if (n == 0) {
                return null;
            }
            int min = 0;
            for (int i = 1; i < n; i++) {
                if (JobSlot.ORDER.compare(heads[i], heads[min]) < 0) {
                    min = i;
                }
            }
            JobSlot out = heads[min];
            Iterator<JobSlot> it = parts.get(min);
            if (it.hasNext()) {
                heads[min] = it.next();
            } else { // drop the finished part: the last one takes its place
                n--;
                heads[min] = heads[n];
                heads[n] = null;
                parts.set(min, parts.get(n));
                parts.remove(n);
            }
            return out;
        }
    }
}
