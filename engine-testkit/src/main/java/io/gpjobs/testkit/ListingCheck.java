package io.gpjobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.JobInfoPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The engine's job listing over a store: pages with their totals, and every page read while jobs are deleted. */
final class ListingCheck {
    private static final String SERVICE = "Listed";

    private ListingCheck() {
    }

    /** 45 finished jobs, five to an instant; returns them in listing order. */
    private static List<String> fill(JobStore store) {
        Instant t0 = Instant.parse("2026-01-02T03:04:05Z").truncatedTo(ChronoUnit.MICROS);
        List<JobRecord> made = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            Instant at = t0.plusSeconds(i / 5);
            JobRecord r = ContractRecords.newRecord(ContractRecords.newJobId(), SERVICE, at, null);
            made.add(store.create(r.withStatus(JobStatus.SUCCEEDED, at).withEnded(at), Map.of()));
        }
        return made.stream().sorted(java.util.Comparator.comparing(JobRecord::submitted)
                .thenComparing(JobRecord::jobId)).map(JobRecord::jobId).toList();
    }

    static void check(JobStore store) {
        List<String> expected = fill(store);
        Task idle = new Task() {
            @Override
            public TaskDefinition definition() {
                return new TaskDefinition("Idle", null, null, null, null,
                        List.of(ParameterDefinition.output("Done", GPDataType.BOOLEAN)));
            }

            @Override
            public void execute(io.gpjobs.spi.TaskContext context) {
                // never submitted: the jobs of this check are created finished
            }
        };
        GPService svc = GPService.builder(SERVICE).task(idle).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            JobInfoPage page = engine.jobs(JobQuery.all().withService(SERVICE).withPage(40, 4));
            assertThat(page.total()).isEqualTo(45);
            assertThat(page.hasMore()).isTrue();
            assertThat(page.nextOffset()).isEqualTo(44);
            assertThat(page.jobs()).extracting(JobInfo::jobId).containsExactlyElementsOf(expected.subList(40, 44));
            JobInfoPage last = engine.jobs(JobQuery.all().withService(SERVICE).withPage(44, 4));
            assertThat(last.hasMore()).isFalse();

            try (Stream<JobInfo> all = engine.allJobs(JobQuery.all().withService(SERVICE).withPage(0, 4))) {
                assertThat(all.map(JobInfo::jobId).toList()).containsExactlyElementsOf(expected);
            }
            // Delete each job as it is read (a janitor at work): every job is still seen, once, in order.
            List<String> seen = new ArrayList<>();
            try (Stream<JobInfo> all = engine.allJobs(JobQuery.all().withService(SERVICE).withPage(0, 3))) {
                all.forEach(j -> {
                    seen.add(j.jobId());
                    engine.anonymous().delete(j.jobId());
                });
            }
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(engine.jobs(JobQuery.all().withService(SERVICE)).total()).isZero();
        }
    }
}
