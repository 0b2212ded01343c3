package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.MessageType;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A running engine takes over the jobs of an engine that stopped once their leases expired (not only at start), on
 * its clock; live engines sharing a store never take each other's jobs while they renew their leases; a lease
 * renewed after the sweep read the job keeps the job with its holder.
 */
class LeaseTakeoverTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String DEAD = "dead-1";


    private static int next;

    private static synchronized String newId() {
        return String.format("j%032x", ++next);
    }

    private static String deadJob(JobStore store, String service, JobStatus status, Instant t, Instant leaseUntil,
            String node, String text) {
        String id = newId();
        boolean queued = status.isQueued();
        store.create(new JobRecord(id, service, "Echo", status, 0, t, queued ? null : t, null, t, null, node,
                leaseUntil, status == JobStatus.CANCELLING, List.of(JobMessage.info(queued ? "Submitted."
                        : "Executing...")), null),
                text == null ? Map.of() : Map.of("text", new StoredValue("GPString", "\"" + text + "\"")));
        return id;
    }

    private static JobRecord read(JobStore store, String id) {
        return store.read(id).orElseThrow();
    }

    private static void awaitStatus(JobStore store, String id, JobStatus status) {
        Await.until("job " + id + " is " + status.wireName(), WAIT, () -> read(store, id).status() == status);
    }

    @Test
    void aRunningEngineTakesOverADeadNodesJobsOnceTheirLeasesExpired() {
        JobStore store = MemoryJobStoreProvider.newStore();
        ManualClock clock = new ManualClock();
        Instant t = clock.instant();
        Instant lease = t.plus(LEASE);
        String executing = deadJob(store, "Takeover", JobStatus.EXECUTING, t, lease, DEAD, null);
        String cancelling = deadJob(store, "Takeover", JobStatus.CANCELLING, t, lease, DEAD, null);
        String submitted = deadJob(store, "Takeover", JobStatus.SUBMITTED, t, lease, DEAD, "one");
        String waiting = deadJob(store, "Takeover", JobStatus.WAITING, t, lease, DEAD, "two");
        String early = deadJob(store, "Takeover", JobStatus.EXECUTING, t, t.plusSeconds(5), DEAD, null);
        List<String> late = List.of(executing, cancelling, submitted, waiting);
        Map<String, JobRecord> created = new java.util.HashMap<>();
        for (String id : List.of(executing, cancelling, submitted, waiting, early)) {
            created.put(id, read(store, id));
        }
        GPService svc = GPService.builder("Takeover").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("live-2")
                .leaseDuration(LEASE).build()) {
            // At start the leases hold: the jobs stay with their node.
            for (String id : List.of(executing, cancelling, submitted, waiting, early)) {
                assertThat(read(store, id)).as("job %s at start", id).isEqualTo(created.get(id));
            }
            // Past the early job's lease (and half a lease since start): only that one is taken over.
            clock.advance(Duration.ofSeconds(20));
            awaitStatus(store, early, JobStatus.FAILED);
            for (String id : late) {
                assertThat(read(store, id)).as("job %s, lease not expired", id).isEqualTo(created.get(id));
            }
            // Past every lease: the next sweep (half a lease later) takes the rest.
            clock.advance(Duration.ofSeconds(15));
            awaitStatus(store, executing, JobStatus.FAILED);
            JobInfo failed = engine.anonymous().job(executing);
            assertThat(failed.messages()).filteredOn(m -> m.type() == MessageType.ERROR)
                    .extracting(JobMessage::description)
                    .containsExactly("Job failed: the engine running it stopped (node dead-1).");
            JobJsonSchema.render(failed);
            awaitStatus(store, cancelling, JobStatus.CANCELLED);
            assertThat(engine.anonymous().awaitCompletion(submitted, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().awaitCompletion(waiting, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().result(submitted, "result").value()).isEqualTo(new GPString("one"));
            assertThat(engine.anonymous().result(waiting, "result").value()).isEqualTo(new GPString("two"));
            assertThat(engine.anonymous().job(early).messages()).extracting(JobMessage::description)
                    .contains("Job failed: the engine running it stopped (node dead-1).");
        }
        store.close();
    }

    @Test
    void liveEnginesNeverTakeEachOthersRunningOrQueuedJobsWhileTheyRenewTheirLeases() throws Exception {
        JobStore store = MemoryJobStoreProvider.newStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gateA = new TestTasks.Gate();
        TestTasks.Gate gateB = new TestTasks.Gate();
        // Each engine has the shared service and a marker service of its own: a dead job in its marker service
        // taken over shows that its sweep ran past the shared service ("Live" sorts first).
        GPService liveA = GPService.builder("Live").maxInstances(1).task(TestTasks.cooperative("Hold", gateA)).build();
        GPService liveB = GPService.builder("Live").maxInstances(1).task(TestTasks.cooperative("Hold", gateB)).build();
        GPService markA = GPService.builder("MarkA").task(TestTasks.echo()).build();
        GPService markB = GPService.builder("MarkB").task(TestTasks.echo()).build();
        try (GPEngine a = GPEngine.builder().service(liveA).service(markA).jobStore(store).clock(clock).nodeId("a")
                .leaseDuration(LEASE).build();
             GPEngine b = GPEngine.builder().service(liveB).service(markB).jobStore(store).clock(clock).nodeId("b")
                .leaseDuration(LEASE).build()) {
            String runA = a.anonymous().submitJob("Live", "Hold", Map.of("text", "a0")).jobId();
            gateA.awaitEntered();
            String runB = b.anonymous().submitJob("Live", "Hold", Map.of("text", "b0")).jobId();
            gateB.awaitEntered();
            List<String> queuedA = List.of(a.anonymous().submitJob("Live", "Hold", Map.of("text", "a1")).jobId(),
                    a.anonymous().submitJob("Live", "Hold", Map.of("text", "a2")).jobId());
            List<String> queuedB = List.of(b.anonymous().submitJob("Live", "Hold", Map.of("text", "b1")).jobId(),
                    b.anonymous().submitJob("Live", "Hold", Map.of("text", "b2")).jobId());
            Await.until("both running", () -> read(store, runA).status() == JobStatus.EXECUTING
                    && read(store, runB).status() == JobStatus.EXECUTING);
            // Four leases' worth of time, half a lease at a time, each step waiting for both engines' sweeps.
            for (int step = 0; step < 8; step++) {
                Instant now = clock.instant();
                String markerA = deadJob(store, "MarkA", JobStatus.EXECUTING, now, now.plusSeconds(1), DEAD, null);
                String markerB = deadJob(store, "MarkB", JobStatus.EXECUTING, now, now.plusSeconds(1), DEAD, null);
                clock.advance(LEASE.dividedBy(2));
                awaitStatus(store, markerA, JobStatus.FAILED);
                awaitStatus(store, markerB, JobStatus.FAILED);
                Instant after = clock.instant();
                assertHeld(store, runA, JobStatus.EXECUTING, "a", after);
                assertHeld(store, runB, JobStatus.EXECUTING, "b", after);
                for (String id : queuedA) {
                    assertHeld(store, id, JobStatus.WAITING, "a", after);
                }
                for (String id : queuedB) {
                    assertHeld(store, id, JobStatus.WAITING, "b", after);
                }
            }
            gateA.open();
            gateB.open();
            List<String> all = new ArrayList<>(List.of(runA, runB));
            all.addAll(queuedA);
            all.addAll(queuedB);
            for (String id : all) {
                assertThat(a.anonymous().awaitCompletion(id, WAIT).status()).as("job %s", id).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(a.anonymous().job(id).messages()).extracting(JobMessage::description)
                        .doesNotContain("Job failed: the engine running it stopped (node a).",
                                "Job failed: the engine running it stopped (node b).");
            }
        }
        store.close();
    }

    @Test
    void aJobWhoseEndTheStoreRefusesKeepsItsLeaseUntilTheEndIsWritten() {
        ObservedStore store = new ObservedStore();
        ManualClock clock = new ManualClock();
        AtomicInteger refusals = new AtomicInteger();
        // The store refuses Succeeded (the end engine a keeps and retries) but takes every other write.
        store.failUpdate = r -> r.status() == JobStatus.SUCCEEDED && refusals.incrementAndGet() > 0;
        GPService ends = GPService.builder("Ends").task(TestTasks.echo()).build();
        GPService markB = GPService.builder("MarkB").task(TestTasks.echo()).build();
        try (GPEngine a = GPEngine.builder().service(ends).jobStore(store).clock(clock).nodeId("a")
                .leaseDuration(LEASE).build();
             GPEngine b = GPEngine.builder().service(ends).service(markB).jobStore(store).clock(clock).nodeId("b")
                .leaseDuration(LEASE).build()) {
            String id = a.anonymous().submitJob("Ends", "Echo", Map.of("text", "kept")).jobId();
            Await.until("the end was refused", () -> refusals.get() > 0);
            // Three leases later, engine b's sweeps still leave the job to engine a, which renews its lease.
            for (int step = 0; step < 6; step++) {
                Instant now = clock.instant();
                awaitLeaseBeyond(store, id, now.plus(LEASE.dividedBy(2)));
                String marker = deadJob(store, "MarkB", JobStatus.EXECUTING, now, now.plusSeconds(1), DEAD, null);
                clock.advance(LEASE.dividedBy(2));
                awaitStatus(store, marker, JobStatus.FAILED);
                assertHeld(store, id, JobStatus.EXECUTING, "a", clock.instant());
            }
            // The store takes the end again: the next retry (at most 30 s later) records it.
            store.failUpdate = r -> false;
            for (int step = 0; step < 2; step++) {
                awaitLeaseBeyond(store, id, clock.instant().plus(LEASE.dividedBy(2)));
                clock.advance(LEASE.dividedBy(2));
            }
            awaitStatus(store, id, JobStatus.SUCCEEDED);
            assertThat(b.anonymous().result(id, "result").value()).isEqualTo(new GPString("kept"));
        }
        store.close();
    }

    /**
     * Waits until the job ended or its lease reaches past {@code beyond} (its engine renewed it at the current time),
     * so that the next step of the clock cannot pass the lease however the engines' ticks interleave.
     */
    private static void awaitLeaseBeyond(JobStore store, String id, Instant beyond) {
        Await.until("the lease of " + id + " reaches past " + beyond, WAIT, () -> {
            JobRecord r = read(store, id);
            return r.status().isTerminal() || r.leaseUntil().isAfter(beyond);
        });
    }

    private static void assertHeld(JobStore store, String id, JobStatus status, String node, Instant now) {
        JobRecord r = read(store, id);
        assertThat(r.status()).as("status of %s", id).isEqualTo(status);
        assertThat(r.nodeId()).as("holder of %s", id).isEqualTo(node);
        assertThat(r.leaseUntil()).as("lease of %s", id).isAfter(now);
    }

    @Test
    void atStartALeaseRenewedAfterTheRecoveryReadTheJobKeepsItsHolder() {
        StaleQueryStore store = new StaleQueryStore();
        ManualClock clock = new ManualClock();
        Instant t = clock.instant();
        String executing = deadJob(store, "Renewed", JobStatus.EXECUTING, t, t.plus(LEASE), "alive-1", null);
        String queued = deadJob(store, "Renewed", JobStatus.SUBMITTED, t, t.plus(LEASE), "alive-1", "x");
        String dead = deadJob(store, "Renewed", JobStatus.EXECUTING, t, t.plus(LEASE), DEAD, null);
        store.clock = clock;
        clock.advance(Duration.ofSeconds(40));
        GPService svc = GPService.builder("Renewed").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("me")
                .leaseDuration(LEASE).build()) {
            assertThat(store.queries.get()).isPositive();
            assertThat(read(store, dead).status()).isEqualTo(JobStatus.FAILED);
            assertStillWithAlive(store, executing, JobStatus.EXECUTING);
            assertStillWithAlive(store, queued, JobStatus.SUBMITTED);
            assertThat(engine.anonymous().job(queued).status()).isEqualTo(JobStatus.SUBMITTED);
        }
        store.close();
    }

    @Test
    void aSweepLeavesAloneALeaseRenewedAfterItReadTheJob() {
        StaleQueryStore store = new StaleQueryStore();
        ManualClock clock = new ManualClock();
        Instant t = clock.instant();
        String executing = deadJob(store, "Renewed", JobStatus.EXECUTING, t, t.plus(LEASE), "alive-1", null);
        String queued = deadJob(store, "Renewed", JobStatus.WAITING, t, t.plus(LEASE), "alive-1", "x");
        String dead = deadJob(store, "Renewed", JobStatus.EXECUTING, t, t.plus(LEASE), DEAD, null);
        GPService svc = GPService.builder("Renewed").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("me")
                .leaseDuration(LEASE).build()) {
            // From now on, each query renews alive-1's leases after reading them (as a live engine would).
            store.clock = clock;
            clock.advance(Duration.ofSeconds(40));
            awaitStatus(store, dead, JobStatus.FAILED);
            // One more sweep: the one that failed the dead job has finished with the others.
            String marker = deadJob(store, "Renewed", JobStatus.EXECUTING, clock.instant(),
                    clock.instant().plusSeconds(1), DEAD, null);
            clock.advance(Duration.ofSeconds(15));
            awaitStatus(store, marker, JobStatus.FAILED);
            assertStillWithAlive(store, executing, JobStatus.EXECUTING);
            assertStillWithAlive(store, queued, JobStatus.WAITING);
            assertThat(engine.anonymous().job(executing).status()).isEqualTo(JobStatus.EXECUTING);
        }
        store.close();
    }

    private static void assertStillWithAlive(JobStore store, String id, JobStatus status) {
        JobRecord r = read(store, id);
        assertThat(r.status()).as("status of %s", id).isEqualTo(status);
        assertThat(r.nodeId()).as("holder of %s", id).isEqualTo("alive-1");
        assertThat(r.messages()).extracting(JobMessage::type).doesNotContain(MessageType.ERROR);
    }

    /**
     * A memory store whose queries, once {@link #clock} is set, return what they read and then renew the leases
     * of the jobs held by "alive-1" (a live engine renewing right after a sweep read them).
     */
    private static final class StaleQueryStore extends ForwardingJobStore {
        final AtomicInteger queries = new AtomicInteger();
        volatile ManualClock clock;

        StaleQueryStore() {
            super(MemoryJobStoreProvider.newStore());
        }

        @Override
        public JobPage query(JobQuery query) {
            JobPage page = delegate.query(query);
            queries.incrementAndGet();
            ManualClock c = clock;
            if (c != null) {
                for (JobRecord r : page.jobs()) {
                    if ("alive-1".equals(r.nodeId())) {
                        JobRecord cur = delegate.read(r.jobId()).orElseThrow();
                        delegate.update(cur.withLease("alive-1", c.instant().plusSeconds(60)));
                    }
                }
            }
            return page;
        }
    }
}
