package io.gpjobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPCaller;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.MemoryJobStoreProvider;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The attempt counter of a job's record and the time limit ({@code maxUsageTime}) of the attempt that runs: it
 * counts from that attempt's claim, not from the submit, whether the job waited for a slot or ran before on a node
 * that was lost. Driven by a manual clock and scheduler: no test waits for time to pass.
 */
class AttemptTimeLimitTest {
    private static final String ID = "j00000000000000000000000000000a77";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Greet, which waits for its cancellation (or its latch) and stops on it. */
    static final class Cooperative extends RegisteredTask {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch tokenFired = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void execute(TaskContext ctx) {
            CountDownLatch stop = new CountDownLatch(1);
            ctx.cancellation().onCancel(() -> {
                tokenFired.countDown();
                stop.countDown();
            });
            entered.countDown();
            try {
                if (!ctx.input("Name", GPString.class).value().equals("waits")) {
                    stop.await(30, TimeUnit.SECONDS);
                } else {
                    release.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.cancellation().throwIfCancellationRequested();
            super.execute(ctx);
        }
    }

    @Test
    void anAttemptAfterALostNodeGetsTheWholeTimeLimitFromItsClaimAndIsNamedInTheRecordAndMessages() throws Exception {
        ManualClock clock = new ManualClock();
        ManualScheduler scheduler = new ManualScheduler(clock);
        Cooperative task = new Cooperative();
        GPService svc = GPService.builder("Limited").maxInstances(1).maxUsageTime(LIMIT).task(task).build();
        try (JobStore store = MemoryJobStoreProvider.newStore()) {
            // Submitted an hour ago; attempt 1 ran on a node that was lost, and the job was queued again.
            Instant longAgo = clock.instant().minus(Duration.ofHours(1));
            store.create(new JobRecord(ID, "Limited", "Greet", JobStatus.SUBMITTED, 0, longAgo, longAgo, null, longAgo,
                    null, null, null, false, List.of(JobMessage.info("Submitted."), JobMessage.warning("Node lost-1"
                    + " stopped renewing its lease while running attempt 1 of the job: it runs again.")), null, 1),
                    Map.of("Name", new StoredValue("GPString", "\"limited\"")));
            try (GPEngine engine = GPEngine.builder().nodeId("node-2").service(svc).jobStore(store).clock(clock)
                    .scheduler(scheduler).build()) {
                GPCaller caller = engine.anonymous();
                assertThat(task.entered.await(20, TimeUnit.SECONDS)).isTrue();
                Instant claimed = clock.instant();
                JobInfo running = caller.job(ID);
                assertThat(running.status()).isEqualTo(JobStatus.EXECUTING);
                assertThat(running.attempt()).isEqualTo(2);
                assertThat(running.started()).isEqualTo(claimed);
                assertThat(store.read(ID).orElseThrow().attempt()).isEqualTo(2);
                assertThat(running.messages()).last().extracting(JobMessage::description)
                        .isEqualTo("Executing... (attempt 2, on node node-2)");

                clock.advance(LIMIT.minusSeconds(1)); // an hour and a minute after the submit
                assertThat(caller.job(ID).status()).isEqualTo(JobStatus.EXECUTING);
                assertThat(task.tokenFired.getCount()).isEqualTo(1);
                clock.advance(Duration.ofSeconds(1)); // the limit from the claim
                JobInfo out = caller.job(ID);
                assertThat(out.status()).isEqualTo(JobStatus.TIMED_OUT);
                assertThat(out.attempt()).isEqualTo(2);
                assertThat(task.tokenFired.await(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void aJobThatWaitedForASlotGetsTheWholeTimeLimitFromItsClaim() throws Exception {
        ManualClock clock = new ManualClock();
        ManualScheduler scheduler = new ManualScheduler(clock);
        Cooperative first = new Cooperative();
        Cooperative second = new Cooperative();
        Cooperative[] tasks = {first, second};
        GPService svc = GPService.builder("Limited").maxInstances(1).maxUsageTime(LIMIT)
                .task(new RegisteredTask() {
                    private int n;

                    @Override
                    public void execute(TaskContext ctx) {
                        Cooperative t;
                        synchronized (this) {
                            t = tasks[n++];
                        }
                        t.execute(ctx);
                    }
                }).build();
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).scheduler(scheduler).build()) {
            GPCaller caller = engine.anonymous();
            String busy = caller.submitJob("Limited", "Greet", Map.of("Name", "waits")).jobId();
            assertThat(first.entered.await(20, TimeUnit.SECONDS)).isTrue();
            String queued = caller.submitJob("Limited", "Greet", Map.of("Name", "limited")).jobId();
            assertThat(caller.job(queued).attempt()).isZero();
            clock.advance(LIMIT.minusSeconds(10)); // the queued job waits 50 s for the only slot
            assertThat(caller.job(queued).status().isQueued()).as("queued").isTrue();
            first.release.countDown();
            assertThat(caller.awaitCompletion(busy, Duration.ofSeconds(20)).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(second.entered.await(20, TimeUnit.SECONDS)).isTrue();
            JobInfo running = caller.job(queued);
            assertThat(running.attempt()).isEqualTo(1);
            assertThat(running.messages()).last().extracting(JobMessage::description).isEqualTo("Executing...");

            clock.advance(LIMIT.minusSeconds(1)); // 109 s after its submit
            assertThat(caller.job(queued).status()).isEqualTo(JobStatus.EXECUTING);
            clock.advance(Duration.ofSeconds(1));
            assertThat(caller.job(queued).status()).isEqualTo(JobStatus.TIMED_OUT);
        }
    }
}
