package io.gpjobs.bench;

import io.gpjobs.GPEngine;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Status reads, {@code engine.job(jobId)} of a finished job. Hot: the same job again and again, served by the
 * engine's status cache. Cold: a round over {@value ColdJobs#COUNT} finished jobs written before the engine started,
 * more than the cache holds and more than are read within the cache's expiry, so a read almost always misses it and
 * goes to the store.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatusReadBench {

    /** One engine with one job that ran to success through it. */
    @State(Scope.Benchmark)
    public static class HotJob {
        /** The store. */
        @Param({"memory", "disk"})
        public String store;

        GpjobsSystem system;
        String jobId;

        /** Starts the engine and runs one job. */
        @Setup(Level.Trial)
        public void start() {
            system = new GpjobsSystem(store, Systems.WORKERS);
            jobId = system.engine.anonymous().submitJob(BenchTasks.SERVICE, BenchTasks.NO_OP, Map.of()).jobId();
            system.awaitSucceeded(jobId);
        }

        /** Stops it. */
        @TearDown(Level.Trial)
        public void stop() {
            system.close();
        }
    }

    /** One engine over a store holding many finished jobs that it has not read yet. */
    @State(Scope.Benchmark)
    public static class ColdJobs {
        /** How many finished jobs the round goes over. */
        static final int COUNT = 20_000;

        /** The store. */
        @Param({"memory", "disk"})
        public String store;

        Stores stores;
        GPEngine engine;
        String[] ids;
        int next;

        /** Writes the jobs, then starts the engine. */
        @Setup(Level.Trial)
        public void start() throws Exception {
            stores = new Stores(store);
            ids = FinishedJobs.create(stores.store, COUNT, Instant.now().minus(Duration.ofMinutes(1)), 2);
            engine = GPEngine.builder().service(BenchTasks.service(Systems.WORKERS)).jobStore(stores.store).build();
        }

        /** Stops it. */
        @TearDown(Level.Trial)
        public void stop() {
            try {
                engine.close();
            } finally {
                stores.close();
            }
        }
    }

    /** Reads the cached job. */
    @Benchmark
    public JobInfo hot(HotJob s) {
        return s.system.engine.anonymous().job(s.jobId);
    }

    /** Reads the next job of the round. */
    @Benchmark
    public JobInfo cold(ColdJobs s) {
        String id = s.ids[s.next];
        s.next = s.next + 1 == s.ids.length ? 0 : s.next + 1;
        JobInfo info = s.engine.anonymous().job(id);
        if (info.status() != JobStatus.SUCCEEDED) {
            throw new IllegalStateException("job " + id + " reads as " + info.status());
        }
        return info;
    }
}
