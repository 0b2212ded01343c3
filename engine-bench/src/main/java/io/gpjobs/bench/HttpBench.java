package io.gpjobs.bench;

import io.gpjobs.GPJson;
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

/**
 * The GP REST API over HTTP on loopback ({@link HttpStack}), in operations per second, each beside its limits
 * measured in the same run:
 * <ul>
 *   <li>{@code statusRead}: {@code GET …/jobs/<jobId>?f=json} of a finished job, one request at a time.
 *       {@code rest} is gpjobs' REST API; {@code bare} a bare Jetty handler answering the same bytes;
 *       {@code inprocess} the engine's own read and JSON rendering of that answer, without HTTP.</li>
 *   <li>{@code submitToSucceeded}: {@value #BATCH} no-op jobs submitted with {@code POST …/submitJob}
 *       ({@value HttpStack#IN_FLIGHT} requests in flight) until the engine recorded every one as succeeded.
 *       {@code rest} over HTTP; {@code bare} the same POSTs answered by the bare handler (no job runs);
 *       {@code inprocess} {@code engine.submitJob} on the memory store, as {@link ThroughputBench}.</li>
 * </ul>
 * Targets: status reads over the REST API at least half the bare handler's rate; HTTP submit → succeeded at least
 * half the in-process rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HttpBench {

    /** Jobs per operation of {@code submitToSucceeded}. */
    public static final int BATCH = 500;

    /** What answers: {@code rest}, {@code bare} or {@code inprocess}. */
    @Param({"rest", "bare", "inprocess"})
    public String server;

    private HttpStack stack;

    /** Starts the engine, the REST API and the bare handler. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        if (!server.equals("rest") && !server.equals("bare") && !server.equals("inprocess")) {
            throw new IllegalArgumentException("server must be rest, bare or inprocess, got '" + server + "'");
        }
        stack = new HttpStack();
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void stop() {
        stack.close();
    }

    /** One status read of the finished job. */
    @Benchmark
    public int statusRead() throws Exception {
        return switch (server) {
            case "rest" -> stack.get(stack.restStatus).body().length;
            case "bare" -> stack.get(stack.bareStatus).body().length;
            default -> GPJson.toJson(GPJson.job(stack.gpjobs.engine.anonymous().job(stack.jobId), true)).length();
        };
    }

    /** {@value #BATCH} submits, until every job succeeded (for {@code bare}: until every answer arrived). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void submitToSucceeded() throws Exception {
        switch (server) {
            case "rest" -> {
                CountDownLatch done = new CountDownLatch(BATCH);
                Signals.succeeded = done;
                stack.submitBatch(stack.restSubmit, BATCH);
                JobSystem.await(done, "jobs submitted over HTTP");
            }
            case "bare" -> stack.submitBatch(stack.bareSubmit, BATCH);
            default -> stack.gpjobs.runBatch(BATCH);
        }
    }
}
