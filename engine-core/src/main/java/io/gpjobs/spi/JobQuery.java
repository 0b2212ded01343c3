package io.gpjobs.spi;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A query over job records: every filter that is set must match. Results are ordered by submitted time, then
 * job id, ascending, so that paging is stable.
 *
 * @param serviceName     only jobs of this service, or null for all
 * @param statuses        only jobs in one of these statuses; empty for all
 * @param submittedFrom   only jobs submitted at or after this instant, or null
 * @param submittedBefore only jobs submitted before this instant, or null
 * @param updatedBefore   only jobs last updated before this instant, or null (the janitor's filter)
 * @param owner           only jobs of this owner, or null for all
 * @param offset          how many matching jobs to skip, at least 0
 * @param limit           the page size, 1..10,000
 */
public record JobQuery(
        String serviceName,
        Set<JobStatus> statuses,
        Instant submittedFrom,
        Instant submittedBefore,
        Instant updatedBefore,
        String owner,
        int offset,
        int limit) {

    /** The largest page a store must serve in one call. */
    public static final int MAX_LIMIT = 10_000;

    public JobQuery {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    /** A query for every job, first page of 100. */
    public static JobQuery all() {
        return new JobQuery(null, Set.of(), null, null, null, null, 0, 100);
    }

    public JobQuery withService(String s) {
        return new JobQuery(s, statuses, submittedFrom, submittedBefore, updatedBefore, owner, offset, limit);
    }

    public JobQuery withStatuses(Set<JobStatus> s) {
        return new JobQuery(serviceName, s, submittedFrom, submittedBefore, updatedBefore, owner, offset, limit);
    }

    public JobQuery withSubmittedBetween(Instant from, Instant before) {
        return new JobQuery(serviceName, statuses, from, before, updatedBefore, owner, offset, limit);
    }

    public JobQuery withUpdatedBefore(Instant t) {
        return new JobQuery(serviceName, statuses, submittedFrom, submittedBefore, t, owner, offset, limit);
    }

    public JobQuery withOwner(String o) {
        return new JobQuery(serviceName, statuses, submittedFrom, submittedBefore, updatedBefore, o, offset, limit);
    }

    public JobQuery withPage(int off, int lim) {
        return new JobQuery(serviceName, statuses, submittedFrom, submittedBefore, updatedBefore, owner, off, lim);
    }

    /** Whether {@code r} passes every filter of this query (paging aside). Stores may use it to filter. */
    public boolean matches(JobRecord r) {
        Objects.requireNonNull(r, "record");
        return (serviceName == null || serviceName.equals(r.serviceName()))
                && (statuses.isEmpty() || statuses.contains(r.status()))
                && (submittedFrom == null || !r.submitted().isBefore(submittedFrom))
                && (submittedBefore == null || r.submitted().isBefore(submittedBefore))
                && (updatedBefore == null || r.updated().isBefore(updatedBefore))
                && (owner == null || owner.equals(r.owner()));
    }
}
