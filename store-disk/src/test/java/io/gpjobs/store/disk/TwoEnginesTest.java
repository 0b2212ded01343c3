package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.testkit.ContractRecords;
import io.gpjobs.value.GPLong;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines start at once on one jobs directory that holds jobs a stopped engine left queued, and each takes
 * more submissions: every job runs exactly once and succeeds.
 */
class TwoEnginesTest {

    @TempDir
    Path dir;

    /** 60 jobs a stopped engine left Submitted, their lease long expired. */
    private Map<String, Long> leftQueued() {
        Map<String, Long> expected = new HashMap<>();
        Instant past = Instant.now().minus(Duration.ofHours(1));
        try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
            for (int i = 0; i < 60; i++) {
                String id = ContractRecords.newJobId();
                store.create(new JobRecord(id, EngineFixture.SERVICE, EngineFixture.TASK, JobStatus.SUBMITTED, 0,
                        past, null, null, past, null, "stopped-node", past.plusSeconds(30), false, List.of(), null),
                        Map.of("n", new StoredValue("GPLong", "" + i)));
                expected.put(id, (long) i);
            }
        }
        return expected;
    }

    @Test
    void twoEnginesInTwoProcessesRunEveryJobExactlyOnce() throws Exception {
        EngineFixture.EXECUTIONS.clear();
        Map<String, Long> expected = leftQueued();
        Map<String, Integer> runs = new HashMap<>();
        try (ChildJvm child = ChildJvm.start(SharingEngine.class, dir.toString(), "node-child", "20")) {
            // start recovering when the child does, so that both engines may queue the same left-over jobs
            child.awaitLine("building", Duration.ofSeconds(60));
            try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).nodeId("node-parent")
                    .build()) {
                child.awaitLine("ready", Duration.ofSeconds(60));
                for (int i = 0; i < 20; i++) {
                    long n = 3000 + i;
                    expected.put(engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "" + n))
                            .jobId(), n);
                }
                try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
                    awaitAllTerminal(store, expected.size() + 20);
                    for (JobRecord r : store.query(JobQuery.all().withPage(0, 1000)).jobs()) {
                        assertThat(r.status()).as("job %s", r.jobId()).isEqualTo(JobStatus.SUCCEEDED);
                    }
                }
            }
            child.send("stop");
            assertThat(child.awaitExit(Duration.ofSeconds(60))).isZero();
            child.awaitOutputEnd();
            for (String line : child.output().lines().toList()) {
                String[] f = line.split(" ");
                if (f[0].equals("executed")) {
                    runs.merge(f[1], 1, Integer::sum);
                } else if (f[0].equals("accepted")) {
                    expected.put(f[1], Long.parseLong(f[2]));
                }
            }
        }
        EngineFixture.EXECUTIONS.forEach((id, n) -> runs.merge(id, n.get(), Integer::sum));
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(runs.values()).as("executions per job, over both processes").containsOnly(1);
        assertThat(EngineFixture.EXECUTIONS).as("jobs the parent ran").isNotEmpty();
        assertThat(runs.size() - EngineFixture.EXECUTIONS.size()).as("jobs the child ran").isPositive();
    }

    @Test
    void everyJobRunsExactlyOnce() throws Exception {
        EngineFixture.EXECUTIONS.clear();
        Map<String, Long> expected = leftQueued();

        ExecutorService starter = Executors.newFixedThreadPool(2);
        List<GPEngine> engines = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<GPEngine>> built = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                built.add(starter.submit(() -> {
                    go.await();
                    return GPEngine.builder().service(EngineFixture.service(dir)).nodeId(node).build();
                }));
            }
            go.countDown();
            for (Future<GPEngine> f : built) {
                engines.add(f.get(60, TimeUnit.SECONDS));
            }
            for (int i = 0; i < 20; i++) {
                for (int e = 0; e < 2; e++) {
                    long n = 1000L * (e + 1) + i;
                    expected.put(engines.get(e).anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK,
                            Map.of("n", "" + n)).jobId(), n);
                }
            }

            try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
                awaitAllTerminal(store, expected.size());
                for (Map.Entry<String, Long> job : expected.entrySet()) {
                    JobRecord r = store.read(job.getKey()).orElseThrow();
                    assertThat(r.status()).as("job %s", job.getKey()).isEqualTo(JobStatus.SUCCEEDED);
                    assertThat(store.results(job.getKey()).get("doubled").json()).isEqualTo("" + 2 * job.getValue());
                }
            }
            for (GPEngine engine : engines) {
                assertThat(engine.anonymous().result(expected.keySet().iterator().next(), "doubled").value())
                        .isInstanceOf(GPLong.class);
            }
        } finally {
            engines.forEach(GPEngine::close);
            starter.shutdownNow();
        }
        assertThat(EngineFixture.EXECUTIONS.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(EngineFixture.EXECUTIONS.values()).extracting(AtomicInteger::get).containsOnly(1);
    }

    private static void awaitAllTerminal(JobStore store, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            var page = store.query(JobQuery.all().withPage(0, 1000));
            if (page.total() == count && page.jobs().stream().allMatch(r -> r.status().isTerminal())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("jobs not all finished: " + page.jobs().stream()
                        .filter(r -> !r.status().isTerminal()).map(r -> r.jobId() + "=" + r.status()).toList());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
