package io.gpjobs.store.disk;

import static io.gpjobs.testkit.ContractRecords.T0;
import static io.gpjobs.testkit.ContractRecords.newJobId;
import static io.gpjobs.testkit.ContractRecords.newRecord;
import static io.gpjobs.testkit.ContractRecords.sampleInputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk-specific behaviour beyond the store contract: layout, recovery, quarantine, orphans, sharing. */
class DiskJobStoreTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private JobStore open() {
        return DiskJobStoreConfig.builder(dir).clock(clock).build().open();
    }

    @Test
    void theLayoutIsReadable() throws IOException {
        try (JobStore store = open()) {
            String id = newJobId();
            store.create(newRecord(id, "Folder/Buffer", T0, "alice"), sampleInputs());
            store.putResults(id, Map.of("Output_Polygons", new StoredValue("GPLong", "7")));
            store.writeFile(id, "report.txt", new ByteArrayInputStream(new byte[] {1}));
            Files.writeString(store.scratchFolder(id).resolve("work.txt"), "w");

            Path job = dir.resolve("Folder%2FBuffer_gpserver").resolve(id);
            String record = Files.readString(job.resolve("record.json"));
            assertThat(record).contains("\"format\" : 1", "\"status\" : \"esriJobSubmitted\"", "\"owner\" : \"alice\"",
                    "\"version\" : 1");
            assertThat(job.resolve("inputs/Distance.json")).content().contains("GPLinearUnit", "esriMeters");
            assertThat(job.resolve("results/Output_Polygons.json")).content().contains("\"json\" : \"7\"");
            assertThat(job.resolve("files/report.txt")).isRegularFile();
            assertThat(job.resolve("scratch/work.txt")).isRegularFile();
        }
    }

    @Test
    void openingRemovesTemporariesOfDeadProcessesButNotOfLiveOnes() throws Exception {
        String id = newJobId();
        try (JobStore store = open()) {
            store.create(newRecord(id, "svc", T0, null), Map.of());
            store.writeFile(id, "a/b.txt", new ByteArrayInputStream(new byte[] {1}));
        }
        long dead = deadPid();
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path service = dir.resolve("svc_gpserver");
        Path job = service.resolve(id);
        List<Path> stale = List.of(
                Files.writeString(job.resolve(".record.json.tmp-" + dead + "-1f"), "{\"format\":1,\"jobId\""),
                Files.createDirectories(service.resolve("." + newJobId() + ".tmp-" + dead + "-2a")),
                Files.createDirectories(service.resolve(".deleted-" + dead + "-3b-" + newJobId()).resolve("x")),
                Files.writeString(job.resolve("files/a/.b.txt.tmp-" + dead + "-4c"), "half"),
                Files.createDirectories(job.resolve(".results.tmp-" + dead + "-5d")));
        Path liveTemp = Files.writeString(job.resolve(".record.json.tmp-" + live + "-6e"), "being written");
        Path tasksOwn = Files.writeString(Files.createDirectories(job.resolve("scratch")).resolve(".cache.tmp-x"), "t");

        try (JobStore store = open()) {
            for (Path p : stale) {
                assertThat(p).as("left by dead process").doesNotExist();
            }
            assertThat(liveTemp).as("a live engine's temporary file").exists();
            assertThat(tasksOwn).as("a hidden file a task made").exists();
            assertThat(store.read(id)).isPresent();
            assertThat(store.listFiles(id)).containsExactly("a/b.txt");
        }
    }

    @Test
    void aCorruptRecordFoundAtOpenIsQuarantinedAndTheRestServed() throws IOException {
        String good = newJobId();
        String bad = newJobId();
        String truncated = newJobId();
        try (JobStore store = open()) {
            store.create(newRecord(good, "svc", T0, null), Map.of());
            store.create(newRecord(bad, "svc", T0, null), Map.of());
            store.create(newRecord(truncated, "svc", T0, null), Map.of());
        }
        Path badFile = dir.resolve("svc_gpserver").resolve(bad).resolve("record.json");
        Files.writeString(badFile, "garbage, not json");
        Path truncFile = dir.resolve("svc_gpserver").resolve(truncated).resolve("record.json");
        byte[] full = Files.readAllBytes(truncFile);
        Files.write(truncFile, java.util.Arrays.copyOf(full, full.length / 2));

        try (JobStore store = open()) {
            // listed and read as failed stand-ins naming where the damaged record went; the good job untouched
            assertThat(store.query(JobQuery.all()).jobs()).extracting(JobRecord::jobId)
                    .containsExactlyInAnyOrder(good, bad, truncated);
            assertThat(store.read(good).orElseThrow().status()).isEqualTo(JobStatus.SUBMITTED);
            for (String id : List.of(bad, truncated)) {
                JobRecord standIn = store.read(id).orElseThrow();
                assertThat(standIn.status()).isEqualTo(JobStatus.FAILED);
                assertThat(standIn.serviceName()).isEqualTo("svc");
                assertThat(standIn.messages()).singleElement().satisfies(m -> assertThat(m.description())
                        .contains("damaged").contains("record.json.corrupt-" + clock.millis()));
            }
            // what the truncated bytes still said is kept; garbage tells nothing, so no one owns that job
            assertThat(store.read(truncated).orElseThrow().taskName()).isEqualTo(newRecord(truncated, "svc", T0, null)
                    .taskName());
            assertThat(store.read(bad).orElseThrow().owner()).isNotNull();
            assertThat(badFile).exists();
            assertThat(badFile.resolveSibling("record.json.corrupt-" + clock.millis())).hasContent("garbage, not json");
            assertThat(truncFile.resolveSibling("record.json.corrupt-" + clock.millis())).exists();
        }
    }

    @Test
    void readingARecordThatBecameCorruptShowsTheJobFailedWithItsDamageNamed() throws IOException {
        try (JobStore store = open()) {
            String id = newJobId();
            store.create(newRecord(id, "svc", T0, "alice"), Map.of());
            Path file = dir.resolve("svc_gpserver").resolve(id).resolve("record.json");
            Files.writeString(file, "{\"format\":1,\"jobId\":\"" + id + "\",\"owner\":\"alice\"}");

            JobRecord standIn = store.read(id).orElseThrow();
            assertThat(standIn.status()).isEqualTo(JobStatus.FAILED);
            assertThat(standIn.owner()).isEqualTo("alice");
            assertThat(standIn.messages()).singleElement().satisfies(m -> assertThat(m.description())
                    .contains("damaged").contains("record.json.corrupt-"));
            assertThat(store.read(id)).contains(standIn);
            assertThat(store.query(JobQuery.all().withStatuses(java.util.Set.of(JobStatus.FAILED))).total()).isOne();
            try (var files = Files.list(file.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("record.json.corrupt-"));
            }
        }
    }

    @Test
    void deleteOrphansRemovesOldFoldersWithoutARecordOnly() throws IOException {
        try (JobStore store = open()) {
            String kept = newJobId();
            store.create(newRecord(kept, "svc", T0, null), Map.of());
            Path service = dir.resolve("svc_gpserver");
            Path orphan = Files.createDirectories(service.resolve(newJobId()).resolve("scratch"));
            Files.writeString(orphan.resolve("left.txt"), "x");
            Path young = Files.createDirectories(service.resolve(newJobId()));
            Path notAJob = Files.createDirectories(service.resolve("somebody-elses-folder"));
            Instant cut = Instant.parse("2030-01-01T00:00:00Z");
            Files.setLastModifiedTime(orphan.getParent(), FileTime.from(cut.minus(Duration.ofDays(1))));
            Files.setLastModifiedTime(young, FileTime.from(cut.plus(Duration.ofDays(1))));
            Files.setLastModifiedTime(service.resolve(kept), FileTime.from(cut.minus(Duration.ofDays(1))));

            assertThat(store.deleteOrphans(cut)).isEqualTo(1);
            assertThat(orphan.getParent()).doesNotExist();
            assertThat(young).exists();
            assertThat(notAJob).exists();
            assertThat(store.read(kept)).isPresent();
            assertThat(store.deleteOrphans(cut)).isZero();
        }
    }

    @Test
    void twoStoresOnOneDirectorySeeEachOthersWrites() {
        try (JobStore a = open(); JobStore b = open()) {
            String id = newJobId();
            JobRecord v1 = a.create(newRecord(id, "svc", T0, null), sampleInputs());
            assertThat(b.query(JobQuery.all().withStatuses(Set.of(JobStatus.SUBMITTED))).jobs()).containsExactly(v1);

            JobRecord v2 = b.update(v1.withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)));
            assertThat(a.read(id)).contains(v2);
            assertThat(a.query(JobQuery.all().withStatuses(Set.of(JobStatus.EXECUTING))).jobs()).containsExactly(v2);
            assertThat(a.query(JobQuery.all().withStatuses(Set.of(JobStatus.SUBMITTED))).total()).isZero();
            assertThatThrownBy(() -> a.update(v1)).isInstanceOf(io.gpjobs.spi.JobConflictException.class);
            assertThat(a.query(JobQuery.all().withPage(0, 10)).jobs()).containsExactly(v2);
            assertThatThrownBy(() -> a.create(newRecord(id, "other", T0, null), Map.of()))
                    .isInstanceOf(io.gpjobs.spi.JobConflictException.class);

            // many quick changes by the other store: each shows in the next query
            JobRecord cur = v2;
            for (int i = 0; i < 20; i++) {
                JobStatus s = i % 2 == 0 ? JobStatus.CANCELLING : JobStatus.EXECUTING;
                cur = b.update(cur.withStatus(s, T0.plusSeconds(2 + i)));
                assertThat(a.query(JobQuery.all().withStatuses(Set.of(s))).jobs()).containsExactly(cur);
            }

            assertThat(b.delete(id)).isTrue();
            assertThat(a.read(id)).isEmpty();
            assertThat(a.query(JobQuery.all()).total()).isZero();
            assertThat(a.delete(id)).isFalse();
        }
    }

    @Test
    void noTemporaryFileStaysAfterNormalWork() throws IOException {
        try (JobStore store = open()) {
            for (int i = 0; i < 10; i++) {
                String id = newJobId();
                JobRecord r = store.create(newRecord(id, "svc", T0, null), sampleInputs());
                store.update(r.withStatus(JobStatus.EXECUTING, T0));
                store.putResults(id, Map.of("A", new StoredValue("GPLong", "1")));
                store.putResults(id, Map.of("B", new StoredValue("GPLong", "2")));
                store.writeFile(id, "f.txt", new ByteArrayInputStream(new byte[] {1}));
                if (i % 2 == 0) {
                    store.delete(id);
                }
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains(".tmp-") || n.startsWith(".deleted-"));
        }
    }

    @Test
    void aRecordOfANewerFormatIsLeftAloneAndReportedNotQuarantined() throws IOException {
        String id = newJobId();
        try (JobStore store = open()) {
            store.create(newRecord(id, "svc", T0, null), Map.of());
        }
        Path file = dir.resolve("svc_gpserver").resolve(id).resolve("record.json");
        String newer = Files.readString(file).replace("\"format\" : 1", "\"format\" : 2");
        Files.writeString(file, newer);
        try (JobStore store = open()) {
            assertThat(store.query(JobQuery.all()).total()).isZero();
            assertThatThrownBy(() -> store.read(id)).isInstanceOf(JobStoreException.class)
                    .hasMessageContaining(id).hasMessageContaining("format 2");
            assertThat(file).hasContent(newer);
        }
    }

    @Test
    void aSymbolicLinkOutOfTheJobFolderIsNotFollowed() throws IOException {
        try (JobStore store = open()) {
            String id = newJobId();
            store.create(newRecord(id, "svc", T0, null), Map.of());
            Path secret = Files.writeString(dir.resolve("secret.txt"), "outside");
            Files.createSymbolicLink(store.scratchFolder(id).resolve("link.txt"), secret);
            Files.writeString(store.scratchFolder(id).resolve("real.txt"), "inside");

            assertThatThrownBy(() -> store.readFile(id, "scratch/link.txt"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'scratch/link.txt'").hasMessageContaining("outside the job folder");
            assertThat(store.listFiles(id)).containsExactly("scratch/real.txt");
        }
    }

    @Test
    void filesOfAJobThatDoesNotExistAreAClearError() {
        try (JobStore store = open()) {
            String id = newJobId();
            assertThatThrownBy(() -> store.writeFile(id, "a.txt", new ByteArrayInputStream(new byte[] {1})))
                    .isInstanceOf(JobNotFoundException.class).hasMessageContaining(id);
            assertThatThrownBy(() -> store.scratchFolder(id)).isInstanceOf(JobNotFoundException.class)
                    .hasMessageContaining(id);
            assertThatThrownBy(() -> store.persistScratch(id)).isInstanceOf(JobNotFoundException.class);
            assertThat(dir.toFile().list()).as("no service folder was made").containsOnly(".locks", ".writers");
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        JobStore store = open();
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        store.close();
        store.close();
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.query(JobQuery.all())).isInstanceOf(IllegalStateException.class);
        try (JobStore again = open()) {
            assertThat(again.read(id)).isPresent();
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return p.pid();
    }
}
