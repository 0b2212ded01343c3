package io.gpjobs.rest;

import static io.gpjobs.rest.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The limit of concurrent synchronous executes holds under contention: 1,000 executes from 8 threads. */
class ExecuteLimitTest {
    private static final int LIMIT = 3;
    private static final int THREADS = 8;
    private static final int ROUNDS = 1_000;

    @Test
    void neverMoreExecutesRunThanTheLimitAndEveryOtherOneIsABusyEnvelope() throws Exception {
        RestLimits limits = RestLimits.builder().maxConcurrentExecutes(LIMIT).build();
        try (Fixture f = new Fixture(null, limits, CorsPolicy.anyOrigin())) {
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger busy = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        go.await();
                        while (next.getAndIncrement() < ROUNDS) {
                            JsonNode r = json(f.get("rest/services/Sync/GPServer/Counted/execute", "f", "json",
                                    "text", "c"));
                            if (r.has("error")) {
                                assertThat(r.at("/error/code").asInt()).as("%s", r).isEqualTo(503);
                                busy.incrementAndGet();
                            } else {
                                assertThat(r.at("/results/0/value").asText()).isEqualTo("c");
                                ok.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> w : workers) {
                    w.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ok.get() + busy.get()).isEqualTo(ROUNDS);
            assertThat(ok.get()).isPositive();
            assertThat(f.peak.get()).isBetween(1, LIMIT);
            assertThat(f.running.get()).isZero();
            assertThat(f.ctx.executes().availablePermits()).isEqualTo(LIMIT);
        }
    }
}
