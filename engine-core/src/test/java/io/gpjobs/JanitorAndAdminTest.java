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
            String old = engine.submitJob("Janitor", "Echo", Map.of("text", "a")).jobId();
            assertThat(engine.awaitCompletion(old, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            String running = engine.submitJob("Janitor", "Gated", Map.of("text", "b")).jobId();
            gate.awaitEntered();
            assertThat(engine.runJanitor()).isZero();

            clock.advance(Duration.ofMinutes(9));
            assertThat(engine.runJanitor()).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(engine.runJanitor()).isEqualTo(1);
            assertThatThrownBy(() -> engine.job(old)).isInstanceOf(JobNotFoundException.class);
            // A running job is never removed, however old.
            assertThat(engine.job(running).status()).isEqualTo(JobStatus.EXECUTING);
            gate.open();
            assertThat(engine.awaitCompletion(running, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.runJanitor()).isZero();
        }
    }

    @Test
    void purgeQueueCancelsQueuedJobsAndStatisticsCountEachStatus() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Admin").maxInstances(1).task(TestTasks.cooperative("Gated", gate))
                .task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String done = engine.submitJob("Admin", "Echo", Map.of("text", "a")).jobId();
            engine.awaitCompletion(done, WAIT);
            String running = engine.submitJob("Admin", "Gated", Map.of("text", "b")).jobId();
            gate.awaitEntered();
            String q1 = engine.submitJob("Admin", "Echo", Map.of("text", "c")).jobId();
            String q2 = engine.submitJob("Admin", "Echo", Map.of("text", "d")).jobId();

            Map<JobStatus, Integer> stats = engine.statistics("Admin");
            assertThat(stats).hasSize(11);
            assertThat(stats.get(JobStatus.SUCCEEDED)).isEqualTo(1);
            assertThat(stats.get(JobStatus.EXECUTING)).isEqualTo(1);
            assertThat(stats.get(JobStatus.WAITING)).isEqualTo(2);

            assertThat(engine.purgeQueue("Admin")).isEqualTo(2);
            assertThat(engine.job(q1).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(engine.job(q2).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(engine.job(running).status()).isEqualTo(JobStatus.EXECUTING);
            gate.open();
            engine.awaitCompletion(running, WAIT);

            List<JobInfo> cancelled = engine.jobs(JobQuery.all().withService("Admin")
                    .withStatuses(EnumSet.of(JobStatus.CANCELLED)));
            assertThat(cancelled).extracting(JobInfo::jobId).containsExactlyInAnyOrder(q1, q2);
            cancelled.forEach(JobJsonSchema::render);
            assertThat(engine.jobs(JobQuery.all().withPage(1, 2))).hasSize(2);
            assertThat(engine.statistics("Admin").get(JobStatus.SUCCEEDED)).isEqualTo(2);
        }
    }
}
