package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Queries become server-side OData filters within Azure's 15-comparison limit. */
class QueryFiltersTest {

    @Test
    void everyFilterIsTranslated() {
        JobQuery q = JobQuery.all().withStatuses(Set.of(JobStatus.SUCCEEDED, JobStatus.FAILED)).withOwner("o'neil")
                .withSubmittedBetween(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2))
                .withUpdatedBefore(Instant.ofEpochSecond(3, 5));
        assertThat(QueryFilters.of(q, "svc%2Fa")).isEqualTo("PartitionKey eq 'svc%2Fa' and RowKey gt ''"
                + " and (status eq 'esriJobSucceeded' or status eq 'esriJobFailed')"
                + " and submittedNs ge 1000000000L and submittedNs lt 2000000000L and updatedNs lt 3000000005L"
                + " and owner eq 'o''neil'");
    }

    @Test
    void largeStatusSetsAreLeftToTheClientSideCheck() {
        JobQuery q = JobQuery.all().withStatuses(EnumSet.range(JobStatus.NEW, JobStatus.CANCELLING));
        String f = QueryFilters.of(q, null);
        assertThat(f).isEqualTo("PartitionKey ne '~nodes' and RowKey gt ''");
        assertThat(f.split(" eq | gt | ge | lt ").length - 1).isLessThanOrEqualTo(15);
    }
}
