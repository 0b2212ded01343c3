package io.gpjobs.bench;

import java.util.concurrent.CountDownLatch;

/**
 * Latches the job bodies of every {@link JobSystem} count down. Job bodies that run inside a scheduler which
 * re-creates them from a description (JobRunr) cannot capture a latch, so the latches live here.
 *
 * <p>Thread-safe: the fields are volatile; a benchmark sets a fresh latch before it submits.
 */
public final class Signals {

    /** Counted down by the body of a signalling job when it starts. */
    static volatile CountDownLatch started = new CountDownLatch(0);

    /** Counted down once per job recorded as succeeded, where the system reports that by a callback. */
    static volatile CountDownLatch succeeded = new CountDownLatch(0);

    private Signals() {
    }

    /** The body of a no-op job. */
    public static void noOp() {
        // nothing: the benchmarks measure the scheduler, not the work
    }

    /** The body of a signalling job: tells the waiting benchmark that the job started. */
    public static void signalStart() {
        started.countDown();
    }
}
