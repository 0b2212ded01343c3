package io.gpjobs.bench;

import io.gpjobs.GPEngine;
import io.gpjobs.JobInfoPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.disk.DiskJobStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The disk store at scale (long: run.sh runs it on its own, with the iterations given here). {@code queryPage}: an
 * engine over a jobs directory holding {@code jobs} finished jobs; the heap it holds after GC (against the same
 * engine over an empty directory), the times to write and open the directory and, from the start of the open, the
 * times until the engine answered its first status read and its first page of the job listing go to the metrics
 * file; the score is the time of one query page. {@code janitor}: the time for {@code runJanitor()} to delete {@code janitorJobs}
 * expired jobs.
 */
@Fork(1)
public class LargeStoreBench {
    /**
     * System property naming a directory where the 1M-job store is kept between runs (run.sh sets it): filling it
     * takes many minutes and is not what is measured; the restart over it is. Without it each run fills a temporary
     * directory and removes it.
     */
    static final String KEPT = "bench.largeStore";

    /** An engine over a disk store holding many finished jobs. */
    @State(Scope.Benchmark)
    public static class Large {
        /** How many finished jobs the store holds. */
        @Param({"1000000"})
        public int jobs;

        Path dir;
        JobStore store;
        GPEngine engine;

        /** A store kept between runs (system property {@value #KEPT}), or null for a fresh one per run. */
        Path kept;

        /**
         * Measures the engine over an empty directory, fills it (or reuses the store a previous run kept, when the
         * system property {@value #KEPT} names one that holds {@code jobs} jobs), measures the engine that holds them.
         */
        @Setup(Level.Trial)
        public void start() throws Exception {
            String keptAt = System.getProperty(KEPT);
            kept = keptAt == null ? null : Path.of(keptAt).toAbsolutePath();
            String some = kept == null ? null : keptJob(kept, jobs);
            if (some != null) {
                dir = kept;
                Path empty = Files.createTempDirectory("gpjobs-bench-empty-");
                try {
                    measureEmpty(DiskJobStoreConfig.builder(empty).build().open());
                } finally {
                    Stores.deleteTree(empty);
                }
                Metrics.record("large.reused", 1);
            } else {
                dir = kept == null ? Files.createTempDirectory("gpjobs-bench-large-") : freshKept(kept);
                some = fill(dir, jobs);
                if (kept != null) {
                    Files.writeString(marker(kept), jobs + " " + some);
                }
            }
            long t1 = System.nanoTime();
            store = DiskJobStoreConfig.builder(dir).build().open();
            engine = GPEngine.builder().service(BenchTasks.service(Systems.WORKERS)).jobStore(store).build();
            Metrics.record("large.openSeconds", (System.nanoTime() - t1) / 1e9);
            // the first requests a restarted node answers: a job's status, then a page of the job listing
            if (engine.anonymous().job(some).status() != JobStatus.SUCCEEDED) {
                throw new IllegalStateException("job " + some + " is not succeeded");
            }
            Metrics.record("large.firstStatusSeconds", (System.nanoTime() - t1) / 1e9);
            engine.jobs(JobQuery.all().withService(BenchTasks.SERVICE).withPage(0, 100));
            Metrics.record("large.firstPageSeconds", (System.nanoTime() - t1) / 1e9);
            Metrics.record("large.heapFullBytes", Metrics.usedHeapAfterGc());
            Metrics.record("large.jobs", jobs);
        }

        /**
         * Measures an engine over the empty directory, then fills it through that store. A method of its own, so
         * that the filling store (and whatever it indexed) is unreachable when the full engine's heap is measured.
         * Closing the filling store saves its index snapshot, as a node that stops does (a second after the last
         * job was created, so the snapshot may trust the folder; see the disk store's index snapshot).
         *
         * @return the id of one of the jobs
         */
        private static String fill(Path dir, int jobs) throws Exception {
            JobStore empty = DiskJobStoreConfig.builder(dir).build().open();
            measureEmpty(empty);
            long t0 = System.nanoTime();
            String[] ids = FinishedJobs.create(empty, jobs, Instant.now().minus(Duration.ofMinutes(1)), 2);
            Metrics.record("large.createSeconds", (System.nanoTime() - t0) / 1e9);
            // a node stopping a moment after its last job was created, not within the same second: its snapshot
            // then trusts the service folder as unchanged, and the restart below lists no folder
            Thread.sleep(1_100);
            empty.close();
            return ids[ids.length / 2];
        }

        /** Closes the engine and removes the directory. */
        @TearDown(Level.Trial)
        public void stop() {
            try {
                engine.close();
                store.close();
            } finally {
                if (kept == null) {
                    Stores.deleteTree(dir);
                }
            }
        }

        /** The heap an engine holds over {@code empty}, an open store of an empty directory (left open). */
        private static void measureEmpty(JobStore empty) throws Exception {
            GPEngine e0 = GPEngine.builder().service(BenchTasks.service(Systems.WORKERS)).jobStore(empty).build();
            Metrics.record("large.heapEmptyBytes", Metrics.usedHeapAfterGc());
            e0.close();
        }

        /** The marker beside a kept store: "{@code <jobs> <id of one job>}", written once the store was filled. */
        private static Path marker(Path kept) {
            return kept.resolveSibling(kept.getFileName() + ".jobs");
        }

        /** The id of one job of the kept store when it was filled with {@code jobs} jobs, else null. */
        private static String keptJob(Path kept, int jobs) throws Exception {
            Path m = marker(kept);
            if (!Files.isDirectory(kept) || !Files.isRegularFile(m)) {
                return null;
            }
            String[] parts = Files.readString(m).strip().split(" ");
            return parts.length == 2 && parts[0].equals(Integer.toString(jobs)) ? parts[1] : null;
        }

        /** Empties the kept store's place (a store of another size, or one whose filling was cut short). */
        private static Path freshKept(Path kept) throws Exception {
            Files.deleteIfExists(marker(kept));
            if (Files.exists(kept)) {
                Stores.deleteTree(kept);
            }
            Files.createDirectories(kept);
            return kept;
        }
    }

    /** An engine over a disk store holding expired finished jobs, re-made for each measured janitor run. */
    @State(Scope.Benchmark)
    public static class Expired {
        /** How many expired jobs the janitor deletes. */
        @Param({"100000"})
        public int janitorJobs;

        Path dir;
        JobStore store;
        GPEngine engine;

        /** Writes the expired jobs (ended a day ago, past the default maxFileAge of 6 h) and starts the engine. */
        @Setup(Level.Iteration)
        public void start() throws Exception {
            dir = Files.createTempDirectory("gpjobs-bench-janitor-");
            store = DiskJobStoreConfig.builder(dir).build().open();
            FinishedJobs.create(store, janitorJobs, Instant.now().minus(Duration.ofDays(1)), 2);
            engine = GPEngine.builder().service(BenchTasks.service(Systems.WORKERS)).jobStore(store)
                    .janitorInterval(Duration.ofDays(1)).build();
        }

        /** Closes the engine and removes the directory. */
        @TearDown(Level.Iteration)
        public void stop() {
            try {
                engine.close();
                store.close();
            } finally {
                Stores.deleteTree(dir);
            }
        }
    }

    /** One page (100) of the succeeded jobs of the service, with the total count. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 5)
    @Measurement(iterations = 2, time = 5)
    public JobInfoPage queryPage(Large s) {
        return s.engine.jobs(JobQuery.all().withService(BenchTasks.SERVICE).withStatuses(Set.of(JobStatus.SUCCEEDED))
                .withPage(0, 100));
    }

    /** One janitor run over the expired jobs. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public int janitor(Expired s) {
        int removed = s.engine.runJanitor();
        if (removed < s.janitorJobs) {
            throw new IllegalStateException("janitor removed " + removed + " of " + s.janitorJobs + " expired jobs");
        }
        Metrics.record("janitor.jobs", removed);
        return removed;
    }
}
