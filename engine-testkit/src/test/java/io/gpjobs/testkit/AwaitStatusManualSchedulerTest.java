package io.gpjobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.MemoryJobStoreProvider;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** awaitStatus on a job another engine writes reads it again at each poll of the engine's scheduler, no sooner. */
class AwaitStatusManualSchedulerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ID = "j00000000000000000000000000000abc";

    @Test
    void aForeignJobsNonTerminalStatusIsSeenAtThePollTheTestDrives() throws Exception {
        ManualClock clock = new ManualClock();
        ManualScheduler scheduler = new ManualScheduler(clock);
        GPService svc = GPService.builder("Shared").task(new RegisteredTask()).build();
        try (JobStore store = MemoryJobStoreProvider.newStore()) {
            Instant now = clock.instant();
            JobRecord r = store.create(new JobRecord(ID, "Shared", "Greet", JobStatus.EXECUTING, 0, now, now, null,
                    now, null, "other", now.plus(Duration.ofHours(1)), false, List.of(JobMessage.info("Submitted.")),
                    null), Map.of("Name", new StoredValue("GPString", "\"a\"")));
            try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).scheduler(scheduler)
                    .build()) {
                int before = scheduler.pending();
                CompletableFuture<JobInfo> awaited = CompletableFuture.supplyAsync(() -> engine.anonymous()
                        .awaitStatus(ID, s -> s == JobStatus.CANCELLING, WAIT));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (scheduler.pending() == before && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // until the waiter scheduled its poll
                }
                assertThat(scheduler.pending()).isGreaterThan(before);
                store.update(r.withStatus(JobStatus.CANCELLING, now));
                assertThat(awaited).isNotDone();
                clock.advance(Duration.ofMillis(50)); // the poll: the waiter reads the store again
                assertThat(awaited.get(20, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.CANCELLING);
            }
        }
    }
}
