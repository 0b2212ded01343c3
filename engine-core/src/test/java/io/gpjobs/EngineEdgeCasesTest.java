package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.value.GPLong;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Deleting running jobs, output type checks, leases, paging, and storage failures on the write path. */
class EngineEdgeCasesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void deletingARunningJobStopsItRemovesEverythingAndKeepsTheWorker() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        AtomicReference<Path> scratch = new AtomicReference<>();
        io.gpjobs.spi.Task writer = TestTasks.task("Writer", ctx -> {
            try {
                scratch.set(Files.writeString(ctx.scratchFolder().resolve("out.txt"), "data"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        io.gpjobs.spi.Task gated = TestTasks.cooperative("Gated", gate);
        ObservedStore store = new ObservedStore();
        RecordingListener events = new RecordingListener();
        GPService svc = GPService.builder("Deleting").maxInstances(1).task(gated).task(writer).task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).listener(events).build()) {
            String files = engine.anonymous().submitJob("Deleting", "Writer", Map.of("text", "f")).jobId();
            assertThat(engine.anonymous().awaitCompletion(files, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(store.listFiles(files)).containsExactly("scratch/out.txt");
            try (var in = engine.anonymous().openFile(files, "scratch/out.txt").orElseThrow()) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("data");
            }

            String id = engine.anonymous().submitJob("Deleting", "Gated", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            assertThat(engine.anonymous().delete(id).status()).isEqualTo(JobStatus.DELETED);
            assertThat(store.read(id)).isEmpty();
            assertThatThrownBy(() -> engine.anonymous().job(id)).isInstanceOf(JobNotFoundException.class);
            assertThat(events.statusesOf(id)).endsWith(JobStatus.DELETING, JobStatus.DELETED);
            // The worker is free again and the deleted job left nothing behind.
            String next = engine.anonymous().submitJob("Deleting", "Echo", Map.of("text", "b")).jobId();
            assertThat(engine.anonymous().awaitCompletion(next, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(store.read(id)).isEmpty();

            assertThat(engine.anonymous().delete(files).status()).isEqualTo(JobStatus.DELETED);
            assertThat(Files.exists(scratch.get())).isFalse();
            assertThatThrownBy(() -> engine.anonymous().delete(files)).isInstanceOf(JobNotFoundException.class);
        }
    }

    @Test
    void anOutputOfTheWrongTypeFailsTheJobNamingTheParameter() {
        io.gpjobs.spi.Task wrong = TestTasks.task("Wrong", ctx -> ctx.setOutput("result", new GPLong(5)));
        GPService svc = GPService.builder("Types").task(wrong).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            JobInfo end = engine.anonymous().awaitCompletion(engine.anonymous().submitJob("Types", "Wrong", Map.of("text", "a")).jobId(), WAIT);
            assertThat(end.status()).isEqualTo(JobStatus.FAILED);
            assertThat(end.messages()).extracting(JobMessage::description)
                    .contains("output 'result' is GPString, got a value of type GPLong");
            JobJsonSchema.render(end);
        }
    }

    @Test
    void aRunningJobsLeaseIsRenewedOnTheEnginesClock() throws Exception {
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Lease").task(TestTasks.cooperative("Gated", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("holder")
                .leaseDuration(Duration.ofSeconds(30)).build()) {
            String id = engine.anonymous().submitJob("Lease", "Gated", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            JobRecord claimed = store.read(id).orElseThrow();
            assertThat(claimed.nodeId()).isEqualTo("holder");
            assertThat(claimed.leaseUntil()).isEqualTo(clock.instant().plusSeconds(30));
            clock.advance(Duration.ofSeconds(10));
            Await.until("the lease is renewed", () ->
                    clock.instant().plusSeconds(30).equals(store.read(id).orElseThrow().leaseUntil()));
            gate.open();
            engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(store.read(id).orElseThrow().leaseUntil()).isNull();
        }
    }

    @Test
    void jobPagesCarryTheTotalAndTheNextOffset() {
        GPService svc = GPService.builder("Pages").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            for (int i = 0; i < 5; i++) {
                engine.anonymous().awaitCompletion(engine.anonymous().submitJob("Pages", "Echo", Map.of("text", "p" + i)).jobId(), WAIT);
            }
            JobInfoPage first = engine.jobs(JobQuery.all().withService("Pages").withPage(0, 2));
            assertThat(first.total()).isEqualTo(5);
            assertThat(first.nextOffset()).isEqualTo(2);
            assertThat(first.jobs()).hasSize(2);
            JobInfoPage last = engine.jobs(JobQuery.all().withService("Pages").withPage(4, 2));
            assertThat(last.jobs()).hasSize(1);
            assertThat(last.nextOffset()).isEqualTo(-1);
            assertThatThrownBy(() -> engine.jobs(JobQuery.all().withService("Nope")))
                    .isInstanceOfSatisfying(GPException.class, e -> assertThat(e.code()).isEqualTo(404));
        }
    }

    @Test
    void aSubmitThatFailsHalfwayLeavesNoJobBehind() {
        ObservedStore store = new ObservedStore();
        // The store writes the job but the engine hears a failure (a lost response): the caller is told the submit
        // failed, so the job must not stay behind to run later.
        store.loseCreateResponse = r -> true;
        GPService svc = GPService.builder("Half").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            assertThatThrownBy(() -> engine.anonymous().submitJob("Half", "Echo", Map.of("text", "a")))
                    .isInstanceOf(JobStoreException.class);
            assertThat(store.log).hasSize(1).allSatisfy((id, writes) -> assertThat(writes)
                    .containsExactly("create:esriJobSubmitted"));
            assertThat(store.query(JobQuery.all()).total()).isZero();
            store.loseCreateResponse = r -> false;
            String id = engine.anonymous().submitJob("Half", "Echo", Map.of("text", "a")).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void aBrieflyFailingStoreStillGetsTheFinalStatus() {
        ObservedStore store = new ObservedStore();
        AtomicInteger failures = new AtomicInteger();
        store.failUpdate = r -> r.status() == JobStatus.SUCCEEDED && failures.incrementAndGet() <= 2;
        GPService svc = GPService.builder("Flaky").task(TestTasks.echo()).build();
        ManualClock clock = new ManualClock();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).build()) {
            String id = engine.anonymous().submitJob("Flaky", "Echo", Map.of("text", "a")).jobId();
            // The refused end is retried from the watchdog with a backoff on the engine's clock.
            Await.until("the job succeeds", () -> {
                clock.advance(Duration.ofSeconds(1));
                return engine.anonymous().job(id).status() == JobStatus.SUCCEEDED;
            });
            assertThat(failures.get()).isEqualTo(3);
        }
    }
}
