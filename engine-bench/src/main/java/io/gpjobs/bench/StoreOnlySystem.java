package io.gpjobs.bench;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The disk store's own work for a job, with no engine: on the submitting thread the create of its record, then on
 * a worker what the engine asks of the store for a no-op job (the claim, a read of the inputs, the empty results,
 * the end). Between {@link FilesSystem} (the bare file operations) and the disk store under the engine, it tells
 * whether a gap lies in the store or in the engine.
 */
final class StoreOnlySystem implements JobSystem {

    private final Stores stores = new Stores("disk");
    private final JobStore store = stores.store;
    private final ThreadPoolExecutor executor;

    StoreOnlySystem(int workers) {
        executor = JobSystem.workers(workers);
    }

    @Override
    public void runBatch(int count) throws Exception {
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            String id = "j" + UUID.randomUUID().toString().replace("-", "");
            Instant now = Instant.now();
            JobRecord submitted = store.create(new JobRecord(id, BenchTasks.SERVICE, BenchTasks.NO_OP,
                    JobStatus.SUBMITTED, 0, now, null, null, now, null, null, null, false, List.of(), null), Map.of());
            executor.execute(() -> {
                Instant t = Instant.now();
                JobRecord claimed = store.update(new JobRecord(id, BenchTasks.SERVICE, BenchTasks.NO_OP,
                        JobStatus.EXECUTING, submitted.version(), now, t, null, t, null, "node", t.plusSeconds(60),
                        false, List.of(), null));
                store.inputs(id);
                store.putResults(id, Map.of());
                store.update(new JobRecord(id, BenchTasks.SERVICE, BenchTasks.NO_OP, JobStatus.SUCCEEDED,
                        claimed.version(), now, t, Instant.now(), Instant.now(), null, "node", null, false, List.of(),
                        null));
                done.countDown();
            });
        }
        JobSystem.await(done, "store batch");
    }

    /** Not measured for latency: {@link DiskFloorBench} only runs batches. */
    @Override
    public Object submitSignalling() {
        throw new UnsupportedOperationException("the store alone is measured for throughput only");
    }

    @Override
    public void awaitSucceeded(Object handle) {
        throw new UnsupportedOperationException("the store alone is measured for throughput only");
    }

    @Override
    public void close() {
        try {
            JobSystem.stop(executor, "store");
        } finally {
            stores.close();
        }
    }
}
