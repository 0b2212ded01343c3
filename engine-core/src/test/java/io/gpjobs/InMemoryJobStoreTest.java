package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.internal.InMemoryJobStore;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.StoredValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the JobStore contract (the testkit's contract suite covers the rest). */
class InMemoryJobStoreTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static JobRecord record(String id, JobStatus s, Instant submitted) {
        return new JobRecord(id, "S", "T", s, 0, submitted, null, null, submitted, null, null, null, false, List.of(), null);
    }

    private static String id(int n) {
        return String.format("j%032x", n);
    }

    @Test
    void createReadUpdateAreCompareAndSetOnTheVersion() {
        try (InMemoryJobStore store = new InMemoryJobStore()) {
            JobRecord created = store.create(record(id(1), JobStatus.NEW, T), Map.of("a", new StoredValue("GPLong", "1")));
            assertThat(created.version()).isEqualTo(1);
            assertThatThrownBy(() -> store.create(record(id(1), JobStatus.NEW, T), Map.of()))
                    .isInstanceOf(JobConflictException.class);
            JobRecord next = store.update(created.withStatus(JobStatus.SUBMITTED, T));
            assertThat(next.version()).isEqualTo(2);
            assertThatThrownBy(() -> store.update(created.withStatus(JobStatus.WAITING, T)))
                    .isInstanceOf(JobConflictException.class);
            assertThat(store.read(id(1)).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
            assertThatThrownBy(() -> store.update(record(id(2), JobStatus.NEW, T).withVersion(1)))
                    .isInstanceOf(JobNotFoundException.class);
            assertThat(store.inputs(id(1))).containsEntry("a", new StoredValue("GPLong", "1"));
            assertThatThrownBy(() -> store.putResults(id(2), Map.of())).isInstanceOf(JobNotFoundException.class);
            store.putResults(id(1), Map.of("r", new StoredValue("GPString", "\"x\"")));
            assertThat(store.results(id(1))).containsOnlyKeys("r");
            assertThatThrownBy(() -> store.read("../x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void queriesFilterAndPageInSubmittedOrder() {
        try (InMemoryJobStore store = new InMemoryJobStore()) {
            for (int i = 0; i < 25; i++) {
                store.create(record(id(100 - i), i % 2 == 0 ? JobStatus.SUCCEEDED : JobStatus.FAILED, T.plusSeconds(i)),
                        Map.of());
            }
            var page = store.query(JobQuery.all().withStatuses(EnumSet.of(JobStatus.SUCCEEDED)).withPage(0, 5));
            assertThat(page.total()).isEqualTo(13);
            assertThat(page.nextOffset()).isEqualTo(5);
            assertThat(page.jobs()).extracting(JobRecord::submitted).isSorted();
            var last = store.query(JobQuery.all().withStatuses(EnumSet.of(JobStatus.SUCCEEDED)).withPage(10, 5));
            assertThat(last.jobs()).hasSize(3);
            assertThat(last.nextOffset()).isEqualTo(-1);
            assertThat(store.query(JobQuery.all().withUpdatedBefore(T.plusSeconds(3))).total()).isEqualTo(3);
        }
    }

    @Test
    void filesAndScratchAreKeptPerJobAndRemovedWithIt() throws Exception {
        Path scratch;
        try (InMemoryJobStore store = new InMemoryJobStore()) {
            store.create(record(id(1), JobStatus.EXECUTING, T), Map.of());
            store.writeFile(id(1), "out/a.txt", new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
            scratch = store.scratchFolder(id(1));
            Files.writeString(scratch.resolve("b.txt"), "there");
            assertThat(store.listFiles(id(1))).containsExactly("out/a.txt", "scratch/b.txt");
            try (var in = store.readFile(id(1), "scratch/b.txt").orElseThrow()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("there");
            }
            assertThatThrownBy(() -> store.writeFile(id(1), "../x", new ByteArrayInputStream(new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../x");
            assertThat(store.delete(id(1))).isTrue();
            assertThat(store.delete(id(1))).isFalse();
            assertThat(Files.exists(scratch)).isFalse();
            assertThat(store.listFiles(id(1))).isEmpty();
        }
    }
}
