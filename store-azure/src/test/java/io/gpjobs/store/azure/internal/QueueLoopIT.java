package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.EngineScheduler;
import io.gpjobs.spi.DispatchContext;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop and the sweeper of {@link QueueDispatcher} on a real queue (the emulator), driven through an
 * injected scheduler that only records what is due: the test runs each poll itself. A poll receives at most as many
 * messages as there are free slots, none when there are none; empty polls stay short right after work, then back
 * off with the tuning's jitter; a local submit, or a finished run when the last poll had to leave messages, wakes
 * the loop at once; a finished run deletes its message; the sweeper puts
 * again the message of a queued job whose put was lost, once per bound.
 */
class QueueLoopIT {
    private static final String SVC = "loop";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final FakeContext ctx = new FakeContext();
    private AzureJobStoreConfig config;
    private JobStore store;
    private QueueDispatcher dispatcher;
    private JobQueue queue;

    @BeforeEach
    void start() throws Exception {
        config = AzureJobStoreConfig.builder().connectionString(connectionString()).container("it-" + hex(6))
                .table("it" + hex(6)).jobsStoreQueue("it-" + hex(6)).build();
        store = AzureStoreOpener.open(config);
        QueueTuning tuning = new QueueTuning(5, false, Duration.ofMillis(200), Duration.ofSeconds(8),
                Duration.ofMinutes(5), Duration.ofSeconds(1), () -> 0.5, ServerClock.system());
        dispatcher = new QueueDispatcher(config, AzureClients.table(config, AzureClients.httpClient(config)), tuning,
                null);
        dispatcher.start(ctx);
        queue = JobQueue.open(config, SVC, ServerClock.system());
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        store.close();
    }

    @Test
    void aPollTakesNoMoreThanTheFreeSlotsAndBacksOffWhenIdle() throws Exception {
        assertThat(ctx.runPoll()).as("first poll, empty queue").isEqualTo(Duration.ofMillis(100));
        for (int i = 0; i < 5; i++) {
            queue.put(jobId(), Duration.ZERO);
        }
        ctx.free.set(0);
        assertThat(ctx.runPoll()).as("no free slot: no receive").isEqualTo(Duration.ofSeconds(8));
        assertThat(ctx.runs).isEmpty();
        ctx.free.set(2);
        assertThat(ctx.runPoll()).as("messages found: poll again at once").isZero();
        assertThat(ctx.runs).hasSize(2);
        ctx.free.set(32);
        assertThat(ctx.runPoll()).isZero();
        assertThat(ctx.runs).hasSize(5);
        for (int i = 1; i <= QueueTuning.HOT_POLLS + 1; i++) {
            assertThat(ctx.runPoll()).as("empty poll %d right after work: short", i).isEqualTo(Duration.ofMillis(100));
        }
        assertThat(ctx.runPoll()).as("then the back-off grows").isEqualTo(Duration.ofMillis(200));
        assertThat(ctx.runPoll()).isEqualTo(Duration.ofMillis(400));
        // each run holds its message: a heartbeat a third of a lease away extends it
        assertThat(ctx.due.stream().filter(d -> d.delay.equals(LEASE.dividedBy(3))).count()).isEqualTo(5);

        // a finished run deletes its message; the queue was drained, so its freed slot waits for the next idle poll
        var running = ctx.runs.values().iterator();
        running.next().complete(DispatchContext.RunEnd.RECORDED);
        assertThat(ctx.pendingPollDelay()).isEqualTo(Duration.ofMillis(400));
        assertThat(queue.receive(32, Duration.ofSeconds(1))).isEmpty(); // the other four are hidden by their runs
        // when the last poll found no free slot (messages may wait), a finished run wakes the loop at once
        ctx.free.set(0);
        assertThat(ctx.runPoll()).isEqualTo(Duration.ofSeconds(8));
        ctx.free.set(2);
        running.next().complete(DispatchContext.RunEnd.RECORDED);
        assertThat(ctx.pendingPollDelay()).isZero();
        // a local submit with a free slot runs here at once, its message put hidden (a dead-man's hint)
        JobRecord local = create(jobId());
        dispatcher.dispatch(local);
        assertThat(ctx.runs).containsKey(local.jobId());
        assertThat(queue.receive(32, Duration.ofSeconds(1))).isEmpty();
        // with no free slot, a submit puts the message visible and wakes the loop
        ctx.free.set(0);
        JobRecord queued = create(jobId());
        ctx.due.clear();
        dispatcher.dispatch(queued);
        assertThat(ctx.runs).doesNotContainKey(queued.jobId());
        assertThat(ctx.pendingPollDelay()).isZero();
        assertThat(queue.receive(32, Duration.ofSeconds(1))).extracting(JobQueue.Delivery::jobId)
                .containsExactly(queued.jobId());
    }

    @Test
    void theSweeperPutsAgainTheMessageOfAQueuedJobWhosePutWasLostOncePerBound() throws Exception {
        JobRecord lost = create(jobId()); // stored Submitted, its message never put
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int found = 0;
        while (found == 0 && System.nanoTime() < deadline) {
            found = dispatcher.sweepNow(); // finds it once it is 1 s old on the storage's clock
        }
        assertThat(found).isEqualTo(1);
        assertThat(dispatcher.sweepNow()).as("touched: not put again before another bound").isZero();
        assertThat(store.read(lost.jobId()).orElseThrow().version()).isEqualTo(2);
        ctx.runPoll();
        assertThat(ctx.runs).containsOnlyKeys(lost.jobId());
    }

    private JobRecord create(String id) {
        Instant now = Instant.now();
        return store.create(new JobRecord(id, SVC, "Echo", JobStatus.SUBMITTED, 0, now, null, null, now, null, null,
                null, false, List.of(JobMessage.info("Submitted.")), null), Map.of());
    }

    private static String jobId() {
        return "j" + hex(16);
    }

    private static String hex(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String connectionString() throws Exception {
        String cs = System.getenv("GPJOBS_AZURITE_CONNECTION_STRING");
        if (cs != null && !cs.isBlank()) {
            return cs;
        }
        Path env = Path.of(System.getProperty("gpjobs.azurite.envFile", "../.ci/.azurite.env"));
        for (String line : Files.readAllLines(env)) {
            if (line.startsWith("GPJOBS_AZURITE_CONNECTION_STRING=")) {
                return line.substring(line.indexOf('=') + 1).trim();
            }
        }
        throw new AssertionError("Azurite is not running: bash .ci/azurite.sh install && bash .ci/azurite.sh start");
    }

    /** The engine's side, faked: slots set by the test, runs recorded, and a scheduler that only records. */
    private final class FakeContext implements DispatchContext {
        final AtomicInteger free = new AtomicInteger(2);
        final Map<String, CompletableFuture<RunEnd>> runs = new ConcurrentHashMap<>();
        final List<Due> due = new CopyOnWriteArrayList<>();

        record Due(Runnable task, Duration delay, FutureTask<Void> future) {
        }

        /** Runs the poll that is due (the last one planned) and returns the delay of the next one planned. */
        Duration runPoll() {
            Due poll = lastPoll();
            due.remove(poll);
            poll.future().run();
            return pendingPollDelay();
        }

        Duration pendingPollDelay() {
            return lastPoll().delay();
        }

        private Due lastPoll() {
            List<Due> polls = new ArrayList<>();
            for (Due d : due) {
                boolean heartbeat = d.delay().equals(LEASE.dividedBy(3));
                boolean sweep = d.delay().compareTo(Duration.ofMinutes(5)) >= 0;
                if (!heartbeat && !sweep && !d.future().isCancelled()) {
                    polls.add(d);
                }
            }
            assertThat(polls).as("a poll is planned").isNotEmpty();
            return polls.get(polls.size() - 1);
        }

        @Override
        public String nodeId() {
            return "node-loop";
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public Duration leaseDuration() {
            return LEASE;
        }

        @Override
        public EngineScheduler scheduler() {
            return (task, delay) -> {
                FutureTask<Void> f = new FutureTask<>(task, null);
                due.add(new Due(task, delay, f));
                return f;
            };
        }

        @Override
        public List<String> serviceNames() {
            return List.of(SVC);
        }

        @Override
        public JobStore store(String serviceName) {
            return store;
        }

        @Override
        public int freeSlots(String serviceName) {
            return free.get();
        }

        @Override
        public CompletionStage<RunEnd> run(String serviceName, String jobId, int attempt) {
            CompletableFuture<RunEnd> f = new CompletableFuture<>();
            runs.put(jobId, f);
            return f;
        }
    }
}
