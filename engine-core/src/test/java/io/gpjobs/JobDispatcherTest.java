package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.internal.InMemoryJobStore;
import io.gpjobs.spi.DispatchContext;
import io.gpjobs.spi.DispatchContext.RunEnd;
import io.gpjobs.spi.JobDispatcher;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dispatch seam: a store's own dispatcher decides when jobs run, through the engine's context. */
class JobDispatcherTest {

    /** Keeps what it is given; the test decides when each job runs. */
    static final class HoldingDispatcher implements JobDispatcher {
        volatile DispatchContext context;
        final List<JobRecord> dispatched = new CopyOnWriteArrayList<>();
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void start(DispatchContext c) {
            starts.incrementAndGet();
            context = c;
        }

        @Override
        public void dispatch(JobRecord job) {
            dispatched.add(job);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** A memory store that supplies {@code dispatcher}. */
    static final class DispatchingStore extends ForwardingJobStore {
        final HoldingDispatcher dispatcher = new HoldingDispatcher();

        DispatchingStore() {
            super(new InMemoryJobStore());
        }

        @Override
        public Optional<JobDispatcher> dispatcher() {
            return Optional.of(dispatcher);
        }
    }

    private static RunEnd end(java.util.concurrent.CompletionStage<RunEnd> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aStoresDispatcherDecidesWhenAcceptedJobsRunAndLearnsHowEachRunEnded() throws Exception {
        DispatchingStore store = new DispatchingStore();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Queued").maxInstances(1).task(TestTasks.echo())
                .task(TestTasks.cooperative("Gated", gate)).build();
        HoldingDispatcher d = store.dispatcher;
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).nodeId("n1").build()) {
            assertThat(d.starts).hasValue(1);
            DispatchContext ctx = d.context;
            assertThat(ctx.serviceNames()).containsExactly("Queued");
            assertThat(ctx.nodeId()).isEqualTo("n1");
            assertThat(ctx.store("Queued")).isSameAs(store);

            String first = engine.anonymous().submitJob("Queued", "Echo", Map.of("text", "a")).jobId();
            String second = engine.anonymous().submitJob("Queued", "Echo", Map.of("text", "b")).jobId();
            assertThat(d.dispatched).extracting(JobRecord::jobId).containsExactly(first, second);
            assertThat(d.dispatched).extracting(JobRecord::status).containsOnly(JobStatus.SUBMITTED);
            // Accepted and stored, but nobody asked a slot to run them.
            assertThat(engine.anonymous().job(first).status()).isEqualTo(JobStatus.SUBMITTED);
            assertThat(ctx.freeSlots("Queued")).isEqualTo(1);

            assertThat(end(ctx.run("Queued", first, 1))).isEqualTo(RunEnd.RECORDED);
            assertThat(engine.anonymous().job(first).status()).isEqualTo(JobStatus.SUCCEEDED);
            // A second delivery of a job that ended is not run again.
            assertThat(end(ctx.run("Queued", first, 2))).isEqualTo(RunEnd.NOT_CLAIMED);

            engine.anonymous().cancel(second);
            assertThat(end(ctx.run("Queued", second, 1))).isEqualTo(RunEnd.NOT_CLAIMED);

            String gated = engine.anonymous().submitJob("Queued", "Gated", Map.of("text", "c")).jobId();
            var running = ctx.run("Queued", gated, 1);
            gate.awaitEntered();
            assertThat(ctx.freeSlots("Queued")).isZero();
            gate.open();
            assertThat(end(running)).isEqualTo(RunEnd.RECORDED);
            assertThat(engine.anonymous().awaitCompletion(gated, Duration.ofSeconds(20)).status())
                    .isEqualTo(JobStatus.SUCCEEDED);
            assertThat(ctx.freeSlots("Queued")).isEqualTo(1);

            assertThatThrownBy(() -> ctx.run("Other", first, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Other'");
            assertThatThrownBy(() -> ctx.run("Queued", first, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("attempt must be at least 1, got 0");
            engine.close();
            assertThat(d.closes).hasValue(1);
            assertThatThrownBy(() -> ctx.run("Queued", first, 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    /**
     * A slot asked for through the context is never reported free before its run ended: a dispatcher that polls a
     * shared queue by the free slots would otherwise take a job that then waits here (a worker that took the entry
     * counts as busy only a moment later); and once the run's end is heard, the slot is free again. 1,000 rounds,
     * freeSlots read as fast as possible until the run's end is heard (a free slot before the job's end is recorded
     * is a lie), and right after.
     */
    @Test
    void aSlotAskedForIsNeverReportedFreeBeforeItsRunEnded() throws Exception {
        DispatchingStore store = new DispatchingStore();
        GPService svc = GPService.builder("One").maxInstances(1).task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            DispatchContext ctx = store.dispatcher.context;
            int violations = 0;
            int busyAfterEnd = 0;
            for (int round = 0; round < 1_000; round++) {
                String id = engine.anonymous().submitJob("One", "Echo", Map.of("text", "r" + round)).jobId();
                java.util.concurrent.CompletableFuture<RunEnd> run = ctx.run("One", id, 1).toCompletableFuture();
                while (!run.isDone()) {
                    // read first, then look at the job: a free slot seen before the run recorded its end is a lie
                    if (ctx.freeSlots("One") > 0 && !store.read(id).orElseThrow().status().isTerminal()) {
                        violations++;
                    }
                }
                assertThat(run.get(20, TimeUnit.SECONDS)).as("round " + round).isEqualTo(RunEnd.RECORDED);
                // and once the end is heard, the slot is free: a dispatcher polls for the next job at that moment
                if (ctx.freeSlots("One") != 1) {
                    busyAfterEnd++;
                }
            }
            assertThat(violations).as("free slots reported while a run was on").isZero();
            assertThat(busyAfterEnd).as("rounds whose slot was still taken when the run's end was heard").isZero();
        }
    }

    @Test
    void inProcessDispatchRunsEveryAcceptedJobOnTheEngineThatAcceptedIt() {
        GPService svc = GPService.builder("Local").maxInstances(2).task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            for (int i = 0; i < 20; i++) {
                String id = engine.anonymous().submitJob("Local", "Echo", Map.of("text", "x" + i)).jobId();
                assertThat(engine.anonymous().awaitCompletion(id, Duration.ofSeconds(20)).status())
                        .isEqualTo(JobStatus.SUCCEEDED);
            }
        }
    }

    @Test
    void runsTheEngineStopsUnderEndStoppedAndTheDispatcherClosesAfterThem() throws Exception {
        DispatchingStore store = new DispatchingStore();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Stopping").maxInstances(1).task(TestTasks.cooperative("Coop", gate))
                .task(TestTasks.echo()).build();
        HoldingDispatcher d = store.dispatcher;
        GPEngine engine = GPEngine.builder().service(svc).jobStore(store).timeoutGrace(Duration.ofMillis(200))
                .build();
        java.util.concurrent.CompletionStage<RunEnd> running;
        java.util.concurrent.CompletionStage<RunEnd> waiting;
        try {
            String coop = engine.anonymous().submitJob("Stopping", "Coop", Map.of("text", "a")).jobId();
            String queued = engine.anonymous().submitJob("Stopping", "Echo", Map.of("text", "b")).jobId();
            running = d.context.run("Stopping", coop, 1);
            gate.awaitEntered();
            waiting = d.context.run("Stopping", queued, 1);
            assertThat(d.context.freeSlots("Stopping")).isZero();
        } finally {
            engine.close(); // the task stops on its token (the gate opens with it)
        }
        assertThat(end(running)).isEqualTo(RunEnd.STOPPED);
        assertThat(end(waiting)).isEqualTo(RunEnd.STOPPED);
        assertThat(d.closes).hasValue(1);
        assertThat(store.read(d.dispatched.get(1).jobId()).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
    }
}
