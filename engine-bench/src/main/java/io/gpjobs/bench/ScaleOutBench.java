package io.gpjobs.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Many nodes on one Azure store (Azurite) with queue dispatch, beside today's single node. Sites ({@code site}):
 * <ul>
 *   <li>{@code today}: one engine with workers on the Azure store without a queue (every job runs where it was
 *       accepted; the figures of {@link ThroughputBench} and {@link LatencyBench} for {@code azure});</li>
 *   <li>{@code accepting}: one engine on the store with queue dispatch, running the jobs it accepts;</li>
 *   <li>{@code web+N}: a worker-less engine in the benchmark's JVM accepts every job and N worker processes
 *       ({@link ScaleOutNode}, each its own JVM with {@link Systems#WORKERS} slots) run them.</li>
 * </ul>
 * {@link #jobs} is the throughput of no-op jobs ({@value #BATCH} per operation, each awaited until recorded as
 * succeeded); beside its score it records, over the measured iterations, the storage requests per job of all the
 * site's processes (idle polls included), the requests per second the emulator served, and the emulator's CPU
 * share (one core is its limit: it serves requests on one thread). {@link #submitToExecuting} samples the time from
 * submit to the job body's start on an idle site (p50/p99 in the JSON), for {@code today}, {@code accepting} and
 * {@code web+1} (another node runs the job). A summary line per site starts with {@code [scale-out]}.
 */
public class ScaleOutBench {

    /** Jobs per throughput operation. */
    public static final int BATCH = 200;

    /** One site, for the throughput benchmark. */
    @State(Scope.Benchmark)
    public static class Throughput {
        /** The site. */
        @Param({"today", "accepting", "web+1", "web+2", "web+3"})
        public String site;

        Opened opened;
        long jobsRun;
        private boolean measuring;
        private long jobsAtStart;
        private Map<String, Long> requestsAtStart;
        private double cpuAtStart;
        private long nanosAtStart;
        private long measuredJobs;
        private long measuredNanos;
        private double measuredCpu;
        private final Map<String, Long> measuredRequests = new TreeMap<>();

        /** Opens the site. */
        @Setup(Level.Trial)
        public void open() throws Exception {
            opened = Opened.of(site);
        }

        /** Notes the counters at the start of a measured iteration. */
        @Setup(Level.Iteration)
        public void begin(IterationParams iteration) throws Exception {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            jobsAtStart = jobsRun;
            requestsAtStart = opened.requests();
            cpuAtStart = EmulatorCpu.seconds();
            nanosAtStart = System.nanoTime();
        }

        /** Adds a measured iteration's requests, time and emulator CPU. */
        @TearDown(Level.Iteration)
        public void end() throws Exception {
            long nanos = System.nanoTime() - nanosAtStart;
            Map<String, Long> now = opened.requests();
            double cpu = EmulatorCpu.seconds();
            if (!measuring) {
                return;
            }
            measuredJobs += jobsRun - jobsAtStart;
            measuredNanos += nanos;
            measuredCpu = cpu < 0 || cpuAtStart < 0 || measuredCpu < 0 ? -1 : measuredCpu + cpu - cpuAtStart;
            now.forEach((k, v) -> measuredRequests.merge(k, v - requestsAtStart.getOrDefault(k, 0L), Long::sum));
        }

        /** Records the figures and stops the site. */
        @TearDown(Level.Trial)
        public void close() {
            try {
                long requests = measuredRequests.values().stream().mapToLong(Long::longValue).sum();
                double seconds = measuredNanos / 1e9;
                String key = "scaleout.jobs." + site;
                StringBuilder bySvc = new StringBuilder();
                measuredRequests.forEach((k, v) -> bySvc.append(bySvc.length() == 0 ? "" : ", ").append(k).append(' ')
                        .append(fmt(v / (double) Math.max(1, measuredJobs))));
                if (measuredJobs > 0) {
                    Metrics.record(key + ".jobsPerSecond", measuredJobs / seconds);
                    Metrics.record(key + ".requestsPerJob", requests / (double) measuredJobs);
                    Metrics.record(key + ".servedRequestsPerSecond", requests / seconds);
                    if (measuredCpu >= 0) {
                        Metrics.record(key + ".emulatorCpuShare", measuredCpu / seconds);
                    }
                }
                System.out.println("[scale-out] throughput, site " + site + ": " + measuredJobs + " jobs in "
                        + fmt(seconds) + " measured s = " + fmt(measuredJobs / seconds) + " jobs/s; "
                        + fmt(requests / (double) Math.max(1, measuredJobs)) + " storage requests/job ("
                        + bySvc + "); the emulator served " + fmt(requests / seconds) + " requests/s"
                        + (measuredCpu >= 0 ? " on " + Math.round(100 * measuredCpu / seconds) + "% of a core"
                        : " (its CPU time is unknown)"));
            } finally {
                opened.jobs().close();
            }
        }
    }

    /** One site, for the latency benchmark. */
    @State(Scope.Benchmark)
    public static class Latency {
        /** The site. */
        @Param({"today", "accepting", "web+1"})
        public String site;

        Opened opened;
        Object lastJob;
        long jobs;
        private Map<String, Long> requestsAtStart;

        /** Opens the site. */
        @Setup(Level.Trial)
        public void open() throws Exception {
            opened = Opened.of(site);
            requestsAtStart = opened.requests();
        }

        /** Arms a fresh start latch before each sample. */
        @Setup(Level.Invocation)
        public void arm() {
            Signals.started = new CountDownLatch(1);
        }

        /** Waits, unmeasured, until the sampled job succeeded, so the next sample starts on an idle site. */
        @TearDown(Level.Invocation)
        public void settle() throws Exception {
            if (lastJob != null) {
                opened.jobs().awaitSucceeded(lastJob);
                lastJob = null;
            }
        }

        /** Records the requests per job (idle polls between samples included) and stops the site. */
        @TearDown(Level.Trial)
        public void close() throws Exception {
            try {
                long requests = 0;
                for (Map.Entry<String, Long> e : opened.requests().entrySet()) {
                    requests += e.getValue() - requestsAtStart.getOrDefault(e.getKey(), 0L);
                }
                if (jobs > 0) {
                    Metrics.record("scaleout.latency." + site + ".requestsPerJob", requests / (double) jobs);
                }
                System.out.println("[scale-out] latency, site " + site + ": " + jobs + " jobs one at a time, "
                        + fmt(requests / (double) Math.max(1, jobs)) + " storage requests/job, idle polls included"
                        + " (p50/p99 of submit -> executing: the JMH result of submitToExecuting)");
            } finally {
                opened.jobs().close();
            }
        }
    }

    /** Submits {@value #BATCH} no-op jobs and waits until every one succeeded. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public void jobs(Throughput t) throws Exception {
        t.opened.jobs().runBatch(BATCH);
        t.jobsRun += BATCH;
    }

    /** Submits one job and waits until its body starts (on whichever node runs it). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void submitToExecuting(Latency l) throws Exception {
        l.lastJob = l.opened.jobs().submitSignalling();
        l.jobs++;
        JobSystem.await(Signals.started, "job start");
    }

    /** A site and how to count its storage requests. */
    record Opened(JobSystem jobs, ScaleOutSite queued, GpjobsSystem today) {

        static Opened of(String site) throws Exception {
            if (site.equals("today")) {
                return new Opened(null, null, new GpjobsSystem("azure", Systems.WORKERS)).withJobs();
            }
            int processes;
            if (site.equals("accepting")) {
                processes = 0;
            } else if (site.matches("web\\+[1-9]")) {
                processes = site.charAt(4) - '0';
            } else {
                throw new IllegalArgumentException("unknown site '" + site + "': expected today, accepting or web+N"
                        + " (N worker processes, 1..9)");
            }
            return new Opened(null, new ScaleOutSite(processes, Systems.WORKERS), null).withJobs();
        }

        private Opened withJobs() {
            return new Opened(queued != null ? queued : today, queued, today);
        }

        /** The storage requests of all the site's processes so far, by storage service. */
        Map<String, Long> requests() throws InterruptedException {
            return queued != null ? queued.requests() : Map.of("all", today.stores.requests.get());
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.2f", v);
    }
}
