package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The janitor (on the engine's clock), purgeQueue, statistics and jobs(query). */
class JanitorAndAdminTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theJanitorRemovesFinishedJobsOlderThanMaxFileAgeOnly() throws Exception {
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Janitor").maxFileAge(Duration.ofMinutes(10)).maxInstances(1)
                .maxUsageTime(Duration.ofHours(1))
                .task(TestTasks.echo()).task(TestTasks.cooperative("Gated", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).build()) {
            String old = engine.anonymous().submitJob("Janitor", "Echo", Map.of("text", "a")).jobId();
            assertThat(engine.anonymous().awaitCompletion(old, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            String running = engine.anonymous().submitJob("Janitor", "Gated", Map.of("text", "b")).jobId();
            gate.awaitEntered();
            assertThat(engine.runJanitor()).isZero();

            clock.advance(Duration.ofMinutes(9));
            assertThat(engine.runJanitor()).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(engine.runJanitor()).isEqualTo(1);
            assertThatThrownBy(() -> engine.anonymous().job(old)).isInstanceOf(JobNotFoundException.class);
            // A running job is never removed, however old.
            assertThat(engine.anonymous().job(running).status()).isEqualTo(JobStatus.EXECUTING);
            gate.open();
            assertThat(engine.anonymous().awaitCompletion(running, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.runJanitor()).isZero();
        }
    }

    @Test
    void theJanitorRemovesManyPagesOfExpiredJobsAndKeepsTheRest() {
        ManualClock clock = new ManualClock();
        java.time.Instant longAgo = clock.instant().minus(Duration.ofDays(2));
        io.gpjobs.internal.InMemoryJobStore store = new io.gpjobs.internal.InMemoryJobStore();
        int expired = 1_234;
        for (int i = 0; i < expired + 3; i++) {
            java.time.Instant t = i < expired ? longAgo.plusSeconds(i) : clock.instant();
            store.create(new io.gpjobs.spi.JobRecord(String.format("j%032x", i), "Pages", "Echo",
                    i % 3 == 0 ? JobStatus.FAILED : JobStatus.SUCCEEDED, 0, t, t, t, t, null, null, null, false,
                    List.of(), null), Map.of());
        }
        GPService svc = GPService.builder("Pages").maxFileAge(Duration.ofHours(1)).task(TestTasks.echo()).build();
        RecordingListener events = new RecordingListener();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).listener(events).build()) {
            assertThat(engine.runJanitor()).isEqualTo(expired);
            assertThat(store.query(JobQuery.all()).total()).isEqualTo(3);
            assertThat(events.transitions).filteredOn(t -> t.to() == JobStatus.DELETED).hasSize(expired);
            assertThat(engine.runJanitor()).isZero();
        }
    }

    @Test
    void theJanitorEndsOnAStoreThatKeepsWhatItSaysItDeleted() {
        ManualClock clock = new ManualClock();
        java.time.Instant t = clock.instant().minus(Duration.ofDays(2));
        io.gpjobs.internal.InMemoryJobStore memory = new io.gpjobs.internal.InMemoryJobStore();
        for (int i = 0; i < 1_100; i++) {
            memory.create(new io.gpjobs.spi.JobRecord(String.format("j%032x", i), "Stuck", "Echo", JobStatus.SUCCEEDED,
                    0, t.plusSeconds(i), t, t, t, null, null, null, false, List.of(), null), Map.of());
        }
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        ForwardingJobStore stuck = new ForwardingJobStore(memory) {
            @Override
            public boolean delete(String jobId) {
                asked.incrementAndGet();
                return true; // and keeps it
            }
        };
        GPService svc = GPService.builder("Stuck").maxFileAge(Duration.ofHours(1)).task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(stuck).clock(clock).build()) {
            engine.runJanitor();
            // every job was asked for once, none twice, and the run ended
            assertThat(asked.get()).isEqualTo(1_100);
        }
    }

    @Test
    void purgeQueueCancelsQueuedJobsAndStatisticsCountEachStatus() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Admin").maxInstances(1).task(TestTasks.cooperative("Gated", gate))
                .task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String done = engine.anonymous().submitJob("Admin", "Echo", Map.of("text", "a")).jobId();
            engine.anonymous().awaitCompletion(done, WAIT);
            String running = engine.anonymous().submitJob("Admin", "Gated", Map.of("text", "b")).jobId();
            gate.awaitEntered();
            String q1 = engine.anonymous().submitJob("Admin", "Echo", Map.of("text", "c")).jobId();
            String q2 = engine.anonymous().submitJob("Admin", "Echo", Map.of("text", "d")).jobId();

            Map<JobStatus, Integer> stats = engine.statistics("Admin");
            assertThat(stats).hasSize(11);
            assertThat(stats.get(JobStatus.SUCCEEDED)).isEqualTo(1);
            assertThat(stats.get(JobStatus.EXECUTING)).isEqualTo(1);
            assertThat(stats.get(JobStatus.WAITING)).isEqualTo(2);

            assertThat(engine.purgeQueue("Admin")).isEqualTo(2);
            assertThat(engine.anonymous().job(q1).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(engine.anonymous().job(q2).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(engine.anonymous().job(running).status()).isEqualTo(JobStatus.EXECUTING);
            gate.open();
            engine.anonymous().awaitCompletion(running, WAIT);

            List<JobInfo> cancelled = engine.jobs(JobQuery.all().withService("Admin")
                    .withStatuses(EnumSet.of(JobStatus.CANCELLED))).jobs();
            assertThat(cancelled).extracting(JobInfo::jobId).containsExactlyInAnyOrder(q1, q2);
            cancelled.forEach(JobJsonSchema::render);
            assertThat(engine.jobs(JobQuery.all().withPage(1, 2)).jobs()).hasSize(2);
            assertThat(engine.statistics("Admin").get(JobStatus.SUCCEEDED)).isEqualTo(2);
        }
    }
}
