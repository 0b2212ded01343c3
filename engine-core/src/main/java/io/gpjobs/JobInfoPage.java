package io.gpjobs;

import java.util.List;

/**
 * One page of {@link GPEngine#jobPage}: the jobs, how many match in all, and where the next page starts.
 *
 * @param jobs       the jobs of this page, ordered by submitted time then id
 * @param total      how many jobs match the query in all
 * @param nextOffset the offset of the next page, or -1 when this is the last
 */
public record JobInfoPage(List<JobInfo> jobs, int total, int nextOffset) {
    public JobInfoPage {
        jobs = List.copyOf(jobs);
    }
}
