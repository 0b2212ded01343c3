package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The ordering lock of the write path: the listener call of each write is made in the order the store took the
 * writes of a job, a listener may write the job it is told about, and listeners writing each other's jobs do not
 * deadlock.
 */
class RecordWriterOrderingTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static String id(int n) {
        return "j" + String.format("%032x", n);
    }

    private static JobRecord fresh(String id) {
        return new JobRecord(id, "S", "T", JobStatus.EXECUTING, 0, T, T, null, T, null, null, null, false,
                List.of(), null, 1);
    }

    private static JobRecord withMessage(JobRecord cur, String text) {
        List<JobMessage> m = new ArrayList<>(cur.messages());
        m.add(JobMessage.info(text));
        return cur.withMessages(m);
    }

    @Test
    void listenersHearTheWritesOfAJobInTheOrderTheStoreTookThem() throws Exception {
        ConcurrentHashMap<String, List<Long>> heard = new ConcurrentHashMap<>();
        BiConsumer<JobRecord, JobRecord> listener = (before, after) ->
                heard.computeIfAbsent(after.jobId(), k -> new CopyOnWriteArrayList<>()).add(after.version());
        InMemoryJobStore store = new InMemoryJobStore();
        RecordWriter writer = new RecordWriter(new StatusCache(10_000, Duration.ofHours(1)), listener);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 1_000; round++) {
                String id = id(round);
                writer.create(store, fresh(id), Map.of());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    int n = w;
                    writers.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 5; i++) {
                            String text = n + "-" + i;
                            writer.update(store, id, cur -> withMessage(cur, text));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : writers) {
                    f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                }
                List<Long> versions = heard.get(id);
                assertThat(versions).as("round %d", round).hasSize(16).isSorted().doesNotHaveDuplicates();
            }
        } finally {
            pool.shutdownNow();
            store.close();
        }
    }

    @Test
    void aListenerMayWriteTheJobItIsToldAbout() {
        InMemoryJobStore store = new InMemoryJobStore();
        RecordWriter[] holder = new RecordWriter[1];
        List<Long> heard = new CopyOnWriteArrayList<>();
        holder[0] = new RecordWriter(new StatusCache(100, Duration.ofHours(1)), (before, after) -> {
            heard.add(after.version());
            if (after.version() == 2) {
                holder[0].update(store, after.jobId(), cur -> withMessage(cur, "from the listener"));
            }
        });
        String id = id(1);
        holder[0].create(store, fresh(id), Map.of());
        holder[0].update(store, id, cur -> withMessage(cur, "first"));
        assertThat(heard).containsExactly(1L, 2L, 3L); // the nested write is told from inside the outer report
        assertThat(store.read(id).orElseThrow().messages()).extracting(JobMessage::description)
                .containsExactly("first", "from the listener");
        // the job's lock was released: another thread can write it
        holder[0].update(store, id, cur -> withMessage(cur, "later"));
        assertThat(store.read(id).orElseThrow().version()).isEqualTo(4);
        store.close();
    }

    @Test
    void aListenerWritingAnotherJobWaitsForItsOtherWriterWithoutBlockingUnrelatedJobs() throws Exception {
        InMemoryJobStore store = new InMemoryJobStore();
        RecordWriter[] holder = new RecordWriter[1];
        // Each write of an "own" job i (0..3) makes its listener write "cross" job 4 + i, which other threads
        // write directly at the same time: a nested write waits for the cross job's holder while holding its own.
        holder[0] = new RecordWriter(new StatusCache(100, Duration.ofHours(1)), (before, after) -> {
            int n = Integer.parseInt(after.jobId().substring(1), 16);
            if (before != null && n < 4) {
                holder[0].update(store, id(4 + n), cur -> withMessage(cur, "nested"));
            }
        });
        for (int n = 0; n < 8; n++) {
            holder[0].create(store, fresh(id(n)), Map.of());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 1_000; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int n = 0; n < 8; n++) {
                    String job = id(n);
                    writers.add(pool.submit(() -> {
                        go.await();
                        return holder[0].update(store, job, cur -> withMessage(cur, "direct"));
                    }));
                }
                go.countDown();
                for (Future<?> f : writers) {
                    f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                }
            }
            for (int n = 0; n < 4; n++) {
                assertThat(store.read(id(n)).orElseThrow().version()).isEqualTo(1 + 1_000);
                assertThat(store.read(id(4 + n)).orElseThrow().version()).isEqualTo(1 + 2_000);
            }
        } finally {
            pool.shutdownNow();
            store.close();
        }
    }
}
