package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A synchronous request waits at most maxWaitTime for a worker, on the engine's clock. */
class SyncExecuteTest {

    @Test
    void aRequestThatFindsNoWorkerWithinMaxWaitTimeTimesOut() throws Exception {
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        RecordingListener events = new RecordingListener();
        GPService svc = GPService.builder("SyncWait").executionType(GPService.ExecutionType.SYNCHRONOUS)
                .maxInstances(1).maxWaitTime(Duration.ofSeconds(5))
                .task(TestTasks.cooperative("Gated", gate)).task(TestTasks.echo()).build();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).listener(events).build()) {
            Future<ExecuteResult> first = callers.submit(() -> engine.anonymous().execute("SyncWait", "Gated", Map.of("text", "a")));
            gate.awaitEntered();
            Future<ExecuteResult> second = callers.submit(() -> engine.anonymous().execute("SyncWait", "Echo", Map.of("text", "b")));
            Await.until("the second request waits", () -> events.transitions.stream()
                    .anyMatch(t -> t.to() == JobStatus.WAITING));
            clock.advance(Duration.ofSeconds(5));
            ExecutionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    ExecutionException.class, () -> second.get(20, TimeUnit.SECONDS));
            assertThat(refused.getCause()).isInstanceOfSatisfying(GPException.class, e -> {
                assertThat(e.code()).isEqualTo(500);
                assertThat(String.join(" ", e.details())).contains("maximum wait time of 5 s");
            });
            assertThat(events.transitions).anyMatch(t -> t.from() == JobStatus.WAITING && t.to() == JobStatus.TIMED_OUT);
            gate.open();
            assertThat(first.get(20, TimeUnit.SECONDS).results()).singleElement()
                    .satisfies(v -> assertThat(v.value()).isEqualTo(new GPString("a")));
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events.allLegal()).isTrue();
    }
}
