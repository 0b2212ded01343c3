package io.gpjobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.GPCaller;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.MemoryJobStoreProvider;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The engine's timers driven by a test: advancing the clock runs them before {@code advance} returns. */
class ManualSchedulerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ID = "j0123456789abcdef0123456789abcdef";

    @Test
    void tasksRunInDueOrderWhenTheClockReachesThemAndCancelledOnesNever() {
        ManualClock clock = new ManualClock();
        ManualScheduler s = new ManualScheduler(clock);
        List<String> ran = new ArrayList<>();
        s.schedule(() -> ran.add("b"), Duration.ofSeconds(2));
        s.schedule(() -> ran.add("a"), Duration.ofSeconds(1));
        Future<?> c = s.schedule(() -> ran.add("cancelled"), Duration.ofSeconds(1));
        s.schedule(() -> s.schedule(() -> ran.add("nested, due at once"), Duration.ZERO), Duration.ofSeconds(2));
        c.cancel(false);
        assertThat(s.pending()).isEqualTo(3);
        assertThat(s.nextDue()).isEqualTo(clock.instant().plusSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(ran).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("a");
        clock.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a", "b", "nested, due at once");
        assertThat(s.pending()).isZero();
        assertThat(s.runDue()).isZero();
        assertThatThrownBy(() -> s.schedule(() -> { }, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }

    /** A task that records its cancellation and its interruption, and stops only when interrupted. */
    static final class InterruptOnly {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch tokenFired = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();
        final CountDownLatch returned = new CountDownLatch(1);

        io.gpjobs.spi.Task task() {
            return new RegisteredTask() {
                @Override
                public void execute(io.gpjobs.spi.TaskContext ctx) {
                    ctx.cancellation().onCancel(tokenFired::countDown);
                    entered.countDown();
                    try {
                        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    } finally {
                        returned.countDown();
                    }
                }
            };
        }
    }

    @Test
    void atTheTimeLimitTheTokenFiresAtOnceAndTheThreadIsInterruptedOnlyAfterTheGracePeriod() throws Exception {
        ManualClock clock = new ManualClock();
        ManualScheduler scheduler = new ManualScheduler(clock);
        InterruptOnly t = new InterruptOnly();
        GPService svc = GPService.builder("Limited").maxInstances(1).maxUsageTime(Duration.ofSeconds(60))
                .task(t.task()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).scheduler(scheduler)
                .timeoutGrace(Duration.ofSeconds(5)).build()) {
            GPCaller caller = engine.anonymous();
            String id = caller.submitJob("Limited", "Greet", Map.of("Name", "a")).jobId();
            assertThat(t.entered.await(20, TimeUnit.SECONDS)).isTrue();

            clock.advance(Duration.ofSeconds(59));
            assertThat(t.tokenFired.getCount()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            // The watchdog tick ran inside advance: the job is TimedOut now, its token fired, no interrupt yet.
            assertThat(caller.job(id).status()).isEqualTo(JobStatus.TIMED_OUT);
            assertThat(t.tokenFired.getCount()).isZero();
            assertThat(t.interrupted).isFalse();
            assertThat(t.returned.getCount()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(4));
            assertThat(t.interrupted).isFalse();
            clock.advance(Duration.ofSeconds(1));
            // The grace period passed: the interrupt is the fallback.
            assertThat(t.returned.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(t.interrupted).isTrue();
            assertThat(caller.job(id).status()).isEqualTo(JobStatus.TIMED_OUT);
        }
    }

    @Test
    void onCloseTheTokenFiresFirstAndACooperativeTaskIsNeverInterrupted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean sawToken = new AtomicBoolean();
        io.gpjobs.spi.Task cooperative = new RegisteredTask() {
            @Override
            public void execute(io.gpjobs.spi.TaskContext ctx) {
                CountDownLatch cancelled = new CountDownLatch(1);
                ctx.cancellation().onCancel(cancelled::countDown);
                entered.countDown();
                try {
                    sawToken.set(cancelled.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        };
        GPService svc = GPService.builder("Closing").task(cooperative).build();
        GPEngine engine = GPEngine.builder().service(svc).timeoutGrace(Duration.ofSeconds(20)).build();
        try {
            engine.anonymous().submitJob("Closing", "Greet", Map.of("Name", "a"));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            engine.close();
        }
        // close() returned only after the task did: it stopped on its token, inside the grace period.
        assertThat(sawToken).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    void theJanitorRunsWhenTheClockPassesItsInterval() {
        ManualClock clock = new ManualClock();
        ManualScheduler scheduler = new ManualScheduler(clock);
        GPService svc = GPService.builder("Kept").maxFileAge(Duration.ofMinutes(10)).task(new RegisteredTask())
                .build();
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).scheduler(scheduler)
                .janitorInterval(Duration.ofMinutes(30)).build()) {
            GPCaller caller = engine.anonymous();
            String id = caller.submitJob("Kept", "Greet", Map.of("Name", "a")).jobId();
            assertThat(caller.awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            clock.advance(Duration.ofMinutes(29));
            assertThat(caller.job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> caller.job(id)).isInstanceOf(JobNotFoundException.class);
        }
    }

    private static JobRecord foreign(JobStatus status, String node, Instant now, Duration lease) {
        return new JobRecord(ID, "Shared", "Greet", status, 0, now, status == JobStatus.EXECUTING ? now : null, null,
                now, null, node, now.plus(lease), false, List.of(JobMessage.info("Submitted.")), null);
    }

    @Test
    void aJobWhoseEngineStoppedIsTakenOverWhenTheClockPassesItsLease() {
        ManualClock clock = new ManualClock();
        ManualScheduler scheduler = new ManualScheduler(clock);
        GPService svc = GPService.builder("Shared").task(new RegisteredTask()).build();
        try (JobStore store = MemoryJobStoreProvider.newStore()) {
            store.create(foreign(JobStatus.EXECUTING, "gone", clock.instant(), Duration.ofSeconds(30)),
                    Map.of("Name", new StoredValue("GPString", "\"a\"")));
            try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).scheduler(scheduler)
                    .leaseDuration(Duration.ofSeconds(30)).build()) {
                clock.advance(Duration.ofSeconds(29));
                assertThat(engine.anonymous().job(ID).status()).isEqualTo(JobStatus.EXECUTING);
                clock.advance(Duration.ofSeconds(16)); // lease past, and a sweep (every half lease) due
                JobInfo lost = engine.anonymous().job(ID);
                assertThat(lost.status()).isEqualTo(JobStatus.FAILED);
                assertThat(lost.messages()).last().satisfies(m -> assertThat(m.description()).contains("node gone"));
            }
        }
    }

    @Test
    void awaitingAJobAnotherEngineRunsReadsItAgainAtEachPollTheTestDrives() throws Exception {
        ManualClock clock = new ManualClock();
        ManualScheduler scheduler = new ManualScheduler(clock);
        GPService svc = GPService.builder("Shared").task(new RegisteredTask()).build();
        try (JobStore store = MemoryJobStoreProvider.newStore()) {
            JobRecord r = store.create(foreign(JobStatus.EXECUTING, "other", clock.instant(), Duration.ofHours(1)),
                    Map.of("Name", new StoredValue("GPString", "\"a\"")));
            try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).scheduler(scheduler)
                    .build()) {
                int before = scheduler.pending();
                CompletableFuture<JobInfo> awaited = CompletableFuture.supplyAsync(
                        () -> engine.anonymous().awaitCompletion(ID, WAIT));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (scheduler.pending() == before && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // until the waiter scheduled its poll
                }
                assertThat(scheduler.pending()).isEqualTo(before + 1);
                Instant now = clock.instant();
                store.update(r.withStatus(JobStatus.SUCCEEDED, now).withEnded(now).withLease(null, null));
                assertThat(awaited).isNotDone();
                clock.advance(Duration.ofMillis(50)); // the poll: the waiter reads the store again
                assertThat(awaited.get(20, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.SUCCEEDED);
            }
        }
    }
}
