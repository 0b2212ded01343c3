package io.gpjobs.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether the memory store's heap stays flat under a steady stream of jobs: ten one-minute iterations of
 * {@link ThroughputBench}'s batches on the memory store (its default retention cap), with the used heap after GC
 * sampled after each minute. Records {@code soak.heapFirstMinuteBytes}, {@code soak.heapLastMinuteBytes} and
 * {@code soak.jobs} ({@link Metrics}); the score is jobs per second. Long (about 11 minutes): {@code run.sh} runs it
 * only with {@code --soak}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 0)
@Measurement(iterations = 10, time = 60, timeUnit = TimeUnit.SECONDS)
public class HeapSoakBench {

    private GpjobsSystem jobs;
    private int minute;
    private long batches;
    private long first = -1;

    /** Starts an engine on the memory store. */
    @Setup(Level.Trial)
    public void start() {
        jobs = new GpjobsSystem("memory", Systems.WORKERS);
    }

    /** Samples the used heap after GC at the end of each minute. */
    @TearDown(Level.Iteration)
    public void sample() throws InterruptedException {
        long used = Metrics.usedHeapAfterGc();
        minute++;
        Metrics.record("soak.heapAfterGcMinute" + minute + "Bytes", used);
        if (first < 0) {
            first = used;
            Metrics.record("soak.heapFirstMinuteBytes", used);
        }
        Metrics.record("soak.heapLastMinuteBytes", used);
        Metrics.record("soak.heapGrowthBytes", used - first);
        Metrics.record("soak.jobs", batches * (double) ThroughputBench.BATCH);
    }

    /** Stops the engine. */
    @TearDown(Level.Trial)
    public void stop() {
        jobs.close();
    }

    /** Submits {@value ThroughputBench#BATCH} no-op jobs and waits until all succeeded. */
    @Benchmark
    @OperationsPerInvocation(ThroughputBench.BATCH)
    public void noOpJobs() throws Exception {
        jobs.runBatch(ThroughputBench.BATCH);
        batches++;
    }
}
