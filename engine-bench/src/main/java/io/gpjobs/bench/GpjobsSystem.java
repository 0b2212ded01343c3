package io.gpjobs.bench;

import io.gpjobs.GPEngine;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A gpjobs engine on one store, running the no-op tasks of {@link BenchTasks}. "Succeeded" is the engine's
 * status event for esriJobSucceeded, which it raises after the store accepted that write.
 */
final class GpjobsSystem implements JobSystem {

    final Stores stores;
    final GPEngine engine;
    private final String storeName;
    private final long requestsAtStart;
    private long jobs;

    GpjobsSystem(String store, int workers) {
        storeName = store;
        stores = new Stores(store);
        try {
            engine = GPEngine.builder()
                    .service(BenchTasks.service(workers))
                    .jobStore(stores.store)
                    .listener(new JobListener() {
                        @Override
                        public void onStatus(String jobId, JobStatus from, JobStatus to) {
                            if (to == JobStatus.SUCCEEDED) {
                                Signals.succeeded.countDown();
                            }
                        }
                    })
                    .build();
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        requestsAtStart = stores.requests.get();
    }

    @Override
    public void recordMetrics(String benchmark) {
        if (jobs > 0 && storeName.equals("azure")) {
            Metrics.record("azure.requestsPerJob." + benchmark, (stores.requests.get() - requestsAtStart) / (double) jobs);
        }
    }

    @Override
    public void runBatch(int count) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        Signals.succeeded = done;
        jobs += count;
        for (int i = 0; i < count; i++) {
            engine.anonymous().submitJob(BenchTasks.SERVICE, BenchTasks.NO_OP, Map.of());
        }
        JobSystem.await(done, "gpjobs batch");
    }

    @Override
    public Object submitSignalling() {
        jobs++;
        return engine.anonymous().submitJob(BenchTasks.SERVICE, BenchTasks.SIGNAL, Map.of()).jobId();
    }

    @Override
    public void awaitSucceeded(Object handle) {
        JobInfo info = engine.anonymous().awaitCompletion((String) handle, Duration.ofSeconds(WAIT_SECONDS));
        if (info.status() != JobStatus.SUCCEEDED) {
            throw new IllegalStateException("job " + handle + " ended " + info.status() + ": " + info.messages());
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            stores.close();
        }
    }
}
