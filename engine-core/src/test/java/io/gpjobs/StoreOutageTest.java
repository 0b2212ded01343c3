package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.Task;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A job's end survives a storage outage: a job that ends while its store refuses writes stays Executing, its
 * outcome is kept by the engine and written (results first) once the store is back; the engine keeps working.
 */
class StoreOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Waits at the gate, reports "working", then sets its output (or fails with "boom: text"). */
    private static Task gated(String name, TestTasks.Gate gate, boolean fail) {
        return TestTasks.task(name, ctx -> {
            gate.entered.countDown();
            try {
                if (!gate.open.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.info("working");
            ctx.cancellation().throwIfCancellationRequested();
            if (fail) {
                throw new IllegalStateException("boom: " + ctx.input("text", GPString.class).value());
            }
        });
    }

    private static long count(List<String> events, String event) {
        return events.stream().filter(event::equals).count();
    }

    private static List<String> descriptions(JobInfo info) {
        return info.messages().stream().map(JobMessage::description).toList();
    }

    @Test
    void aJobThatSucceedsDuringAnOutageIsRecordedSucceededWithItsResultsOnceTheStoreIsBack() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Outage").task(gated("Gated", gate, false)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String id = engine.anonymous().submitJob("Outage", "Gated", Map.of("text", "ok")).jobId();
            gate.awaitEntered();
            Instant finishedAt = clock.instant();
            store.down = true;
            gate.open();
            Await.until("the results write is refused", () -> store.refused(id).contains("persistScratch"));

            JobInfo during = engine.anonymous().job(id);
            assertThat(during.status()).isEqualTo(JobStatus.EXECUTING);
            assertThat(descriptions(during)).contains("working").doesNotContain("Succeeded.");
            assertThat(during.resultNames()).isEmpty();

            // Retried on the engine's clock while the store is still down: still Executing, still no results.
            clock.advance(Duration.ofSeconds(1));
            Await.until("a retry is refused", () -> count(store.refused(id), "persistScratch") == 2);
            assertThat(engine.anonymous().job(id).status()).isEqualTo(JobStatus.EXECUTING);
            assertThat(store.delegate.results(id)).isEmpty();
            assertThat(store.log(id)).doesNotContain("putResults", "update:esriJobSucceeded");

            store.down = false;
            clock.advance(Duration.ofSeconds(2)); // the backoff doubled
            JobInfo end = engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(end.ended()).isEqualTo(finishedAt);
            assertThat(descriptions(end)).containsSubsequence("working", "Succeeded.");
            assertThat(engine.anonymous().results(id)).singleElement().satisfies(v -> {
                assertThat(v.paramName()).isEqualTo("result");
                assertThat(v.value()).isEqualTo(new GPString("ok"));
            });
            List<String> writes = store.log(id);
            assertThat(count(writes, "putResults")).isEqualTo(1);
            assertThat(count(writes, "update:esriJobSucceeded")).isEqualTo(1);
            assertThat(writes.indexOf("putResults")).isLessThan(writes.indexOf("update:esriJobSucceeded"));
            JobJsonSchema.render(end);
        }
    }

    @Test
    void theSucceededWriteWaitsWhenOnlyTheStatusWriteIsRefused() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Half").task(gated("Gated", gate, false)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String id = engine.anonymous().submitJob("Half", "Gated", Map.of("text", "x")).jobId();
            gate.awaitEntered();
            // The results go through; the status write that would announce them fails.
            AtomicInteger refusals = new AtomicInteger();
            store.failUpdate = r -> r.status() == JobStatus.SUCCEEDED && refusals.incrementAndGet() > 0;
            gate.open();
            Await.until("the Succeeded write is refused", () -> refusals.get() == 1);
            assertThat(engine.anonymous().job(id).status()).isEqualTo(JobStatus.EXECUTING);
            assertThat(engine.anonymous().job(id).resultNames()).isEmpty();
            assertThat(store.log(id)).contains("putResults").doesNotContain("update:esriJobSucceeded");

            store.failUpdate = r -> false;
            clock.advance(Duration.ofSeconds(1));
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            // The results were stored once, before the status that announces them.
            assertThat(store.log(id)).containsSubsequence("putResults", "update:esriJobSucceeded");
            assertThat(count(store.log(id), "putResults")).isEqualTo(1);
            assertThat(engine.anonymous().result(id, "result").value()).isEqualTo(new GPString("x"));
        }
    }

    @Test
    void aJobThatFailsDuringAnOutageIsRecordedFailedOnceTheStoreIsBack() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("OutageFail").task(gated("Gated", gate, true)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String id = engine.anonymous().submitJob("OutageFail", "Gated", Map.of("text", "bad")).jobId();
            gate.awaitEntered();
            store.down = true;
            gate.open();
            Await.until("the Failed write is refused", () -> store.refused(id).contains("update:esriJobFailed"));
            assertThat(engine.anonymous().job(id).status()).isEqualTo(JobStatus.EXECUTING);

            store.down = false;
            clock.advance(Duration.ofSeconds(1));
            JobInfo end = engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(end.status()).isEqualTo(JobStatus.FAILED);
            List<String> said = descriptions(end);
            assertThat(said).containsSubsequence("working", "Failed.");
            assertThat(said).anySatisfy(m -> assertThat(m).contains(id).endsWith("(IllegalStateException): boom: bad"));
            assertThat(store.log(id)).doesNotContain("putResults");
            assertThat(engine.anonymous().results(id)).isEmpty();
        }
    }

    @Test
    void aJobThatTimesOutDuringAnOutageIsRecordedTimedOutOnceTheStoreIsBack() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("OutageSlow").maxInstances(1).maxUsageTime(Duration.ofSeconds(10))
                .task(TestTasks.cooperative("Coop", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String id = engine.anonymous().submitJob("OutageSlow", "Coop", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            store.down = true;
            clock.advance(Duration.ofSeconds(10));
            Instant timedOutAt = clock.instant();
            Await.until("the TimedOut write is refused", () -> store.refused(id).contains("update:esriJobTimedOut"));
            assertThat(engine.anonymous().job(id).status()).isEqualTo(JobStatus.EXECUTING);

            store.down = false;
            clock.advance(Duration.ofSeconds(1));
            JobInfo end = engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(end.status()).isEqualTo(JobStatus.TIMED_OUT);
            assertThat(end.ended()).isEqualTo(timedOutAt);
            assertThat(end.messages()).last().satisfies(m -> assertThat(m.description())
                    .contains("Timed out").contains("10 s"));
            assertThat(store.log(id)).doesNotContain("putResults");
        }
    }

    @Test
    void theEngineKeepsRunningJobsWhileAnEndWaitsForTheStore() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Busy").maxInstances(1).task(gated("Gated", gate, false))
                .task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String first = engine.anonymous().submitJob("Busy", "Gated", Map.of("text", "one")).jobId();
            gate.awaitEntered();
            store.down = true;
            gate.open();
            Await.until("the first end is refused", () -> store.refused(first).contains("persistScratch"));
            store.down = false;

            // The only worker is free again although the first job's end is not written yet (its retry is not due).
            String next = engine.anonymous().submitJob("Busy", "Echo", Map.of("text", "two")).jobId();
            assertThat(engine.anonymous().awaitCompletion(next, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().result(next, "result").value()).isEqualTo(new GPString("two"));
            assertThat(engine.anonymous().job(first).status()).isEqualTo(JobStatus.EXECUTING);

            clock.advance(Duration.ofSeconds(1));
            assertThat(engine.anonymous().awaitCompletion(first, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().result(first, "result").value()).isEqualTo(new GPString("one"));
        }
    }

    @Test
    void aQueuedJobWhoseStartIsRefusedStaysQueuedAndRunsOnceTheStoreIsBack() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Queue").maxInstances(1).task(gated("Gated", gate, false))
                .task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String first = engine.anonymous().submitJob("Queue", "Gated", Map.of("text", "one")).jobId();
            gate.awaitEntered();
            String next = engine.anonymous().submitJob("Queue", "Echo", Map.of("text", "two")).jobId();
            assertThat(engine.anonymous().job(next).status()).isEqualTo(JobStatus.WAITING);
            store.down = true;
            gate.open();
            Await.until("the next job's start is refused", () -> store.refused(next).contains("update:esriJobExecuting"));
            assertThat(engine.anonymous().job(next).status()).isEqualTo(JobStatus.WAITING);
            assertThat(engine.anonymous().job(first).status()).isEqualTo(JobStatus.EXECUTING);

            store.down = false;
            clock.advance(Duration.ofSeconds(1));
            assertThat(engine.anonymous().awaitCompletion(first, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().awaitCompletion(next, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().result(next, "result").value()).isEqualTo(new GPString("two"));
        }
    }

    @Test
    void messagesARunningJobCouldNotPersistDuringAnOutageArePersistedOnceTheStoreIsBack() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        Task chatty = TestTasks.task("Chatty", ctx -> {
            ctx.info("step one");
            gate.entered.countDown();
            try {
                if (!gate.open.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        GPService svc = GPService.builder("Chatty").task(chatty).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String id = engine.anonymous().submitJob("Chatty", "Chatty", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            store.down = true;
            clock.advance(Duration.ofSeconds(5)); // the progress interval
            Await.until("the progress write is refused", () -> store.refused(id).contains("update:esriJobExecuting"));
            assertThat(descriptions(engine.anonymous().job(id))).contains("step one");

            store.down = false;
            clock.advance(Duration.ofSeconds(1));
            Await.until("the messages are persisted", () -> store.delegate.read(id).orElseThrow().messages().stream()
                    .anyMatch(m -> m.description().equals("step one")));
            gate.open();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void aPendingEndLeavesAloneAJobThatEndedMeanwhileOrWasDeleted() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        TestTasks.Gate held = new TestTasks.Gate();
        GPService svc = GPService.builder("Meanwhile").maxInstances(2).maxUsageTime(Duration.ofSeconds(60))
                .task(gated("Gated", gate, false)).task(TestTasks.cooperative("Held", held)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String failedElsewhere = engine.anonymous().submitJob("Meanwhile", "Gated", Map.of("text", "a")).jobId();
            String deleted = engine.anonymous().submitJob("Meanwhile", "Gated", Map.of("text", "b")).jobId();
            Await.until("both run", () -> engine.anonymous().job(failedElsewhere).status() == JobStatus.EXECUTING
                    && engine.anonymous().job(deleted).status() == JobStatus.EXECUTING);
            store.down = true;
            gate.open();
            Await.until("both ends are refused", () -> store.refused(failedElsewhere).contains("persistScratch")
                    && store.refused(deleted).contains("persistScratch"));
            store.down = false;
            // Another engine's recovery marks one Failed; the other is deleted here.
            var cur = store.delegate.read(failedElsewhere).orElseThrow();
            store.delegate.update(cur.withStatus(JobStatus.FAILED, clock.instant()).withEnded(clock.instant()));
            engine.anonymous().delete(deleted);

            clock.advance(Duration.ofSeconds(1)); // both retries are due
            // A job timed out by the watchdog proves it ran a tick past that time (retries come first in a tick).
            String later = engine.anonymous().submitJob("Meanwhile", "Held", Map.of("text", "c")).jobId();
            held.awaitEntered();
            clock.advance(Duration.ofSeconds(60));
            assertThat(engine.anonymous().awaitCompletion(later, WAIT).status()).isEqualTo(JobStatus.TIMED_OUT);
            assertThat(engine.anonymous().job(failedElsewhere).status()).isEqualTo(JobStatus.FAILED);
            assertThat(store.log(failedElsewhere)).doesNotContain("putResults", "update:esriJobSucceeded");
            assertThat(store.delegate.results(failedElsewhere)).isEmpty();
            assertThat(store.delegate.read(deleted)).isEmpty();
            assertThat(store.log(deleted)).doesNotContain("putResults", "update:esriJobSucceeded");
        }
    }

    @Test
    void aSubmissionDuringAnOutageFailsClearlyAndLeavesNothing() {
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Down").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            store.down = true;
            store.readsDown = true;
            assertThatThrownBy(() -> engine.anonymous().submitJob("Down", "Echo", Map.of("text", "a")))
                    .isInstanceOfSatisfying(JobStoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(500);
                        assertThat(e.getMessage()).contains("could not create job");
                    });
            store.down = false;
            store.readsDown = false;
            assertThat(store.query(JobQuery.all()).total()).isZero();
            assertThat(store.log).isEmpty();
            String id = engine.anonymous().submitJob("Down", "Echo", Map.of("text", "b")).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void closingMakesOneLastAttemptAndLeavesARefusedEndExecutingInTheStore() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Closing").task(gated("Gated", gate, false)).build();
        String id;
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            id = engine.anonymous().submitJob("Closing", "Gated", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            store.down = true;
            gate.open();
            Await.until("the end is refused", () -> store.refused(id).contains("persistScratch"));
        }
        assertThat(count(store.refused(id), "persistScratch")).isEqualTo(2);
        assertThat(store.delegate.read(id).orElseThrow().status()).isEqualTo(JobStatus.EXECUTING);
        assertThat(store.log(id)).doesNotContain("putResults");
    }

    @Test
    void closingWritesAPendingEndWhenTheStoreIsBack() throws Exception {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Closing2").task(gated("Gated", gate, false)).build();
        String id;
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            id = engine.anonymous().submitJob("Closing2", "Gated", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            store.down = true;
            gate.open();
            Await.until("the end is refused", () -> store.refused(id).contains("persistScratch"));
            store.down = false; // back, but the retry is not due before close
        }
        assertThat(store.delegate.read(id).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.log(id)).containsSubsequence("putResults", "update:esriJobSucceeded");
        assertThat(store.delegate.results(id)).containsKey("result");
    }
}
