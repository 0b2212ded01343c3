package io.gpjobs.internal;

import io.gpjobs.GPException;
import io.gpjobs.JobInfo;
import io.gpjobs.JobInfoPage;
import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The admin operations of the engine (no access check): job queries across stores, statistics, purging a
 * service's queue, and the janitor. Thread-safe.
 */
public final class JobAdmin {
    private static final EnumSet<JobStatus> FINISHED = EnumSet.of(JobStatus.SUCCEEDED, JobStatus.FAILED,
            JobStatus.TIMED_OUT, JobStatus.CANCELLED);

    private final JobEngine e;

    JobAdmin(JobEngine engine) {
        this.e = engine;
    }

    /** One page of jobs across the stores in use, as views (no access check: an admin operation). */
    public JobInfoPage jobs(JobQuery q) {
        List<JobStore> targets = targets(q);
        if (targets.size() == 1) {
            JobPage p = targets.get(0).query(q);
            return new JobInfoPage(p.jobs().stream().map(e.reads::view).toList(), p.total(), p.nextOffset());
        }
        // Several stores: their records merged in query order, read lazily, so any offset is served exactly.
        int total = 0;
        for (JobStore st : targets) {
            total += st.query(q.withPage(0, 1)).total();
        }
        Iterator<JobRecord> it = merged(targets, q);
        List<JobInfo> page = new ArrayList<>();
        for (int i = 0; i < q.offset() + q.limit() && it.hasNext(); i++) {
            JobRecord r = it.next();
            if (i >= q.offset()) {
                page.add(e.reads.view(r));
            }
        }
        int next = q.offset() + page.size() < total && it.hasNext() ? q.offset() + page.size() : -1;
        return new JobInfoPage(page, total, next);
    }

    /**
     * Every job matching {@code q} from its offset on, across the stores in use, read lazily a page of
     * {@code q.limit()} at a time when the stream is consumed (see {@link JobIteration} for its consistency).
     */
    public Stream<JobInfo> all(JobQuery q) {
        List<JobStore> targets = targets(q);
        Supplier<Spliterator<JobRecord>> lazily = () -> {
            Iterator<JobRecord> it;
            if (targets.size() == 1) {
                it = new JobIteration(targets.get(0), q);
            } else {
                it = merged(targets, q);
                for (int i = 0; i < q.offset() && it.hasNext(); i++) {
                    it.next();
                }
            }
            return Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL);
        };
        return StreamSupport.stream(lazily, Spliterator.ORDERED | Spliterator.NONNULL, false).map(e.reads::view);
    }

    private static Iterator<JobRecord> merged(List<JobStore> targets, JobQuery q) {
        List<Iterator<JobRecord>> parts = new ArrayList<>();
        for (JobStore st : targets) {
            parts.add(new JobIteration(st, q.withPage(0, q.limit())));
        }
        return JobIteration.merged(parts);
    }

    private List<JobStore> targets(JobQuery q) {
        if (q.serviceName() == null) {
            return List.copyOf(e.stores);
        }
        ServiceRuntime rt = e.services.get(q.serviceName());
        if (rt == null) {
            throw new GPException(404, "Service not found.", List.of("no service '" + q.serviceName() + "'"));
        }
        return List.of(rt.store());
    }

    /** How many jobs of a service are in each status. */
    public Map<JobStatus, Integer> statistics(String serviceName) {
        ServiceRuntime rt = e.runtime(serviceName);
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            JobQuery q = JobQuery.all().withService(serviceName).withStatuses(EnumSet.of(s)).withPage(0, 1);
            counts.put(s, rt.store().query(q).total());
        }
        return Collections.unmodifiableMap(counts);
    }

    /** Cancels every queued (New, Submitted, Waiting) job of a service; returns how many. */
    public int purgeQueue(String serviceName) {
        ServiceRuntime rt = e.runtime(serviceName);
        int n = 0;
        for (JobRecord r : all(rt.store(), JobQuery.all().withService(serviceName)
                .withStatuses(EnumSet.of(JobStatus.NEW, JobStatus.SUBMITTED, JobStatus.WAITING)))) {
            try {
                if (e.commands.cancel(r.jobId(), null, false).status() == JobStatus.CANCELLED) {
                    n++;
                }
            } catch (GPException ex) {
                // started or ended meanwhile
            }
        }
        return n;
    }

    /** How many expired jobs the janitor reads at a time. */
    private static final int JANITOR_PAGE = 500;

    /** Every record matching a query, all pages. */
    static List<JobRecord> all(JobStore store, JobQuery q) {
        List<JobRecord> out = new ArrayList<>();
        int offset = 0;
        while (offset >= 0) {
            JobPage p = store.query(q.withPage(offset, 500));
            out.addAll(p.jobs());
            offset = p.nextOffset();
        }
        return out;
    }

    /**
     * Removes finished jobs older than their service's maxFileAge (by last update, on the engine's clock) and
     * storage that belongs to no job.
     *
     * @return how many jobs and orphaned folders were removed
     */
    public int runJanitor() {
        Instant now = e.clock.instant();
        int removed = 0;
        Map<JobStore, Duration> minAge = new IdentityHashMap<>();
        for (ServiceRuntime rt : e.services.values()) {
            Duration age = rt.service().maxFileAge();
            minAge.merge(rt.store(), age, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            JobQuery q = JobQuery.all().withService(rt.service().name()).withStatuses(FINISHED)
                    .withUpdatedBefore(now.minus(age));
            // Page by page, each page deleted before the next is read: deleted jobs leave the result, so the next
            // page starts at the same offset (no list of every expired job, no walk past the deleted ones). A job a
            // store keeps although asked to delete it shows up again; the offset then moves past it.
            int offset = 0;
            Set<String> previous = Set.of();
            while (true) {
                JobPage page = rt.store().query(q.withPage(offset, JANITOR_PAGE));
                Set<String> ids = new HashSet<>();
                int kept = 0;
                for (JobRecord r : page.jobs()) {
                    ids.add(r.jobId());
                    if (previous.contains(r.jobId())) {
                        kept++;
                    } else if (rt.store().delete(r.jobId())) {
                        removed++;
                        e.cache.invalidate(r.jobId());
                        e.reads.forget(r.jobId());
                        e.events.status(r.jobId(), r.status(), JobStatus.DELETED);
                    }
                }
                if (page.jobs().isEmpty() || page.nextOffset() < 0) {
                    break;
                }
                offset += kept;
                previous = ids;
            }
        }
        for (Map.Entry<JobStore, Duration> m : minAge.entrySet()) {
            removed += m.getKey().deleteOrphans(now.minus(m.getValue()));
        }
        return removed;
    }
}
