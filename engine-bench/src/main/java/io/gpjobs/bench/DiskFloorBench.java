package io.gpjobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The disk store against its floor, paired: one fork holds both the disk store ({@code disk}) and the file
 * operations it cannot do without ({@link FilesSystem}) and runs a batch of {@value ThroughputBench#BATCH} no-op
 * jobs on each in turn (which goes first alternates), so both see the same moment of a shared machine and of the
 * file system's write-back. {@link ThroughputBench} measures the two in different forks, minutes apart, and on this
 * machine their forks differ by more than the gap being measured.
 *
 * <p>The score is jobs per second over both systems (not itself meaningful); the figures are two metrics of each
 * fork: {@code diskfloor.ratio.<system>.<pid>}, the floor's time for its measured batches ÷ the other system's, i.e.
 * its throughput as a fraction of its floor's in that fork; and {@code diskfloor.pairs.<system>.<pid>}, the median
 * over the fork's pairs of batches of the same ratio for each pair, which a stall of the file system during one
 * batch does not move. {@link Report} prints the median and spread over the forks of each. The other system is the
 * disk store under the engine ({@code disk}) or the store's own work for a job without the engine
 * ({@code disk-store}, {@link StoreOnlySystem}).
 *
 * <p>Its warm-up is longer than the other throughput benchmarks' (8 iterations of 3 s): with the engine, the disk
 * store and Jackson to compile on two cores, the JIT compiler still spent a median 2.2 s compiling in each 3-s
 * measured iteration after a single warm-up iteration ({@code -prof comp}); after eight, a median 0.05 s (single
 * iterations still up to 2 s). It runs five forks, not three: the fork-to-fork spread of its figures (6-11%) is wider
 * than the distance of their median from the 90% target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(5)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 6, time = 3)
public class DiskFloorBench {

    /** {@code disk}: the disk store under the engine; {@code disk-store}: the store's own work ({@link StoreOnlySystem}). */
    @Param({"disk", "disk-store"})
    public String system;

    private JobSystem disk;
    private JobSystem files;
    private boolean measuring;
    private boolean diskFirst;
    private long diskNanos;
    private long filesNanos;
    private final List<Double> pairs = new ArrayList<>();

    /** Starts both systems. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        files = Systems.open("files");
        disk = system.equals("disk-store") ? new StoreOnlySystem(Systems.WORKERS) : Systems.open(system);
    }

    /** Notes whether the coming iteration is measured. */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /** Records the fork's ratio and stops both systems. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            if (diskNanos > 0) {
                Metrics.record("diskfloor.ratio." + system + "." + ProcessHandle.current().pid(),
                        filesNanos / (double) diskNanos);
            }
            if (!pairs.isEmpty()) {
                Metrics.record("diskfloor.pairs." + system + "." + ProcessHandle.current().pid(),
                        ForkScore.median(pairs));
            }
        } finally {
            try {
                disk.close();
            } finally {
                files.close();
            }
        }
    }

    /** A batch on each system, timed separately. */
    @Benchmark
    @OperationsPerInvocation(2 * ThroughputBench.BATCH)
    public void pairedBatches() throws Exception {
        diskFirst = !diskFirst;
        long d;
        long f;
        if (diskFirst) {
            d = timed(disk);
            f = timed(files);
        } else {
            f = timed(files);
            d = timed(disk);
        }
        diskNanos += d;
        filesNanos += f;
        if (d > 0) {
            pairs.add(f / (double) d);
        }
    }

    private long timed(JobSystem system) throws Exception {
        long t = System.nanoTime();
        system.runBatch(ThroughputBench.BATCH);
        return measuring ? System.nanoTime() - t : 0;
    }
}
