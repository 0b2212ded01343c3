package io.gpjobs.spi;

import java.util.List;

/**
 * One page of a {@link JobQuery}.
 *
 * @param jobs       the records of this page, in query order
 * @param total      how many records match the query in all
 * @param nextOffset the offset of the next page, or -1 when this is the last
 */
public record JobPage(List<JobRecord> jobs, int total, int nextOffset) {
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
