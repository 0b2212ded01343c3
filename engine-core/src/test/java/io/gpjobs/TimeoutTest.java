package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** maxUsageTime ends a job that ignores cancellation; the engine abandons the thread and stays healthy. */
class TimeoutTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aTaskThatIgnoresCancellationTimesOutAndTheNextJobStillRuns() throws Exception {
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Slow").maxInstances(1).maxUsageTime(Duration.ofSeconds(10))
                .task(TestTasks.stubborn("Stubborn", gate)).task(TestTasks.echo()).build();
        int before = EngineThreads.count("gpjobs-Slow-");
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).timeoutGrace(Duration.ofSeconds(5)).build()) {
            String slow = engine.anonymous().submitJob("Slow", "Stubborn", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            String next = engine.anonymous().submitJob("Slow", "Echo", Map.of("text", "b")).jobId();
            assertThat(engine.anonymous().job(next).status()).isEqualTo(JobStatus.WAITING);

            clock.advance(Duration.ofSeconds(10));
            JobInfo timedOut = engine.anonymous().awaitCompletion(slow, WAIT);
            assertThat(timedOut.status()).isEqualTo(JobStatus.TIMED_OUT);
            assertThat(timedOut.messages()).last().satisfies(m -> assertThat(m.description())
                    .contains("Timed out").contains("10 s"));
            JobJsonSchema.render(timedOut);
            // The stubborn thread still holds the only slot until the grace period passes.
            assertThat(engine.anonymous().job(next).status()).isEqualTo(JobStatus.WAITING);

            clock.advance(Duration.ofSeconds(5));
            JobInfo done = engine.anonymous().awaitCompletion(next, WAIT);
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().result(next, "result").value()).isEqualTo(new io.gpjobs.value.GPString("b"));
            // The abandoned task finishing late changes nothing.
            gate.open();
            Await.until("the abandoned thread ends", () -> EngineThreads.count("gpjobs-Slow-") == before + 1);
            assertThat(engine.anonymous().job(slow).status()).isEqualTo(JobStatus.TIMED_OUT);
            assertThat(engine.anonymous().results(slow)).isEmpty();
        }
        assertThat(EngineThreads.count("gpjobs-Slow-")).isEqualTo(before);
    }

    @Test
    void aCooperativeTaskStopsAtTheLimitWithoutBeingAbandoned() throws Exception {
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Coop").maxInstances(1).maxUsageTime(Duration.ofSeconds(10))
                .task(TestTasks.cooperative("Coop", gate)).task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).build()) {
            String id = engine.anonymous().submitJob("Coop", "Coop", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            clock.advance(Duration.ofSeconds(11));
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.TIMED_OUT);
            // The worker came back by itself: the next job runs without the grace period passing.
            String next = engine.anonymous().submitJob("Coop", "Echo", Map.of("text", "b")).jobId();
            assertThat(engine.anonymous().awaitCompletion(next, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(EngineThreads.count("gpjobs-Coop-")).isEqualTo(1);
        }
    }
}
