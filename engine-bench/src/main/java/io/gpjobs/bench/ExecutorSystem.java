package io.gpjobs.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The in-process limit: a plain {@link ThreadPoolExecutor} running the no-op work, with no record of any job.
 * "Succeeded" is the end of the job body.
 */
final class ExecutorSystem implements JobSystem {

    private final ThreadPoolExecutor executor;

    ExecutorSystem(int workers) {
        executor = JobSystem.workers(workers);
    }

    @Override
    public void runBatch(int count) throws Exception {
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            executor.execute(() -> {
                Signals.noOp();
                done.countDown();
            });
        }
        JobSystem.await(done, "executor batch");
    }

    @Override
    public Object submitSignalling() {
        return executor.submit(Signals::signalStart);
    }

    @Override
    public void awaitSucceeded(Object handle) throws Exception {
        ((Future<?>) handle).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        JobSystem.stop(executor, "the executor");
    }
}
