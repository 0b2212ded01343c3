package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory store's retention cap: finished jobs beyond it are evicted oldest-finished first. */
class MemoryStoreRetentionTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static JobRecord submitted(String id) {
        return new JobRecord(id, "S", "T", JobStatus.SUBMITTED, 0, T, null, null, T, null, null, null, false,
                List.of(), null);
    }

    private static String id(int n) {
        return String.format("j%032x", n);
    }

    private static void finish(JobStore store, String id, JobStatus end) {
        JobRecord cur = store.read(id).orElseThrow();
        JobRecord running = store.update(cur.withStatus(JobStatus.EXECUTING, T));
        store.update(running.withStatus(end, T));
    }

    private static int total(JobStore store) {
        return store.query(JobQuery.all()).total();
    }

    @Test
    void theJobsThatFinishedFirstAreEvictedOnceMoreThanTheCapFinished() {
        try (JobStore store = MemoryJobStoreProvider.builder().maxFinishedJobs(3).build()) {
            for (int i = 0; i < 8; i++) {
                store.create(submitted(id(i)), Map.of());
            }
            // Finishing order 5, 0, 7, 2, 6: the first two to finish go; jobs 1, 3 and 4 never finish and stay.
            int[] order = {5, 0, 7, 2, 6};
            JobStatus[] ends = {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.SUCCEEDED,
                    JobStatus.TIMED_OUT};
            for (int k = 0; k < order.length; k++) {
                finish(store, id(order[k]), ends[k]);
            }
            assertThat(store.read(id(5))).isEmpty();
            assertThat(store.read(id(0))).isEmpty();
            assertThat(store.inputs(id(5))).isEmpty();
            for (int kept : new int[] {7, 2, 6}) {
                assertThat(store.read(id(kept))).get().extracting(JobRecord::status).matches(JobStatus::isTerminal);
            }
            for (int running : new int[] {1, 3, 4}) {
                assertThat(store.read(id(running))).get().extracting(JobRecord::status).isEqualTo(JobStatus.SUBMITTED);
            }
            assertThat(total(store)).isEqualTo(6);
        }
    }

    @Test
    void unfinishedJobsAreNeverEvictedAndAnUpdateOfAFinishedJobDoesNotCountTwice() {
        try (JobStore store = MemoryJobStoreProvider.builder().maxFinishedJobs(2).build()) {
            for (int i = 0; i < 20; i++) {
                store.create(submitted(id(i)), Map.of());
            }
            finish(store, id(0), JobStatus.SUCCEEDED);
            finish(store, id(1), JobStatus.SUCCEEDED);
            JobRecord done = store.read(id(0)).orElseThrow();
            store.update(done.withStatus(JobStatus.SUCCEEDED, T)); // same status again: not a second finish
            assertThat(store.read(id(0))).isPresent();
            assertThat(store.read(id(1))).isPresent();
            assertThat(total(store)).isEqualTo(20);
        }
    }

    @Test
    void aRecordCreatedFinishedCountsAsFinished() {
        try (JobStore store = MemoryJobStoreProvider.builder().maxFinishedJobs(1).build()) {
            store.create(submitted(id(1)).withStatus(JobStatus.SUCCEEDED, T), Map.of());
            store.create(submitted(id(2)).withStatus(JobStatus.FAILED, T), Map.of());
            assertThat(store.read(id(1))).isEmpty();
            assertThat(store.read(id(2))).isPresent();
        }
    }

    @Test
    void concurrentFinishesKeepExactlyTheCap() throws Exception {
        int threads = 4;
        int perThread = 10;
        int cap = 7;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 1000; round++) {
                try (JobStore store = MemoryJobStoreProvider.builder().maxFinishedJobs(cap).build()) {
                    for (int i = 0; i < threads * perThread; i++) {
                        store.create(submitted(id(i)), Map.of());
                    }
                    CyclicBarrier start = new CyclicBarrier(threads);
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int first = t * perThread;
                        done.add(pool.submit(() -> {
                            start.await();
                            for (int i = first; i < first + perThread; i++) {
                                finish(store, id(i), JobStatus.SUCCEEDED);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                    assertThat(total(store)).as("round %d", round).isEqualTo(cap);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCapIsCheckedAndSetOnce() {
        assertThatThrownBy(() -> MemoryJobStoreProvider.builder().maxFinishedJobs(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFinishedJobs")
                .hasMessageContaining("0");
        MemoryJobStoreProvider.Builder b = MemoryJobStoreProvider.builder().maxFinishedJobs(5);
        assertThatThrownBy(() -> b.maxFinishedJobs(6)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5");
        assertThatThrownBy(() -> new MemoryJobStoreProvider().open(Map.of("maxFinishedJobs", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFinishedJobs")
                .hasMessageContaining("'many'");
        try (JobStore store = new MemoryJobStoreProvider().open(Map.of("maxFinishedJobs", "1"))) {
            store.create(submitted(id(1)).withStatus(JobStatus.SUCCEEDED, T), Map.of());
            store.create(submitted(id(2)).withStatus(JobStatus.SUCCEEDED, T), Map.of());
            assertThat(total(store)).isEqualTo(1);
        }
    }
}
