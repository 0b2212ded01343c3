package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.ContractRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a jobs directory does not read the records of the finished jobs again: they come from the index
 * snapshot a store saved, checked against the folders that exist; jobs created, changed or removed since (also by
 * a store that never closed) are read or dropped; a damaged snapshot is ignored.
 */
class IndexSnapshotTest {

    private static final String SERVICE = "Snap";

    @TempDir
    Path dir;

    private JobStore open() {
        return DiskJobStoreConfig.builder(dir).build().open();
    }

    private static JobRecord record(String id, JobStatus status, int i) {
        Instant t = ContractRecords.T0.plusSeconds(i);
        return new JobRecord(id, SERVICE, "Task", status, 0, t, status == JobStatus.SUBMITTED ? null : t,
                status.isTerminal() ? t : null, t, "owner-" + (i % 3), null, null, false, List.of(), null);
    }

    private static List<String> create(JobStore store, int count, JobStatus status, int from) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = ContractRecords.newJobId();
            store.create(record(id, status, from + i), Map.of());
            ids.add(id);
        }
        return ids;
    }

    private static Set<String> listed(JobStore store, Set<JobStatus> statuses) {
        Set<String> out = new java.util.HashSet<>();
        int offset = 0;
        while (offset >= 0) {
            var page = store.query(JobQuery.all().withService(SERVICE).withStatuses(statuses).withPage(offset, 100));
            page.jobs().forEach(r -> out.add(r.jobId()));
            offset = page.nextOffset();
        }
        return out;
    }

    private Path recordOf(String id) {
        return dir.resolve(SERVICE + "_gpserver").resolve(id).resolve("record.json");
    }

    private long quarantined() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().startsWith("record.json.corrupt-")).count();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void anOpenTakesTheFinishedJobsFromTheSnapshotWithoutReadingTheirRecords() throws Exception {
        List<String> finished;
        List<String> queued;
        try (JobStore store = open()) {
            finished = create(store, 300, JobStatus.SUCCEEDED, 0);
            queued = create(store, 5, JobStatus.SUBMITTED, 1000);
        }
        // Damage every finished record behind the snapshot's back, in place and keeping its size and time (so its
        // identity is unchanged): an open that read them would quarantine them.
        damageInPlace(finished);
        try (JobStore store = open()) {
            assertThat(quarantined()).as("records read by the open").isZero();
            assertThat(listed(store, EnumSet.of(JobStatus.SUBMITTED))).containsExactlyInAnyOrderElementsOf(queued);
            // the damage is still found where a record is read: a page of them
            assertThat(listed(store, EnumSet.of(JobStatus.SUCCEEDED))).isEmpty();
            assertThat(quarantined()).isEqualTo(300);
        }
    }

    @Test
    void anOpenOverAChangedFolderDoesNotReadTheFinishedRecordsAStoreWroteBeforeItsSnapshot() throws Exception {
        List<String> finished;
        try (JobStore store = open()) { // writes records without a stat of them
            finished = create(store, 100, JobStatus.SUCCEEDED, 0);
        }
        damageInPlace(finished);
        try (JobStore other = open()) {
            create(other, 1, JobStatus.SUBMITTED, 500); // the folder changes: the next open lists it
        }
        try (JobStore store = open()) {
            assertThat(quarantined()).as("records read by the open").isZero();
            assertThat(listed(store, EnumSet.of(JobStatus.SUCCEEDED))).isEmpty(); // a page reads them: damaged
            assertThat(quarantined()).isEqualTo(100);
        }
    }

    /** Overwrites each record with garbage of its size, keeping its time: its identity stays the same. */
    private void damageInPlace(List<String> ids) throws IOException {
        for (String id : ids) {
            Path r = recordOf(id);
            java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(r);
            byte[] garbage = new byte[(int) Files.size(r)];
            java.util.Arrays.fill(garbage, (byte) '{');
            try (var ch = java.nio.channels.FileChannel.open(r, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(garbage), 0);
            }
            Files.setLastModifiedTime(r, t);
        }
    }

    @Test
    void jobsCreatedChangedOrRemovedSinceTheSnapshotAreSeen() throws Exception {
        List<String> finished;
        try (JobStore store = open()) {
            finished = create(store, 200, JobStatus.FAILED, 0);
        }
        // a store that never closes (a process killed): its jobs are in no snapshot
        JobStore crashed = open();
        List<String> later = create(crashed, 50, JobStatus.CANCELLED, 500);
        List<String> running = create(crashed, 3, JobStatus.EXECUTING, 600);
        // folders removed by hand (or by a process that died before saving a snapshot)
        for (String id : finished.subList(0, 20)) {
            deleteTree(recordOf(id).getParent());
        }
        try (JobStore store = open()) {
            Set<String> expectFinished = new java.util.HashSet<>(finished.subList(20, 200));
            expectFinished.addAll(later);
            assertThat(listed(store, EnumSet.of(JobStatus.FAILED, JobStatus.CANCELLED)))
                    .isEqualTo(expectFinished);
            assertThat(store.query(JobQuery.all().withService(SERVICE)
                    .withStatuses(EnumSet.of(JobStatus.FAILED)).withPage(0, 1)).total()).isEqualTo(180);
            assertThat(listed(store, EnumSet.of(JobStatus.EXECUTING))).containsExactlyInAnyOrderElementsOf(running);
        }
        crashed.close();
    }

    @Test
    void aDamagedSnapshotIsIgnored() throws Exception {
        List<String> finished;
        try (JobStore store = open()) {
            finished = create(store, 120, JobStatus.TIMED_OUT, 0);
        }
        Path snapshot = dir.resolve(".index").resolve("finished.bin");
        byte[] bytes = Files.readAllBytes(snapshot);
        Files.write(snapshot, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (JobStore store = open()) {
            assertThat(listed(store, EnumSet.of(JobStatus.TIMED_OUT)))
                    .isEqualTo(finished.stream().collect(Collectors.toSet()));
        }
    }

    /** Sets the service folder's time an hour back, as a folder nothing was added to or removed from lately. */
    private java.nio.file.attribute.FileTime settleServiceFolder() throws IOException {
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(dir.resolve(SERVICE + "_gpserver"), old);
        return old;
    }

    @Test
    void anOpenOverUnchangedFoldersListsNoneAndReadsOnlyTheUnfinishedJobs() throws Exception {
        List<String> finished;
        List<String> queued;
        try (JobStore store = open()) {
            finished = create(store, 200, JobStatus.SUCCEEDED, 0);
            queued = create(store, 5, JobStatus.SUBMITTED, 1000);
            settleServiceFolder();
        } // the snapshot saves the folder's time and the unfinished ids
        // a queued job moves on behind the snapshot (its folder's entries change, the service folder's do not)
        String moved = queued.get(0);
        try (JobStore other = DiskJobStoreConfig.builder(dir).build().open()) {
            JobRecord r = other.read(moved).orElseThrow();
            other.update(r.withStatus(JobStatus.EXECUTING, r.updated()));
            settleServiceFolder();
        }
        // a job folder copied in by hand with the folder's time put back: only a listing would find it
        String copied = ContractRecords.newJobId();
        Path service = dir.resolve(SERVICE + "_gpserver");
        java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(service);
        Files.createDirectory(service.resolve(copied));
        Files.writeString(service.resolve(copied).resolve("record.json"), Files.readString(recordOf(finished.get(0)))
                .replace(finished.get(0), copied));
        Files.setLastModifiedTime(service, t);

        try (JobStore store = open()) {
            assertThat(listed(store, EnumSet.of(JobStatus.SUCCEEDED))).containsExactlyInAnyOrderElementsOf(finished);
            assertThat(listed(store, EnumSet.of(JobStatus.SUBMITTED)))
                    .containsExactlyInAnyOrderElementsOf(queued.subList(1, queued.size()));
            assertThat(listed(store, EnumSet.of(JobStatus.EXECUTING))).containsExactly(moved);
            // the open did not list the folder: the hand-copied job is not indexed, yet a read by id finds it
            assertThat(store.read(copied)).isPresent();
        }
    }

    @Test
    void aJobAddedOrRemovedSinceTheSnapshotChangesTheFolderAndTheOpenListsIt() throws Exception {
        List<String> finished;
        try (JobStore store = open()) {
            finished = create(store, 50, JobStatus.SUCCEEDED, 0);
            settleServiceFolder();
        }
        Path snapshot = dir.resolve(".index").resolve("finished.bin");
        byte[] saved = Files.readAllBytes(snapshot);
        String added;
        try (JobStore other = DiskJobStoreConfig.builder(dir).build().open()) {
            added = create(other, 1, JobStatus.SUBMITTED, 500).get(0);
            other.delete(finished.get(0));
        }
        Files.write(snapshot, saved); // the snapshot that predates both changes, as after a crash of that store
        try (JobStore store = open()) {
            assertThat(listed(store, EnumSet.of(JobStatus.SUBMITTED))).containsExactly(added);
            assertThat(listed(store, EnumSet.of(JobStatus.SUCCEEDED)))
                    .containsExactlyInAnyOrderElementsOf(finished.subList(1, finished.size()));
        }
    }
}
