package io.gpjobs.store.disk;

import static io.gpjobs.testkit.ContractRecords.T0;
import static io.gpjobs.testkit.ContractRecords.newJobId;
import static io.gpjobs.testkit.ContractRecords.newRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.disk.internal.DiskJobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store alone on its directory writes without file locks and without reading a record before replacing it; a
 * store opening in another process makes it share the directory again first. The test makes that switch happen
 * 1,000 times while the first store keeps updating one record from two threads and the other process updates it
 * too: every update that succeeded counts in the record's version, so none was lost.
 */
class SoleWriterTest {

    private static final String PROBE = "io.gpjobs.store.disk.soleProbeMillis";
    private static final String RETRY = "io.gpjobs.store.disk.soleRetryMillis";

    @TempDir
    Path dir;

    @BeforeEach
    void quickSwitches() {
        System.setProperty(PROBE, "2");
        System.setProperty(RETRY, "5");
    }

    @AfterEach
    void defaultSwitches() {
        System.clearProperty(PROBE);
        System.clearProperty(RETRY);
    }

    @Test
    void aThousandSoleSpellsEndedByAnotherProcessLoseNoUpdate() throws Exception {
        int rounds = 1000;
        int each = 1;
        String id = newJobId();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicBoolean stop = new AtomicBoolean();
        try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
            store.create(newRecord(id, "svc", T0, null), Map.of());
            List<Future<Long>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                writers.add(threads.submit(() -> updateUntil(store, id, stop)));
            }
            long child;
            try (ChildJvm c = ChildJvm.start(SoleSpellChild.class, dir.toString(), id, "" + rounds, "" + each)) {
                c.awaitLine("ready", Duration.ofSeconds(60));
                String done = c.awaitLine("done", Duration.ofSeconds(300));
                child = Long.parseLong(done.substring("done ".length()));
                assertThat(c.awaitExit(Duration.ofSeconds(30))).isZero();
            } finally {
                stop.set(true);
            }
            long parent = 0;
            for (Future<Long> f : writers) {
                parent += f.get();
            }
            assertThat(child).isEqualTo((long) rounds * each);
            assertThat(parent).isPositive();
            JobRecord last = store.read(id).orElseThrow();
            assertThat(last.version()).isEqualTo(1 + parent + child);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aStoreThatIsTheOnlyWriterAgainTrustsNothingItWroteBeforeAnotherProcessWrote() throws Exception {
        String id = newJobId();
        try (DiskJobStore store = (DiskJobStore) DiskJobStoreConfig.builder(dir).build().open();
             ChildJvm child = ChildJvm.start(SpellOnCommand.class, dir.toString(), id)) {
            store.create(newRecord(id, "svc", T0, null), Map.of());
            child.awaitLine("ready", Duration.ofSeconds(60));
            for (int round = 1; round <= 10; round++) {
                awaitOnlyWriter(store);
                JobRecord mine = store.update(store.read(id).orElseThrow());
                child.send("spell");
                assertThat(child.awaitNth("spelled", "spelled " + round, 1, Duration.ofSeconds(60)))
                        .isEqualTo("spelled " + round + " " + (mine.version() + 1));
                awaitOnlyWriter(store);
                assertThatThrownBy(() -> store.update(mine)).isInstanceOf(JobConflictException.class)
                        .hasMessageContaining("stale");
                assertThat(store.read(id).orElseThrow().version()).isEqualTo(mine.version() + 1);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void resultsAnotherProcessStoredAreReplacedAfterTheStoreIsTheOnlyWriterAgain() throws Exception {
        String id = newJobId();
        try (DiskJobStore store = (DiskJobStore) DiskJobStoreConfig.builder(dir).build().open();
             ChildJvm child = ChildJvm.start(SpellOnCommand.class, dir.toString(), id)) {
            awaitOnlyWriter(store);
            store.create(newRecord(id, "svc", T0, null), Map.of()); // noted: no results, in this sole spell
            assertThat(store.results(id)).isEmpty();
            child.awaitLine("ready", Duration.ofSeconds(60));
            child.send("results");
            child.awaitLine("resulted", Duration.ofSeconds(60));
            awaitOnlyWriter(store);
            assertThat(store.results(id)).containsOnlyKeys("Out");
            store.update(store.read(id).orElseThrow()); // written in the new spell
            store.putResults(id, Map.of()); // the run without outputs
            assertThat(store.results(id)).isEmpty();
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isZero();
        }
    }

    /** Waits (at most 30 s) until the store is its directory's only writer. */
    private static void awaitOnlyWriter(DiskJobStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!store.onlyWriter()) {
            assertThat(System.nanoTime()).as("the store became the only writer within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Updates the record until told to stop; returns how many updates succeeded. */
    private static long updateUntil(JobStore store, String id, AtomicBoolean stop) {
        long done = 0;
        JobRecord current = store.read(id).orElseThrow();
        while (!stop.get()) {
            try {
                current = store.update(current);
                done++;
            } catch (JobConflictException e) {
                current = store.read(id).orElseThrow();
            }
            LockSupport.parkNanos(100_000); // paced, so that the other process's updates get their turns too
        }
        return done;
    }
}
