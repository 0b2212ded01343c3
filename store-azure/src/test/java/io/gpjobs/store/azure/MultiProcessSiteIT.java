package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableClientBuilder;
import io.gpjobs.GPEngine;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobDispatcher;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.azure.internal.JobQueue;
import io.gpjobs.store.azure.internal.QueueDispatcher;
import io.gpjobs.store.azure.internal.QueueTuning;
import io.gpjobs.store.azure.internal.ServerClock;
import io.gpjobs.value.GPString;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site of engine processes on one emulator: worker nodes are separate JVMs ({@link SiteNodeMain}, started with
 * the test class path), the web node without workers runs in this JVM. 1,000 jobs submitted through the web node
 * all succeed, each task body runs exactly once (a file per execution) and every worker runs a share; a worker
 * killed with SIGKILL mid-job leaves its job Failed naming it within lease + back-off; a worker stopped (SIGSTOP)
 * past its lease loses its job to another node and, continued (SIGCONT), is fenced: its run's outputs never win; a
 * record whose message put was lost is recovered by the sweeper; a task that crashes its JVM every time ends in the
 * poison queue. Leases are 3 s; every wait is bounded.
 */
class MultiProcessSiteIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The lease (3 s), the longest idle back-off (10 s) and the storage's whole-second clock, with slack. */
    private static final Duration LEASE_PLUS_BACKOFF = Duration.ofSeconds(3 + 10 + 7);

    @TempDir
    Path dir;
    private final List<Process> workers = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private AzureJobStoreConfig config;

    @AfterEach
    void stop() throws Exception {
        for (Process p : workers) {
            new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
            p.destroyForcibly();
            p.waitFor();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    @Test
    void aThousandJobsThroughAWebNodeRunOnceEachOnThreeWorkerProcesses() throws Exception {
        site(false, 5);
        GPEngine web = webNode(null);
        List<Process> three = List.of(worker("w1"), worker("w2"), worker("w3"));
        awaitReady(three);
        List<String> ids = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            ids.add(web.anonymous().submitJob(SiteNodeMain.SERVICE, "Count", Map.of("text", "n" + i)).jobId());
        }
        long submitted = System.nanoTime();
        // The task bodies' files say when all ran (a query of the whole partition per poll would load the emulator).
        Await.until(WAIT.multipliedBy(2), "1,000 task bodies to run", () -> runs().size(), n -> n == 1000);
        JobStore look = lookingStore();
        Await.until(WAIT, "1,000 jobs to succeed", () -> count(look, JobStatus.SUCCEEDED), n -> n == 1000);
        System.out.printf("1,000 jobs: submitted through the web node in %d ms, all succeeded %d ms after the first"
                + " submit%n", (submitted - t0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
        assertThat(count(look, JobStatus.FAILED)).isZero();
        Map<String, List<String>> runsByJob = runs();
        assertThat(runsByJob.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(runsByJob.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
        Map<String, Long> perNode = runsByJob.values().stream().map(l -> l.get(0))
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        System.out.println("jobs run per worker process: " + perNode);
        assertThat(perNode).containsOnlyKeys("w1", "w2", "w3");
        assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(web.anonymous().result(ids.get(500), "result").value().toString()).contains("ran on w");
    }

    @Test
    void aWorkerKilledMidJobLeavesItsJobFailedNamingItWithinLeasePlusBackoff() throws Exception {
        site(false, 5);
        Held held = holdOnOneOfTwoWorkers();
        String id = held.jobId();
        String holder = held.node();
        Process victim = held.process();
        victim.destroyForcibly(); // SIGKILL
        victim.waitFor();
        Instant killed = Instant.now();
        JobStore look = lookingStore();
        JobRecord end = Await.until(WAIT, "the job to end", () -> look.read(id).orElseThrow(),
                r -> r.status().isTerminal());
        assertThat(Duration.between(killed, Instant.now())).isLessThan(LEASE_PLUS_BACKOFF);
        assertThat(end.status()).isEqualTo(JobStatus.FAILED);
        assertThat(end.messages()).extracting(JobMessage::description)
                .anySatisfy(m -> assertThat(m).contains("node " + holder));
        assertThat(runs()).doesNotContainKey(id);
    }

    @Test
    void aWorkerPausedPastItsLeaseLosesItsJobAndIsFencedWhenItContinues() throws Exception {
        site(true, 5);
        Held held = holdOnOneOfTwoWorkers();
        GPEngine web = held.web();
        String id = held.jobId();
        String paused = held.node();
        String other = paused.equals("w1") ? "w2" : "w1";
        Process stopped = held.process();
        signal("STOP", stopped);
        Files.writeString(dir.resolve("release-" + other), "go");
        JobStore look = lookingStore();
        JobRecord won = Await.until(WAIT, "another node to run the job", () -> look.read(id).orElseThrow(),
                r -> r.status().isTerminal());
        assertThat(won.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(won.attempt()).as("the other node's run is attempt 2").isEqualTo(2);
        assertThat(won.messages()).extracting(JobMessage::description)
                .anySatisfy(m -> assertThat(m).contains("attempt 2, on node " + other));
        assertThat(look.results(id).get("result").json()).contains("ran on " + other);
        // The paused node continues, its task is let go: it must write nothing over the other node's run.
        signal("CONT", stopped);
        Files.writeString(dir.resolve("release-" + paused), "go");
        Await.until(WAIT, "the paused node's task body to finish", () -> runs().getOrDefault(id, List.of()),
                nodes -> nodes.contains(paused));
        stopGracefully(stopped);
        JobRecord after = look.read(id).orElseThrow();
        assertThat(after.version()).as("writes after the other node's end").isEqualTo(won.version());
        assertThat(after.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(look.results(id).get("result").json()).contains("ran on " + other);
        assertThat(web.anonymous().result(id, "result").value()).isEqualTo(new GPString("ran on " + other));
    }

    @Test
    void aRecordWhoseMessagePutWasLostIsRecoveredByTheSweeper() throws Exception {
        site(false, 5);
        GPEngine web = webNode(new QueueTuning(5, false, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Math::random, ServerClock.system()));
        awaitReady(List.of(worker("w1")));
        // The fault: the record is inserted, its message never put (as when a node dies between the two).
        JobStore raw = lookingStore();
        Instant now = Instant.now();
        String id = "j" + Azurite.hex(16);
        raw.create(new JobRecord(id, SiteNodeMain.SERVICE, "Count", JobStatus.SUBMITTED, 0, now, null, null, now,
                null, null, null, false, List.of(JobMessage.info("Submitted.")), null), Map.of("text",
                new io.gpjobs.spi.StoredValue("GPString", "\"lost\"")));
        JobRecord end = Await.until(WAIT, "the sweeper's re-put to let a worker run the job",
                () -> raw.read(id).orElseThrow(), r -> r.status().isTerminal());
        assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(runs().get(id)).containsExactly("w1");
        assertThat(web.anonymous().job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aTaskThatCrashesItsJvmEveryTimeEndsInThePoisonQueue() throws Exception {
        site(true, 2);
        GPEngine web = webNode(null);
        String id = web.anonymous().submitJob(SiteNodeMain.SERVICE, "Crash", Map.of("text", "boom")).jobId();
        JobStore look = lookingStore();
        int crashed = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!look.read(id).orElseThrow().status().isTerminal()) {
            assertThat(System.nanoTime()).as("the job ended within " + WAIT).isLessThan(deadline);
            Process w = worker("w" + (crashed + 1));
            awaitReady(List.of(w));
            // Either the worker runs the job and its JVM halts, or it moves the message to the poison queue.
            Await.until(WAIT, "the worker to crash or the job to end", () -> !w.isAlive()
                    || look.read(id).orElseThrow().status().isTerminal(), done -> done);
            if (!w.isAlive()) {
                assertThat(w.exitValue()).isEqualTo(3);
                crashed++;
            }
        }
        JobRecord end = look.read(id).orElseThrow();
        assertThat(end.status()).isEqualTo(JobStatus.FAILED);
        assertThat(end.messages()).extracting(JobMessage::description)
                .anySatisfy(m -> assertThat(m).contains("-poison"));
        assertThat(crashed).isBetween(1, 2);
        JobQueue q = JobQueue.open(config, SiteNodeMain.SERVICE, ServerClock.system());
        assertThat(q.peekPoison()).containsExactly(id);
    }

    // ---- the site

    /** A Hold job running on one of two worker processes. */
    private record Held(GPEngine web, String jobId, String node, Process process) {
    }

    private Held holdOnOneOfTwoWorkers() throws Exception {
        GPEngine web = webNode(null);
        List<Process> two = List.of(worker("w1"), worker("w2"));
        awaitReady(two);
        String id = web.anonymous().submitJob(SiteNodeMain.SERVICE, "Hold", Map.of("text", "h")).jobId();
        String node = awaitEntered(id);
        return new Held(web, id, node, two.get(node.equals("w1") ? 0 : 1));
    }

    private void site(boolean rerun, int maxDequeueCount) {
        config = Azurite.config().jobsStoreQueue(Azurite.newQueue()).rerunOnNodeFailure(rerun)
                .maxDequeueCount(maxDequeueCount).build();
    }

    /** The web node (no workers) in this JVM; with {@code tuning}, its dispatcher sweeps for lost puts often. */
    private GPEngine webNode(QueueTuning tuning) {
        JobStore store = new AzureJobStoreProvider().open(config);
        open.add(store);
        JobStore used = tuning == null ? store : withDispatcher(store, new QueueDispatcher(config,
                new TableClientBuilder().connectionString(config.connectionString()).tableName(config.table())
                        .buildClient(), tuning, null));
        GPEngine web = SiteNodeMain.engine("web", used, false, dir);
        open.add(0, web);
        return web;
    }

    /** A store that hands out {@code d} as its dispatcher (everything else is {@code store}'s). */
    private static JobStore withDispatcher(JobStore store, JobDispatcher d) {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("dispatcher") && m.getParameterCount() == 0) {
                        return Optional.of(d);
                    }
                    try {
                        return m.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private JobStore lookingStore() {
        JobStore s = new AzureJobStoreProvider().open(config.toBuilder().queueDispatch(false).build());
        open.add(s);
        return s;
    }

    private Process worker(String node) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx160m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "-Dsite.node=" + node, "-Dsite.dir=" + dir, "-Dsite.cs=" + config.connectionString(),
                "-Dsite.container=" + config.container(), "-Dsite.table=" + config.table(),
                "-Dsite.queue=" + config.jobsStoreQueue(), "-Dsite.rerun=" + config.rerunOnNodeFailure(),
                "-Dsite.maxDequeueCount=" + config.maxDequeueCount(), SiteNodeMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(node + ".log").toFile()).start();
        workers.add(p);
        return p;
    }

    private void awaitReady(List<Process> ps) throws InterruptedException {
        for (Process p : ps) {
            int i = workers.indexOf(p);
            Await.until(WAIT, "worker " + i + " to start", () -> {
                File[] logs = dir.toFile().listFiles((d, n) -> n.endsWith(".log"));
                return logs == null ? "" : Stream.of(logs).map(f -> read(f.toPath())).collect(Collectors.joining());
            }, all -> !p.isAlive() || countReady(all) >= readyNeeded(p));
            assertThat(p.isAlive()).as("worker started").isTrue();
        }
    }

    private int readyNeeded(Process p) {
        return workers.indexOf(p) + 1 - (int) workers.stream().limit(workers.indexOf(p)).filter(w -> !w.isAlive()).count();
    }

    private static int countReady(String logs) {
        return (int) logs.lines().filter(l -> l.startsWith("READY ")).count();
    }

    private String awaitEntered(String jobId) throws InterruptedException {
        Path entered = dir.resolve("entered");
        return Await.until(WAIT, "a worker to start job " + jobId, () -> {
            try (Stream<Path> s = Files.exists(entered) ? Files.list(entered) : Stream.empty()) {
                return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(jobId + "."))
                        .map(n -> n.substring(jobId.length() + 1)).findFirst().orElse("");
            } catch (IOException e) {
                return "";
            }
        }, n -> !n.isEmpty());
    }

    /** The node of each execution of each job, from the files the task bodies wrote. */
    private Map<String, List<String>> runs() {
        Map<String, List<String>> out = new HashMap<>();
        Path runs = dir.resolve("runs");
        if (!Files.exists(runs)) {
            return out;
        }
        try (Stream<Path> s = Files.list(runs)) {
            s.map(f -> f.getFileName().toString().split("\\."))
                    .forEach(p -> out.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static long count(JobStore store, JobStatus status) {
        return store.query(JobQuery.all().withService(SiteNodeMain.SERVICE).withStatuses(Set.of(status))
                .withPage(0, 1)).total();
    }

    private static void signal(String sig, Process p) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private static void stopGracefully(Process p) throws Exception {
        p.getOutputStream().close();
        Await.until(WAIT, "the node to stop", p::isAlive, alive -> !alive);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }
}
