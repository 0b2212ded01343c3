package io.gpjobs.bench;

import java.util.concurrent.CountDownLatch;
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
 * Submit → executing latency of a single job on an idle system: one operation submits one job and returns when
 * the job body has started; the job is then awaited to success outside the measurement, so every operation
 * starts on an idle system. Sampled (JMH SampleTime): the JSON holds p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LatencyBench {

    /** The system under test. */
    @Param({"executor", "jobrunr", "memory", "disk", "azure"})
    public String system;

    private JobSystem jobs;
    private Object lastJob;

    /** Starts the system. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        jobs = Systems.open(system);
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        jobs.recordMetrics("idle");
        jobs.close();
    }

    /** Arms a fresh start latch before each sample. */
    @Setup(Level.Invocation)
    public void arm() {
        Signals.started = new CountDownLatch(1);
    }

    /** Waits, unmeasured, until the sampled job succeeded, so the next sample starts on an idle system. */
    @TearDown(Level.Invocation)
    public void settle() throws Exception {
        if (lastJob != null) {
            jobs.awaitSucceeded(lastJob);
            lastJob = null;
        }
    }

    /** Submits one job and waits until its body starts. */
    @Benchmark
    public void submitToExecuting() throws Exception {
        lastJob = jobs.submitSignalling();
        JobSystem.await(Signals.started, "job start");
    }
}
