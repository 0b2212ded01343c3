package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.store.azure.internal.JobQueue;
import io.gpjobs.store.azure.internal.ServerClock;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GPValueCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queue dispatch across engines on one Azure store (the emulator): a web node without workers hands its jobs to
 * worker nodes; the accepting node runs a job in 6 storage requests; a job whose node was lost ends Failed naming
 * it, or runs again when the store says so; a message delivered too often goes to the poison queue; a run whose
 * job another node took over is fenced; a node whose clock is 5 minutes off takes nothing from a live node.
 * Leases are 3 s; every wait is bounded.
 */
class QueueDispatchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private QueueSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    @Test
    void aWebNodeAcceptsAndWorkerNodesRunEachJobOnce() throws Exception {
        site = new QueueSite(b -> { });
        Set<String> onWeb = QueueSite.ran();
        Set<String> on1 = QueueSite.ran();
        Set<String> on2 = QueueSite.ran();
        GPEngine web = site.node("web", false, Clock.systemUTC(), onWeb);
        site.node("worker-1", true, Clock.systemUTC(), on1);
        site.node("worker-2", true, Clock.systemUTC(), on2);
        // Four jobs that wait at their gates: each worker has two slots, so each must take two.
        List<String> gated = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gated.add(web.anonymous().submitJob(QueueSite.SERVICE, "Gated", Map.of("text", "g" + i)).jobId());
        }
        for (int i = 0; i < 4; i++) {
            site.gates.awaitEntered("g" + i);
        }
        assertThat(on1).hasSize(2);
        assertThat(on2).hasSize(2);
        for (int i = 0; i < 4; i++) {
            site.gates.release("g" + i);
        }
        List<String> echo = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            echo.add(web.anonymous().submitJob(QueueSite.SERVICE, "Echo", Map.of("text", "e" + i)).jobId());
        }
        List<String> all = new ArrayList<>(gated);
        all.addAll(echo);
        for (String id : all) {
            assertThat(web.anonymous().awaitCompletion(id, WAIT).status()).as(id).isEqualTo(JobStatus.SUCCEEDED);
        }
        assertThat(web.anonymous().result(echo.get(7), "result").value()).isEqualTo(new GPString("E7"));
        assertThat(onWeb).isEmpty();
        Set<String> both = new HashSet<>(on1);
        both.retainAll(on2);
        assertThat(both).as("jobs run on both workers").isEmpty();
        assertThat(on1.size() + on2.size()).isEqualTo(all.size());
        assertThat(new HashSet<>(all)).isEqualTo(union(on1, on2));
    }

    @Test
    void theAcceptingNodeRunsAShortJobInSixStorageRequests() throws Exception {
        RequestCounter counter = new RequestCounter();
        site = new QueueSite(b -> b.requestObserver(counter));
        GPEngine node = site.node("solo", true, Clock.systemUTC(), QueueSite.ran());
        node.anonymous().awaitCompletion(node.anonymous().submitJob(QueueSite.SERVICE, "Echo", Map.of("text", "warm")).jobId(), WAIT);
        Await.until(WAIT, "the warm-up job's message deleted", counter::trace,
                t -> t.stream().anyMatch(r -> r.startsWith("DELETE ") && r.contains("/messages/")));
        counter.reset();
        String id = node.anonymous().submitJob(QueueSite.SERVICE, "Echo", Map.of("text", "six")).jobId();
        assertThat(node.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        List<String> mine = Await.until(WAIT, "the job's message deleted", () -> jobRequests(counter, id),
                t -> t.stream().anyMatch(r -> r.startsWith("DELETE ")));
        System.out.println("requests of one queued Echo job run by its accepting node: " + mine);
        assertThat(mine).as("requests %s", mine).hasSize(6);
    }

    @Test
    void aJobOfALostNodeFailsNamingItWhenItsServiceDoesNotRerun() throws Exception {
        site = new QueueSite(b -> { });
        String id = plantRunningJobOfLostNode("node-lost");
        Set<String> ran = QueueSite.ran();
        GPEngine worker = site.node("worker", true, Clock.systemUTC(), ran);
        JobInfo end = worker.anonymous().awaitCompletion(id, WAIT);
        assertThat(end.status()).isEqualTo(JobStatus.FAILED);
        assertThat(end.messages()).extracting(JobMessage::description)
                .anySatisfy(m -> assertThat(m).contains("node-lost"));
        assertThat(ran).isEmpty();
        assertQueueEmpties();
    }

    @Test
    void aJobOfALostNodeRunsAgainWhenTheStoreAllowsIt() throws Exception {
        site = new QueueSite(b -> b.rerunOnNodeFailure(true));
        String id = plantRunningJobOfLostNode("node-lost");
        Set<String> ran = QueueSite.ran();
        GPEngine worker = site.node("worker", true, Clock.systemUTC(), ran);
        JobInfo end = worker.anonymous().awaitCompletion(id, WAIT);
        assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(ran).containsExactly(id);
        assertThat(end.messages()).extracting(JobMessage::description)
                .anySatisfy(m -> assertThat(m).contains("node-lost").contains("runs again"));
        assertQueueEmpties();
    }

    @Test
    void aMessageDeliveredTooOftenGoesToThePoisonQueueAndItsJobFails() throws Exception {
        site = new QueueSite(b -> b.rerunOnNodeFailure(true).maxDequeueCount(1));
        String id = plantRunningJobOfLostNode("node-crashing");
        GPEngine worker = site.node("worker", true, Clock.systemUTC(), QueueSite.ran());
        JobInfo end = worker.anonymous().awaitCompletion(id, WAIT);
        assertThat(end.status()).isEqualTo(JobStatus.FAILED);
        assertThat(end.messages()).extracting(JobMessage::description)
                .anySatisfy(m -> assertThat(m).contains("delivered 2 times").contains("-poison"));
        JobQueue q = JobQueue.open(site.config, QueueSite.SERVICE, ServerClock.system());
        assertThat(Await.until(WAIT, "the poison queue to hold the job", q::peekPoison, p -> !p.isEmpty()))
                .containsExactly(id);
        assertQueueEmpties();
    }

    @Test
    void aMessagePutBackWhileItsJobIsAliveIsNotCountedAsAFailedDelivery() throws Exception {
        // Two deliveries at most; the job's node stays alive (its lease runs) for about three of this site's leases,
        // so its message comes back and is put back, then the node is lost and the job must run again, not poison.
        site = new QueueSite(b -> b.rerunOnNodeFailure(true).maxDequeueCount(2));
        String id = plantRunningJob("node-alive-then-lost", QueueSite.LEASE.multipliedBy(3));
        Set<String> ran = QueueSite.ran();
        GPEngine worker = site.node("worker", true, Clock.systemUTC(), ran);
        JobInfo end = worker.anonymous().awaitCompletion(id, WAIT);
        assertThat(end.status()).as("%s", end.messages()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(end.attempt()).isEqualTo(2);
        assertThat(ran).containsExactly(id);
        assertThat(end.messages()).extracting(JobMessage::description)
                .anySatisfy(m -> assertThat(m).contains("attempt 1").contains("runs again"));
        assertQueueEmpties();
    }

    @Test
    void aRunWhoseJobAnotherNodeTookOverIsFencedAndItsOutputsNeverWin() throws Exception {
        site = new QueueSite(b -> { });
        Set<String> ran = QueueSite.ran();
        GPEngine a = site.node("node-a", true, Clock.systemUTC(), ran);
        String id = a.anonymous().submitJob(QueueSite.SERVICE, "Gated", Map.of("text", "fence")).jobId();
        site.gates.awaitEntered("fence");
        // Another node takes the job over (as it would after node-a's lease ran out while node-a was paused).
        JobStore raw = site.store();
        Instant now = Instant.now();
        JobRecord cur = raw.read(id).orElseThrow();
        JobRecord theirs = raw.update(cur.withStarted(now).withUpdated(now).withLease("node-b", now.plus(Duration.ofMinutes(5))));
        // node-a's next lease renewal (every second) finds the job held by node-b: its task is cancelled...
        Await.until(WAIT, "node-a's task to be cancelled", () -> site.gates.open("fence").getCount(), n -> n == 0);
        // ...its run ends (its message is settled once its end was handled) and none of it reaches the record.
        assertQueueEmpties();
        JobRecord after = raw.read(id).orElseThrow();
        assertThat(after.version()).as("writes after node-b's takeover").isEqualTo(theirs.version());
        assertThat(after.status()).isEqualTo(JobStatus.EXECUTING);
        assertThat(after.nodeId()).isEqualTo("node-b");
        assertThat(raw.results(id)).isEmpty();
        assertThat(a.anonymous().job(id).status()).isEqualTo(JobStatus.EXECUTING);
    }

    @Test
    void aRunThatEndsAfterAnotherAttemptWonNeverMakesItsResultsTheJobs() throws Exception {
        site = new QueueSite(b -> { });
        GPEngine a = site.node("node-a", true, Clock.systemUTC(), QueueSite.ran());
        String id = a.anonymous().submitJob(QueueSite.SERVICE, "Gated", Map.of("text", "late")).jobId();
        site.gates.awaitEntered("late");
        // Attempt 2 on node-b takes the job over and succeeds with its own results, while attempt 1 still runs...
        JobStore raw = site.store();
        Instant now = Instant.now();
        JobRecord cur = raw.read(id).orElseThrow();
        assertThat(cur.attempt()).isEqualTo(1);
        JobRecord theirs = raw.update(cur.withAttempt(2).withStarted(now).withUpdated(now)
                .withLease("node-b", now.plus(Duration.ofMinutes(5))));
        raw.putResults(id, Map.of("result", new StoredValue("GPString", "\"FROM B\"")));
        JobRecord won = raw.update(theirs.withStatus(JobStatus.SUCCEEDED, now).withEnded(now).withLease(null, null));
        // ...and attempt 1's task returns at once, most likely before node-a's next check of the record: its end
        // (results first) is written, or found fenced, after attempt 2's.
        site.gates.release("late");
        assertQueueEmpties(); // node-a's run ended and its message was settled
        assertThat(raw.read(id).orElseThrow().version()).as("writes after attempt 2's end").isEqualTo(won.version());
        assertThat(raw.results(id).get("result").json()).isEqualTo("\"FROM B\"");
        // node-a's own store instance holds nothing of attempt 1 either: its readers see attempt 2's results
        assertThat(a.anonymous().result(id, "result").value()).isEqualTo(new GPString("FROM B"));
        assertThat(a.anonymous().job(id).attempt()).isEqualTo(2);
    }

    @Test
    void aNodeWhoseClockIsFiveMinutesOffTakesNothingFromALiveNode() throws Exception {
        site = new QueueSite(b -> { });
        Set<String> healthy = QueueSite.ran();
        Set<String> skewed = QueueSite.ran();
        GPEngine a = site.node("node-ok", true, Clock.systemUTC(), healthy);
        String id = a.anonymous().submitJob(QueueSite.SERVICE, "Gated", Map.of("text", "skew")).jobId();
        site.gates.awaitEntered("skew");
        GPEngine late = site.node("node-ahead", true, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)), skewed);
        GPEngine early = site.node("node-behind", true, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5)), skewed);
        // A duplicate message (as a sweep of a slow put would leave): the skewed nodes receive it, twice each at
        // least, past the 3 s lease the healthy node keeps renewing.
        JobQueue q = JobQueue.open(site.config, QueueSite.SERVICE, ServerClock.system());
        q.put(id, Duration.ZERO);
        Instant until = Instant.now().plus(QueueSite.LEASE.multipliedBy(5));
        while (Instant.now().isBefore(until)) {
            assertThat(a.anonymous().job(id).status()).isEqualTo(JobStatus.EXECUTING);
            assertThat(skewed).isEmpty();
            Thread.onSpinWait();
        }
        var raw = new com.azure.storage.queue.QueueClientBuilder().connectionString(site.config.connectionString())
                .queueName(site.config.jobsStoreQueue()).buildClient();
        // The job keeps a message while it runs; the duplicate is put back by the skewed nodes, or dropped by the
        // healthy node if it received it (it holds the job's own message).
        assertThat(raw.getProperties().getApproximateMessagesCount()).as("messages still held").isBetween(1, 2);
        site.gates.release("skew");
        assertThat(a.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(healthy).containsExactly(id);
        assertThat(skewed).isEmpty();
        // the skewed nodes see the end too, once their status cache (1 s) lets the record be read again
        for (GPEngine other : List.of(late, early)) {
            assertThat(Await.until(WAIT, "the end to be seen on a skewed node", () -> other.anonymous().job(id).status(),
                    JobStatus::isTerminal)).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void aCancelOnTheWebNodeStopsTheJobOnItsWorkerAndAJobDeletedWhileQueuedNeverRuns() throws Exception {
        site = new QueueSite(b -> { });
        GPEngine web = site.node("web", false, Clock.systemUTC(), QueueSite.ran());
        // No worker yet: the job waits in the queue and is deleted there.
        String deleted = web.anonymous().submitJob(QueueSite.SERVICE, "Echo", Map.of("text", "gone")).jobId();
        assertThat(web.anonymous().delete(deleted).status()).isEqualTo(JobStatus.DELETED);
        Set<String> ran = QueueSite.ran();
        site.node("worker", true, Clock.systemUTC(), ran);
        String running = web.anonymous().submitJob(QueueSite.SERVICE, "Gated", Map.of("text", "cx")).jobId();
        site.gates.awaitEntered("cx");
        assertThat(web.anonymous().cancel(running).status()).isEqualTo(JobStatus.CANCELLING);
        // the worker sees the request at its next cancel check (cancellationCheckInterval 1 s)
        assertThat(web.anonymous().awaitCompletion(running, WAIT).status()).isEqualTo(JobStatus.CANCELLED);
        assertQueueEmpties();
        assertThat(ran).containsExactly(running);
    }

    /** Plants a job Executing on {@code node} with a 1-second lease that is never renewed, and its message. */
    private String plantRunningJobOfLostNode(String node) {
        return plantRunningJob(node, Duration.ofSeconds(1));
    }

    /** Plants a job Executing on {@code node} with a lease of {@code lease} that is never renewed, and its message. */
    private String plantRunningJob(String node, Duration lease) {
        JobStore raw = site.store();
        String id = "j" + Azurite.hex(16);
        Instant now = Instant.now();
        JobRecord fresh = new JobRecord(id, QueueSite.SERVICE, "Echo", JobStatus.SUBMITTED, 0, now, null, null, now,
                null, null, null, false, List.of(JobMessage.info("Submitted.")), null);
        JobRecord created = raw.create(fresh, Map.of("text",
                new StoredValue("GPString", GPValueCodec.toJson(new GPString("lost")))));
        raw.update(created.withStatus(JobStatus.EXECUTING, now).withStarted(now).withAttempt(1)
                .withLease(node, now.plus(lease)));
        JobQueue q = JobQueue.open(site.config, QueueSite.SERVICE, ServerClock.system());
        q.create();
        q.put(id, Duration.ZERO);
        return id;
    }

    private void assertQueueEmpties() throws InterruptedException {
        var q = new com.azure.storage.queue.QueueClientBuilder().connectionString(site.config.connectionString())
                .queueName(site.config.jobsStoreQueue()).buildClient();
        Await.until(WAIT, "the job queue to be empty", () -> q.getProperties().getApproximateMessagesCount(),
                n -> n == 0);
    }

    /** The requests since the counter's reset except receives (the idle polls of the queue). */
    private static List<String> jobRequests(RequestCounter counter, String jobId) {
        return counter.trace().stream().filter(r -> !(r.startsWith("GET ") && r.contains("/messages"))).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
