package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Listing never stops silently at a page (also across stores), and a caller awaits any status it chooses. */
class JobListingAndAwaitStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    /** Opens one in-memory store per jobs directory, so two services live in two stores. */
    private static final class TwoStores implements JobStoreProvider {
        final List<JobStore> opened = new ArrayList<>();

        @Override
        public String name() {
            return "disk";
        }

        @Override
        public JobStore open(Map<String, String> settings) {
            JobStore s = MemoryJobStoreProvider.builder().maxFinishedJobs(100_000).build(); // above the default cap
            opened.add(s);
            return s;
        }
    }

    private static JobRecord finished(String service, Instant at, int n) {
        String id = "j" + String.format("%032x", n);
        return new JobRecord(id, service, "Echo", JobStatus.SUCCEEDED, 0, at, at, at, at, null, null, null, false,
                List.of(), null);
    }

    @Test
    void aPageAcrossStoresPastTheLargestStorePageIsExactAndAllJobsReadsEveryJob() {
        TwoStores provider = new TwoStores();
        GPService a = GPService.builder("A").jobsDirectory("/stores/a").task(TestTasks.echo()).build();
        GPService b = GPService.builder("B").jobsDirectory("/stores/b").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().storeProvider(provider).service(a).service(b).build()) {
            assertThat(provider.opened).hasSize(2);
            int inA = JobQuery.MAX_LIMIT + 1; // more than one store page: store A's last job is the 10,001st
            for (int i = 0; i < inA; i++) {
                provider.opened.get(0).create(finished("A", T0.plusMillis(i), i), Map.of());
            }
            provider.opened.get(1).create(finished("B", T0.plusSeconds(3600), inA), Map.of());

            JobInfoPage page = engine.jobs(JobQuery.all().withPage(JobQuery.MAX_LIMIT, 2));
            assertThat(page.total()).isEqualTo(inA + 1);
            assertThat(page.jobs()).extracting(JobInfo::serviceName).containsExactly("A", "B");
            assertThat(page.jobs().get(0).jobId()).isEqualTo("j" + String.format("%032x", inA - 1));
            assertThat(page.hasMore()).isFalse();
            assertThat(engine.jobs(JobQuery.all().withPage(5, 3)).nextOffset()).isEqualTo(8);

            try (Stream<JobInfo> all = engine.allJobs(JobQuery.all().withPage(0, 1000))) {
                List<JobInfo> every = all.toList();
                assertThat(every).hasSize(inA + 1);
                assertThat(every.get(inA).serviceName()).isEqualTo("B");
                assertThat(every).extracting(JobInfo::submitted).isSorted();
            }
            try (Stream<JobInfo> fromOffset = engine.allJobs(JobQuery.all().withPage(inA - 1, 7))) {
                assertThat(fromOffset.map(JobInfo::serviceName).toList()).containsExactly("A", "B");
            }
            assertThatThrownBy(() -> engine.allJobs(JobQuery.all().withService("Nope")))
                    .isInstanceOf(GPException.class).hasMessageContaining("Service not found");
        }
    }

    @Test
    void awaitStatusReturnsWhenTheChosenNonTerminalStatusIsReached() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Waits").maxInstances(1).task(TestTasks.cooperative("Slow", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            GPCaller caller = engine.as("alice");
            String id = caller.submitJob("Waits", "Slow", Map.of("text", "x")).jobId();
            JobInfo executing = caller.awaitStatus(id, s -> s == JobStatus.EXECUTING, WAIT);
            assertThat(executing.status()).isEqualTo(JobStatus.EXECUTING);
            gate.awaitEntered();

            // A waiter for a status the job has not reached yet is woken by the change itself.
            CompletableFuture<JobInfo> cancelling = CompletableFuture.supplyAsync(
                    () -> caller.awaitStatus(id, s -> s == JobStatus.CANCELLING || s == JobStatus.CANCELLED, WAIT));
            caller.cancel(id);
            assertThat(cancelling.get(20, TimeUnit.SECONDS).status()).isIn(JobStatus.CANCELLING, JobStatus.CANCELLED);

            // A job that ended in another status will never match: the wait returns with it, not at the timeout.
            JobInfo ended = caller.awaitStatus(id, s -> s == JobStatus.SUCCEEDED, Duration.ofMinutes(10));
            assertThat(ended.status()).isEqualTo(JobStatus.CANCELLED);

            assertThatThrownBy(() -> caller.awaitStatus(id, null, WAIT)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("until");
            assertThatThrownBy(() -> caller.awaitStatus("j" + "0".repeat(32), s -> true, WAIT))
                    .isInstanceOf(JobNotFoundException.class);
        }
    }

    @Test
    void awaitStatusTimesOutWithTheJobAsItIs() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Times").maxInstances(1).task(TestTasks.cooperative("Slow", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            GPCaller caller = engine.anonymous();
            String id = caller.submitJob("Times", "Slow", Map.of("text", "x")).jobId();
            gate.awaitEntered();
            JobInfo still = caller.awaitStatus(id, s -> s == JobStatus.SUCCEEDED, Duration.ofMillis(1));
            assertThat(still.status()).isEqualTo(JobStatus.EXECUTING);
            gate.open();
            assertThat(caller.awaitStatus(id, s -> s == JobStatus.SUCCEEDED, WAIT).status())
                    .isEqualTo(JobStatus.SUCCEEDED);
        }
    }
}
