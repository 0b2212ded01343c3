package io.gpjobs.bench;

import io.gpjobs.GPEngine;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.azure.AzureJobStoreProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A site of gpjobs nodes on one Azure store (Azurite) with queue dispatch: an engine in this JVM that accepts every
 * job, and {@code workerProcesses} worker nodes, each its own JVM ({@link NodeProcess}). With no worker processes
 * the accepting engine runs the jobs itself (the "accepting node runs it" case); with some, it has no workers (a web
 * node) and every job runs on another process. Each store gets its own container, table and queue. The jobs' ends
 * come back from the nodes that ran them, so watching them costs no storage request.
 *
 * <p>Not thread-safe: one benchmark thread drives it (the nodes' events arrive on other threads and are safe).
 */
final class ScaleOutSite implements JobSystem, ScaleOutNode.Events {

    private final String cs;
    private final String container;
    private final String table;
    private final String queue;
    private final RequestTally tally = new RequestTally();
    private final Path logs;
    private final List<NodeProcess> workers = new ArrayList<>();
    private final JobStore store;
    private final GPEngine engine;
    private final Map<String, JobStatus> ended = new ConcurrentHashMap<>();
    private volatile CountDownLatch batch = new CountDownLatch(0);

    /**
     * Opens the site.
     *
     * @param workerProcesses 0 for one node that accepts and runs, else the number of worker JVMs
     * @param slots           worker slots per running node ({@code maxInstances})
     * @throws IllegalArgumentException when the emulator's connection string is missing
     */
    ScaleOutSite(int workerProcesses, int slots) throws InterruptedException {
        String connection = System.getenv(Stores.AZURITE_ENV);
        if (connection == null || connection.isBlank()) {
            throw new IllegalArgumentException("the scale-out site needs the environment variable " + Stores.AZURITE_ENV
                    + " (run the benchmarks through engine-bench/run.sh, which starts Azurite)");
        }
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT);
        this.cs = connection;
        this.container = "scaleout-" + suffix;
        this.table = "scaleout" + suffix;
        this.queue = "scaleout-" + suffix;
        try {
            logs = Files.createTempDirectory("gpjobs-scaleout-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new AzureJobStoreProvider().open(ScaleOutNode.config(cs, container, table, queue, tally));
        GPEngine built = null;
        try {
            built = ScaleOutNode.engine(workerProcesses == 0 ? "accepting" : "web", store, slots,
                    workerProcesses == 0, this);
            for (int i = 1; i <= workerProcesses; i++) {
                workers.add(new NodeProcess("worker-" + i, slots, this, logs, this));
            }
            for (NodeProcess w : workers) {
                w.awaitReady();
            }
        } catch (RuntimeException | InterruptedException e) {
            engine = built;
            close();
            throw e;
        }
        engine = built;
    }

    String connectionString() {
        return cs;
    }

    String container() {
        return container;
    }

    String table() {
        return table;
    }

    String queue() {
        return queue;
    }

    @Override
    public void started(String jobId) {
        Signals.started.countDown();
    }

    @Override
    public void ended(String jobId, JobStatus status) {
        if (ended.putIfAbsent(jobId, status) == null) {
            batch.countDown();
            synchronized (ended) {
                ended.notifyAll();
            }
        }
    }

    /** The storage requests of every node of the site so far, by storage service. */
    Map<String, Long> requests() throws InterruptedException {
        Map<String, Long> all = new TreeMap<>(tally.snapshot());
        for (NodeProcess w : workers) {
            RequestTally.add(all, w.requests());
        }
        return all;
    }

    @Override
    public void runBatch(int count) throws InterruptedException {
        ended.clear();
        CountDownLatch done = new CountDownLatch(count);
        batch = done;
        for (int i = 0; i < count; i++) {
            engine.anonymous().submitJob(BenchTasks.SERVICE, BenchTasks.NO_OP, Map.of());
        }
        JobSystem.await(done, "scale-out batch");
        long failed = ended.values().stream().filter(s -> s != JobStatus.SUCCEEDED).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + count + " jobs did not succeed: " + ended);
        }
    }

    @Override
    public Object submitSignalling() {
        return engine.anonymous().submitJob(BenchTasks.SERVICE, BenchTasks.SIGNAL, Map.of()).jobId();
    }

    @Override
    public void awaitSucceeded(Object handle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        JobStatus status;
        synchronized (ended) {
            while ((status = ended.remove(handle)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("job " + handle + " did not end within " + WAIT_SECONDS + " s");
                }
                TimeUnit.NANOSECONDS.timedWait(ended, left);
            }
        }
        if (status != JobStatus.SUCCEEDED) {
            throw new IllegalStateException("job " + handle + " ended " + status.wireName());
        }
    }

    @Override
    public void close() {
        try {
            workers.forEach(NodeProcess::close);
            if (engine != null) {
                engine.close();
            }
        } finally {
            store.close();
            Stores.deleteTree(logs);
        }
    }
}
