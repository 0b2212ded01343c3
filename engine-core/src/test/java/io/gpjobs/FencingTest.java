package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run whose job another node took over (the record names another node, or a later claim) is fenced: its lease
 * renewal cancels its task and writes nothing, and its end and results never reach the record. An engine without
 * workers needs a store that dispatches across nodes.
 */
class FencingTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static JobRecord takeOver(JobStore store, String id, Instant at) {
        JobRecord cur = store.read(id).orElseThrow();
        return store.update(cur.withStarted(at).withUpdated(at).withLease("node-b", at.plus(LEASE)));
    }

    @Test
    void aLeaseRenewalThatFindsAnotherRunCancelsTheTaskAndWritesNothing() throws Exception {
        JobStore store = MemoryJobStoreProvider.newStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Fence").maxInstances(1).task(TestTasks.cooperative("Wait", gate))
                .task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("node-a")
                .leaseDuration(LEASE).build()) {
            String id = engine.anonymous().submitJob("Fence", "Wait", Map.of("text", "x")).jobId();
            gate.awaitEntered();
            JobRecord theirs = takeOver(store, id, clock.instant().plusSeconds(1));
            clock.advance(LEASE.dividedBy(3).plusSeconds(1)); // node-a's renewal is due
            Await.until("node-a's task to be cancelled", () -> gate.open.getCount() == 0);
            slotFreed(engine);
            assertThat(store.read(id).orElseThrow()).isEqualTo(theirs);
            assertThat(store.results(id)).isEmpty();
        }
    }

    @Test
    void aCancelCheckThatFindsAnotherRunStopsTheTaskBeforeItStoresAnything() throws Exception {
        JobStore store = MemoryJobStoreProvider.newStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Fence").maxInstances(1).task(TestTasks.cooperative("Wait", gate))
                .task(TestTasks.echo()).cancellationCheckInterval(Duration.ofSeconds(2)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("node-a")
                .leaseDuration(LEASE).build()) {
            String id = engine.anonymous().submitJob("Fence", "Wait", Map.of("text", "x")).jobId();
            gate.awaitEntered();
            JobRecord theirs = takeOver(store, id, clock.instant().plusSeconds(1));
            clock.advance(Duration.ofSeconds(3)); // the cancel check is due, the lease renewal is not
            Await.until("node-a's task to be cancelled", () -> gate.open.getCount() == 0);
            slotFreed(engine);
            assertThat(store.read(id).orElseThrow()).isEqualTo(theirs);
            assertThat(store.results(id)).isEmpty();
        }
    }

    @Test
    void anEndRightAfterATakeoverLeavesTheRecordToTheOtherRun() throws Exception {
        JobStore store = MemoryJobStoreProvider.newStore();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Fence").maxInstances(1).task(TestTasks.cooperative("Wait", gate))
                .task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).nodeId("node-a").leaseDuration(LEASE)
                .build()) {
            String id = engine.anonymous().submitJob("Fence", "Wait", Map.of("text", "x")).jobId();
            gate.awaitEntered();
            JobRecord theirs = takeOver(store, id, Instant.now().plusSeconds(1));
            gate.open(); // the task returns successfully before any check: its end must not land on node-b's run
            slotFreed(engine);
            assertThat(store.read(id).orElseThrow()).isEqualTo(theirs);
        }
    }

    @Test
    void anEngineWithoutWorkersNeedsAStoreThatDispatchesAcrossNodes() {
        GPService svc = GPService.builder("Web").task(TestTasks.echo()).build();
        assertThatThrownBy(() -> GPEngine.builder().service(svc).jobStore(MemoryJobStoreProvider.newStore())
                .workers(false).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without workers").hasMessageContaining("'Web'");
    }

    /** Runs a job on the service's only slot: once it ended, the slot finished with the job before it. */
    private static void slotFreed(GPEngine engine) throws Exception {
        String next = engine.anonymous().submitJob("Fence", "Echo", Map.of("text", "after")).jobId();
        assertThat(engine.anonymous().awaitCompletion(next, Duration.ofSeconds(20)).status()).isEqualTo(JobStatus.SUCCEEDED);
    }
}
