package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.internal.InMemoryJobStore;
import io.gpjobs.internal.RecordWriter;
import io.gpjobs.internal.StatusCache;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each of the eleven statuses is reached through real engine operations, and illegal transitions are refused. */
class StateMachineTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyStatusIsReachableAndEveryObservedTransitionIsLegal() throws Exception {
        RecordingListener events = new RecordingListener();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        TestTasks.Gate stubbornGate = new TestTasks.Gate();
        TestTasks.Gate cancelGate = new TestTasks.Gate();
        GPService svc = GPService.builder("States").maxInstances(1).maxUsageTime(Duration.ofSeconds(60))
                .task(TestTasks.cooperative("Gated", gate)).task(TestTasks.stubborn("Stubborn", stubbornGate))
                .task(TestTasks.cooperative("Cancellable", cancelGate)).task(TestTasks.failing()).build();
        Set<JobStatus> seen = EnumSet.noneOf(JobStatus.class);
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).listener(events)
                .timeoutGrace(Duration.ofSeconds(5)).build()) {
            // New -> Submitted -> Executing, with the only worker slot taken.
            JobInfo first = engine.anonymous().submitJob("States", "Gated", Map.of("text", "a"));
            gate.awaitEntered();
            JobInfo executing = engine.anonymous().job(first.jobId());
            assertThat(executing.status()).isEqualTo(JobStatus.EXECUTING);
            assertThat(JobJsonSchema.render(executing).get("progress").get("message").asText()).isEqualTo("Executing...");
            // A second job finds every slot busy: Waiting.
            JobInfo second = engine.anonymous().submitJob("States", "Fail", Map.of("text", "x"));
            assertThat(second.status()).isEqualTo(JobStatus.WAITING);
            JobJsonSchema.render(second);
            // Waiting -> Cancelled at once.
            JobInfo cancelledQueued = engine.anonymous().cancel(second.jobId());
            assertThat(cancelledQueued.status()).isEqualTo(JobStatus.CANCELLED);
            JobJsonSchema.render(cancelledQueued);
            // Executing -> Succeeded.
            gate.open();
            JobInfo ok = engine.anonymous().awaitCompletion(first.jobId(), WAIT);
            assertThat(ok.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(JobJsonSchema.render(ok).get("results").get("result").get("paramUrl").asText())
                    .isEqualTo("results/result");
            // Failed.
            String failedId = engine.anonymous().submitJob("States", "Fail", Map.of("text", "x")).jobId();
            JobInfo failed = engine.anonymous().awaitCompletion(failedId, WAIT);
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.messages()).extracting(m -> m.description()).contains("Failed.")
                    .anySatisfy(m -> assertThat(m).startsWith("task 'Fail' failed unexpectedly in job " + failedId)
                            .endsWith("(IllegalStateException): boom: x"));
            JobJsonSchema.render(failed);
            // Executing -> Cancelling -> Cancelled.
            JobInfo running = engine.anonymous().submitJob("States", "Cancellable", Map.of("text", "c"));
            cancelGate.awaitEntered();
            JobInfo cancelling = engine.anonymous().cancel(running.jobId());
            assertThat(cancelling.status()).isEqualTo(JobStatus.CANCELLING);
            JobJsonSchema.render(cancelling);
            JobInfo cancelled = engine.anonymous().awaitCompletion(running.jobId(), WAIT);
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            // TimedOut: the stubborn task ignores the token; the engine's clock passes maxUsageTime.
            JobInfo slow = engine.anonymous().submitJob("States", "Stubborn", Map.of("text", "s"));
            stubbornGate.awaitEntered();
            clock.advance(Duration.ofSeconds(61));
            JobInfo timedOut = engine.anonymous().awaitCompletion(slow.jobId(), WAIT);
            assertThat(timedOut.status()).isEqualTo(JobStatus.TIMED_OUT);
            JobJsonSchema.render(timedOut);
            stubbornGate.open();
            // Deleting -> Deleted.
            JobInfo deleted = engine.anonymous().delete(ok.jobId());
            assertThat(deleted.status()).isEqualTo(JobStatus.DELETED);
            assertThatThrownBy(() -> engine.anonymous().job(ok.jobId())).isInstanceOf(JobNotFoundException.class);

            events.transitions.forEach(t -> seen.add(t.to()));
            assertThat(events.statusesOf(first.jobId())).containsExactly(JobStatus.NEW, JobStatus.SUBMITTED,
                    JobStatus.EXECUTING, JobStatus.SUCCEEDED, JobStatus.DELETING, JobStatus.DELETED);
            assertThat(events.statusesOf(second.jobId())).containsExactly(JobStatus.NEW, JobStatus.SUBMITTED,
                    JobStatus.WAITING, JobStatus.CANCELLED);
            assertThat(events.statusesOf(running.jobId())).containsExactly(JobStatus.NEW, JobStatus.SUBMITTED,
                    JobStatus.EXECUTING, JobStatus.CANCELLING, JobStatus.CANCELLED);
        }
        assertThat(seen).containsExactlyInAnyOrder(JobStatus.values());
        assertThat(events.allLegal()).isTrue();
    }

    @Test
    void aJobSubmittedAfterTheOnlyRunningJobEndedFindsTheSlotFree() {
        // The slot of an ended job is free before its end is visible: a client that awaits one job and then submits
        // the next never sees that next job Waiting for a slot that is about to be freed. Repeated because the
        // window between the visible end and the freed slot, when there is one, is narrow.
        GPService svc = GPService.builder("OneSlot").maxInstances(1).task(TestTasks.echo()).task(TestTasks.failing())
                .build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            for (int i = 0; i < 300; i++) {
                JobInfo job = engine.anonymous().submitJob("OneSlot", i % 2 == 0 ? "Echo" : "Fail", Map.of("text", "x" + i));
                assertThat(job.status()).as("job %d at submit", i).isEqualTo(JobStatus.SUBMITTED);
                assertThat(engine.anonymous().awaitCompletion(job.jobId(), WAIT).status()).as("job %d", i)
                        .isIn(JobStatus.SUCCEEDED, JobStatus.FAILED);
            }
        }
    }

    @Test
    void awaitCompletionReturnsOnlyAfterTheListenersHeardTheEnd() {
        // The end is in the status cache a moment before the listeners hear it; a caller that awaited the job must
        // find the end among the events it recorded. Repeated because that moment is short.
        RecordingListener events = new RecordingListener() {
            @Override
            public void onStatus(String jobId, JobStatus from, JobStatus to) {
                if (to.isTerminal()) {
                    // a listener that takes its time (I/O, say): the window in which the end is cached but unheard
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
                super.onStatus(jobId, from, to);
            }
        };
        GPService svc = GPService.builder("Heard").maxInstances(2).task(TestTasks.echo()).task(TestTasks.failing())
                .build();
        try (GPEngine engine = GPEngine.builder().service(svc).listener(events).build()) {
            for (int i = 0; i < 300; i++) {
                String id = engine.anonymous().submitJob("Heard", i % 2 == 0 ? "Echo" : "Fail", Map.of("text", "x" + i)).jobId();
                JobStatus end = engine.anonymous().awaitCompletion(id, WAIT).status();
                assertThat(events.statusesOf(id)).as("job %d", i).endsWith(end);
            }
        }
    }

    @Test
    void cancellingAnEndedJobIsRefusedNamingJobAndStatus() {
        GPService svc = GPService.builder("Ended").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String id = engine.anonymous().submitJob("Ended", "Echo", Map.of("text", "a")).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThatThrownBy(() -> engine.anonymous().cancel(id)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(e.code()).isEqualTo(400);
                assertThat(e.envelopeMessage()).isEqualTo("Invalid or missing input parameters.");
                assertThat(e.details()).singleElement().asString().contains(id).contains("esriJobSucceeded");
            });
            assertThat(engine.anonymous().job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void repeatedCancelOfACancellingJobIsHarmless() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Twice").task(TestTasks.stubborn("Stubborn", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String id = engine.anonymous().submitJob("Twice", "Stubborn", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            assertThat(engine.anonymous().cancel(id).status()).isEqualTo(JobStatus.CANCELLING);
            assertThat(engine.anonymous().cancel(id).status()).isEqualTo(JobStatus.CANCELLING);
            gate.open();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @Test
    void theWritePathRefusesIllegalTransitions() {
        InMemoryJobStore store = new InMemoryJobStore();
        RecordWriter writer = new RecordWriter(new StatusCache(10_000, Duration.ofHours(1)), (a, b) -> { });
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        String id = "j0123456789abcdef0123456789abcdef";
        writer.create(store, new JobRecord(id, "S", "T", JobStatus.SUCCEEDED, 0, t, t, t, t, null, null, null, false,
                List.of(), null), Map.of());
        for (JobStatus next : JobStatus.values()) {
            if (next == JobStatus.SUCCEEDED || next == JobStatus.DELETING) {
                continue;
            }
            assertThatThrownBy(() -> writer.update(store, id, cur -> cur.withStatus(next, t)))
                    .isInstanceOf(RecordWriter.IllegalTransitionException.class)
                    .hasMessageContaining("esriJobSucceeded").hasMessageContaining(next.wireName());
        }
        assertThat(store.read(id).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.read(id).orElseThrow().version()).isEqualTo(1);
        assertThat(writer.update(store, id, cur -> cur.withStatus(JobStatus.DELETING, t)).version()).isEqualTo(2);
        store.close();
    }
}
