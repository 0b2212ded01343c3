package io.gpjobs;

import java.util.List;

/**
 * One page of {@link GPEngine#jobs}: the jobs, how many match in all, and where the next page starts. A page never
 * hides that more jobs match: {@link #hasMore()} tells, {@link #nextOffset()} is the offset to ask for next, and
 * {@link GPEngine#allJobs} reads every page. Immutable.
 *
 * @param jobs       the jobs of this page, ordered by submitted time then id
 * @param total      how many jobs match the query in all
 * @param nextOffset the offset of the next page, or -1 when this is the last
 */
public record JobInfoPage(List<JobInfo> jobs, int total, int nextOffset) {
    public JobInfoPage {
        jobs = List.copyOf(jobs);
    }

    /** Whether jobs after this page match the query (then {@link #nextOffset()} is where the next page starts). */
    public boolean hasMore() {
        return nextOffset >= 0;
    }
}
