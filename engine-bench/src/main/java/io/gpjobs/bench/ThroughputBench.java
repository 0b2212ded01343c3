package io.gpjobs.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * End-to-end throughput of no-op jobs: one operation submits {@value #BATCH} jobs and waits until every one is
 * recorded as succeeded; the score is jobs per second. {@code executor} is the in-process limit, {@code files} the
 * file system's limit for the disk store ({@link FilesSystem}), {@code jobrunr} the JobRunr baseline in memory, {@code jobrunr-h2} JobRunr on a durable embedded database
 * (H2 in a file, see {@link JobRunrSystem}); the other values
 * are gpjobs stores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThroughputBench {

    /** Jobs per operation. */
    public static final int BATCH = 1000;

    /** The system under test. */
    @Param({"executor", "files", "jobrunr", "jobrunr-h2", "memory", "disk", "disk-fsync", "azure"})
    public String system;

    private JobSystem jobs;

    /** Starts the system. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        jobs = Systems.open(system);
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        jobs.recordMetrics("batch");
        jobs.close();
    }

    /** Submits {@value #BATCH} no-op jobs and waits until all succeeded. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void noOpJobs() throws Exception {
        jobs.runBatch(BATCH);
    }
}
