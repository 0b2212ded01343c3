package io.gpjobs.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One way of running no-op jobs that a benchmark drives: a plain executor, JobRunr, or a gpjobs engine on one
 * of its stores. Each implementation runs the same work, and signals the same two moments: the job body starts
 * ({@link Signals#started}) and the job is recorded as succeeded (its own completion signal).
 *
 * <p>Not thread-safe: one benchmark thread drives one system.
 */
interface JobSystem extends AutoCloseable {

    /** How long any wait in a benchmark may take before the benchmark fails instead of hanging. */
    long WAIT_SECONDS = 120;

    /**
     * Submits {@code count} no-op jobs and returns once every one is recorded as succeeded.
     *
     * @throws Exception when a job fails, or the wait exceeds {@link #WAIT_SECONDS}
     */
    void runBatch(int count) throws Exception;

    /**
     * Submits one job whose body counts down {@link Signals#started} and returns its handle, without waiting.
     *
     * @throws Exception when the system rejects the job
     */
    Object submitSignalling() throws Exception;

    /**
     * Waits until the job of {@code handle} is recorded as succeeded.
     *
     * @throws Exception when it fails or the wait exceeds {@link #WAIT_SECONDS}
     */
    void awaitSucceeded(Object handle) throws Exception;

    /**
     * Records the figures this system measured besides the benchmark score under {@code benchmark} (the Azure
     * store: storage requests per job). Does nothing by default.
     */
    default void recordMetrics(String benchmark) {
    }

    /**
     * Stops the system and every thread it started.
     *
     * @throws IllegalStateException when it does not stop within {@link #WAIT_SECONDS}
     */
    @Override
    void close();

    /** Shuts {@code executor} down and waits at most {@link #WAIT_SECONDS} for it; {@code what} names it in errors. */
    /** A fixed pool of {@code workers} started threads with an unbounded queue, as the baselines run their work on. */
    static java.util.concurrent.ThreadPoolExecutor workers(int workers) {
        var executor = new java.util.concurrent.ThreadPoolExecutor(workers, workers, 0,
                java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
        executor.prestartAllCoreThreads();
        return executor;
    }

    static void stop(java.util.concurrent.ExecutorService executor, String what) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(what + " did not stop within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + what, e);
        }
    }

    /** Waits on {@code latch} at most {@link #WAIT_SECONDS}, failing loudly instead of hanging the run. */
    static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("timed out after " + WAIT_SECONDS + " s waiting for " + what
                    + " (" + latch.getCount() + " left)");
        }
    }
}
