package io.gpjobs.internal;

import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Every record matching a query, read lazily page by page. Stores order records by submitted time, then id; after
 * the first page the next is asked for from the last record's submitted time on, starting at that record, so jobs
 * deleted while iterating (the janitor at work) do not shift the pages: when the page does not start at a record
 * seen already, earlier ones were deleted and the iteration steps back. Every job that exists from the start to
 * the end of an iteration is seen exactly once; jobs submitted or deleted during it may or may not be seen. Not
 * thread-safe.
 */
final class JobIteration implements Iterator<JobRecord> {
    static final Comparator<JobRecord> ORDER = Comparator.comparing(JobRecord::submitted)
            .thenComparing(JobRecord::jobId);

    private final JobStore store;
    private final JobQuery query;
    private final Deque<JobRecord> page = new ArrayDeque<>();
    private JobQuery next;
    private JobRecord last;

    /** Iterates {@code query}'s matches in {@code store} from {@code query.offset()}, pages of {@code limit}. */
    JobIteration(JobStore store, JobQuery query) {
        this.store = store;
        this.query = query;
        this.next = query;
    }

    /** Merges iterations that each yield records in {@link #ORDER} into one iteration in that order. */
    static Iterator<JobRecord> merged(List<Iterator<JobRecord>> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        record Head(JobRecord record, Iterator<JobRecord> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::record, ORDER));
        parts.stream().filter(Iterator::hasNext).forEach(it -> heads.add(new Head(it.next(), it)));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public JobRecord next() {
                Head h = heads.poll();
                if (h == null) {
                    throw new NoSuchElementException();
                }
                if (h.rest().hasNext()) {
                    heads.add(new Head(h.rest().next(), h.rest()));
                }
                return h.record();
            }
        };
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty() && next != null) {
            fetch();
        }
        return !page.isEmpty();
    }

    @Override
    public JobRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        last = page.poll();
        return last;
    }

    private void fetch() {
        JobQuery asked = next;
        JobPage p = store.query(asked);
        List<JobRecord> got = p.jobs();
        if (last != null && asked.offset() > 0 && (got.isEmpty() || ORDER.compare(got.get(0), last) > 0)) {
            // The page should start at the last record seen: records before it were deleted meanwhile and it
            // starts too far on. Step back until it starts at a record seen already, or at the instant's first.
            next = asked.withPage(Math.max(0, asked.offset() - asked.limit()), asked.limit());
            return;
        }
        for (JobRecord r : got) {
            if (last == null || ORDER.compare(r, last) > 0) { // a record seen already is skipped
                page.add(r);
            }
        }
        int n = got.size();
        if (p.nextOffset() < 0 || n == 0) {
            next = null;
            return;
        }
        JobRecord tail = got.get(n - 1);
        // The position of the tail among the records of its submitted instant; the next page starts there (at the
        // tail itself, to see whether records before it were deleted), so a continuation page holds at least two.
        int at = tail.submitted().equals(asked.submittedFrom()) ? asked.offset() + n - 1
                : (int) got.stream().filter(r -> r.submitted().equals(tail.submitted())).count() - 1;
        Instant from = query.submittedFrom() == null || tail.submitted().isAfter(query.submittedFrom())
                ? tail.submitted() : query.submittedFrom();
        next = query.withSubmittedBetween(from, query.submittedBefore()).withPage(at, Math.max(2, query.limit()));
    }
}
