package io.gpjobs.bench;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Fills a store with finished (succeeded) no-op jobs of the benchmark service, written straight through the
 * store as the engine would have left them, much faster than running them. Thread-safe.
 */
final class FinishedJobs {

    private FinishedJobs() {
    }

    /**
     * Creates {@code count} succeeded jobs that ended at {@code ended}, on {@code threads} threads.
     *
     * @return their ids, in creation order
     * @throws Exception when a write fails
     */
    static String[] create(JobStore store, int count, Instant ended, int threads) throws Exception {
        AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(count);
        AtomicInteger next = new AtomicInteger();
        List<JobMessage> messages = List.of(JobMessage.info("Submitted."), JobMessage.info("Executing..."),
                JobMessage.info("Succeeded."));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] parts = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                parts[t] = pool.submit(() -> {
                    SecureRandom random = new SecureRandom();
                    byte[] bytes = new byte[16];
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        random.nextBytes(bytes);
                        String id = "j" + HexFormat.of().formatHex(bytes);
                        Instant submitted = ended.minusMillis(2);
                        store.create(new JobRecord(id, BenchTasks.SERVICE, BenchTasks.NO_OP, JobStatus.SUCCEEDED, 0,
                                submitted, submitted.plusMillis(1), ended, ended, null, null, null, false,
                                messages, null), Map.of());
                        ids.set(i, id);
                    }
                    return null;
                });
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }
}
