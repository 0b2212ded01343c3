package io.gpjobs.store.disk.internal;

import static io.gpjobs.testkit.ContractRecords.T0;
import static io.gpjobs.testkit.ContractRecords.newJobId;
import static io.gpjobs.testkit.ContractRecords.newRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slim index: query order and paging, filters against {@link JobQuery#matches}, updates, removal, refresh. */
class RecordIndexTest {

    private static final Comparator<JobRecord> ORDER =
            Comparator.comparing(JobRecord::submitted).thenComparing(JobRecord::jobId);

    @TempDir
    Path root;

    private RecordIndex index;
    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> corrupt = new ArrayList<>();

    private RecordIndex index() {
        if (index == null) {
            index = new RecordIndex(root);
        }
        return index;
    }

    /** Writes {@code r}'s record file as a store would (version 1), with an old modification time. */
    private JobRecord write(JobRecord r, Instant modified) throws IOException {
        JobRecord stored = r.version() == 0 ? r.withVersion(1) : r;
        Path dir = root.resolve(Names.serviceFolder(stored.serviceName())).resolve(stored.jobId());
        Files.createDirectories(dir);
        Path file = dir.resolve(Names.RECORD);
        Path tmp = dir.resolve(Names.temp(Names.RECORD));
        Files.write(tmp, RecordCodec.writeRecord(stored));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return stored;
    }

    /** Writes {@code r} and puts it into the index, as the store does after a write. */
    private JobRecord put(JobRecord r) throws IOException {
        JobRecord stored = write(r, Instant.now());
        index().put(stored, RecordFile.attributes(root.resolve(Names.serviceFolder(stored.serviceName()))
                .resolve(stored.jobId())));
        return stored;
    }

    private JobPage query(JobQuery q) throws IOException {
        return index().query(q, slot -> {
            reads.incrementAndGet();
            try {
                return RecordFile.load(index().folder(slot)).map(RecordFile::record).orElse(null);
            } catch (RecordCodec.CorruptException e) {
                throw new IOException(e);
            }
        });
    }

    private void refresh() throws IOException {
        refresh(0);
    }

    private void refresh(int soleEpoch) throws IOException {
        index().refresh(soleEpoch, (id, dir, e) -> corrupt.add(id));
    }

    private static JobRecord record(String service, Instant submitted, JobStatus status, Instant updated,
            String owner) {
        JobRecord r = newRecord(newJobId(), service, submitted, owner);
        return r.withStatus(status, updated);
    }

    @Test
    void pagesFollowSubmittedTimeThenJobIdAcrossServices() throws IOException {
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // ties on the submitted time (same instant) and instants a nanosecond apart
            Instant submitted = T0.plusSeconds(i % 7).plusNanos(i % 3);
            all.add(put(record("svc" + (i % 3), submitted, JobStatus.SUBMITTED, submitted, null)));
        }
        all.sort(ORDER);

        List<JobRecord> paged = new ArrayList<>();
        int offset = 0;
        while (offset >= 0) {
            JobPage p = query(JobQuery.all().withPage(offset, 7));
            assertThat(p.total()).isEqualTo(60);
            paged.addAll(p.jobs());
            offset = p.nextOffset();
        }
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(query(JobQuery.all().withService("svc1").withPage(0, 100)).jobs())
                .containsExactlyElementsOf(all.stream().filter(r -> r.serviceName().equals("svc1")).toList());
        assertThat(query(JobQuery.all().withService("nope")).total()).isZero();
    }

    @Test
    void everyFilterAgreesWithJobQueryMatches() throws IOException {
        Random random = new Random(42);
        JobStatus[] statuses = JobStatus.values();
        String[] owners = {null, "alice", "bob"};
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant submitted = T0.plusMillis(random.nextInt(20)).plusNanos(random.nextInt(2));
            all.add(put(record("svc" + random.nextInt(2), submitted, statuses[random.nextInt(statuses.length)],
                    submitted.plusMillis(random.nextInt(30)), owners[random.nextInt(owners.length)])));
        }
        all.sort(ORDER);
        List<JobQuery> queries = List.of(
                JobQuery.all(),
                JobQuery.all().withService("svc0"),
                JobQuery.all().withStatuses(EnumSet.of(JobStatus.SUCCEEDED, JobStatus.FAILED)),
                JobQuery.all().withOwner("alice"),
                JobQuery.all().withSubmittedBetween(T0.plusMillis(5), null),
                JobQuery.all().withSubmittedBetween(null, T0.plusMillis(5)),
                JobQuery.all().withSubmittedBetween(T0.plusMillis(3), T0.plusMillis(9).plusNanos(1)),
                JobQuery.all().withSubmittedBetween(T0.plusMillis(9), T0.plusMillis(9)),
                JobQuery.all().withSubmittedBetween(T0.plusMillis(9), T0.plusMillis(2)),
                JobQuery.all().withUpdatedBefore(T0.plusMillis(25)),
                JobQuery.all().withService("svc1").withStatuses(EnumSet.of(JobStatus.NEW, JobStatus.EXECUTING,
                        JobStatus.DELETED)).withOwner("bob").withUpdatedBefore(T0.plusMillis(40)));
        for (JobQuery q : queries) {
            List<JobRecord> expected = all.stream().filter(q::matches).toList();
            for (int[] page : new int[][] {{0, JobQuery.MAX_LIMIT}, {3, 4}, {expected.size(), 5}}) {
                JobPage p = query(q.withPage(page[0], page[1]));
                int from = Math.min(page[0], expected.size());
                int to = Math.min(from + page[1], expected.size());
                assertThat(p.jobs()).as("%s page %s", q, page).containsExactlyElementsOf(expected.subList(from, to));
                assertThat(p.total()).as("total of %s", q).isEqualTo(expected.size());
                assertThat(p.nextOffset()).isEqualTo(to < expected.size() ? to : -1);
            }
        }
    }

    @Test
    void onlyTheRecordsOfThePageAreRead() throws IOException {
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(put(record("svc", T0.plusMillis(i), JobStatus.SUCCEEDED, T0.plusMillis(i), null)));
        }
        JobPage p = query(JobQuery.all().withStatuses(Set.of(JobStatus.SUCCEEDED)).withPage(100, 10));
        assertThat(p.jobs()).containsExactlyElementsOf(all.subList(100, 110));
        assertThat(p.total()).isEqualTo(300);
        assertThat(p.nextOffset()).isEqualTo(110);
        assertThat(reads).hasValue(10);
    }

    @Test
    void anUpdateMovesAJobBetweenStatusesAndAChangedSubmittedTimeMovesItsPlace() throws IOException {
        JobRecord a = put(record("svc", T0, JobStatus.EXECUTING, T0, null));
        JobRecord b = put(record("svc", T0.plusSeconds(1), JobStatus.EXECUTING, T0, null));
        JobQuery executing = JobQuery.all().withStatuses(Set.of(JobStatus.EXECUTING));
        JobQuery succeeded = JobQuery.all().withStatuses(Set.of(JobStatus.SUCCEEDED));
        assertThat(query(executing).jobs()).containsExactly(a, b);

        JobRecord a2 = put(a.withStatus(JobStatus.SUCCEEDED, T0.plusSeconds(5)).withVersion(2));
        assertThat(query(executing).jobs()).containsExactly(b);
        assertThat(query(succeeded).jobs()).containsExactly(a2);
        assertThat(query(JobQuery.all().withUpdatedBefore(T0.plusSeconds(5))).jobs()).containsExactly(b);

        JobRecord a3 = put(new JobRecord(a2.jobId(), a2.serviceName(), a2.taskName(), a2.status(), 3,
                T0.plusSeconds(2), null, null, a2.updated(), null, null, null, false, List.of(), null));
        assertThat(query(JobQuery.all()).jobs()).containsExactly(b, a3);
        assertThat(index().size()).isEqualTo(2);
    }

    @Test
    void theTotalOfAPartialWalkFollowsMovesRemovalsAndStaleSlots() throws IOException {
        List<JobRecord> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            JobRecord r = put(record("svc", T0.plusMillis(i), i % 4 == 0 ? JobStatus.FAILED : JobStatus.SUCCEEDED,
                    T0, null));
            if (r.status() == JobStatus.SUCCEEDED) {
                done.add(r);
            }
        }
        JobQuery succeeded = JobQuery.all().withService("svc").withStatuses(Set.of(JobStatus.SUCCEEDED)).withPage(0, 5);
        assertThat(query(succeeded).total()).isEqualTo(30);
        for (int i = 0; i < 4; i++) { // four to Deleting
            done.set(i, put(done.get(i).withStatus(JobStatus.DELETING, T0.plusSeconds(1)).withVersion(2)));
        }
        index().remove(done.get(4).jobId());
        index().remove(done.get(5).jobId());
        // changed on disk behind the index's back: left out of the page and the total
        write(done.get(6).withStatus(JobStatus.DELETED, T0.plusSeconds(2)).withVersion(2), Instant.now());
        reads.set(0);
        JobPage p = query(succeeded);
        assertThat(p.jobs()).containsExactlyElementsOf(done.subList(7, 12));
        assertThat(p.total()).isEqualTo(23);
        assertThat(p.nextOffset()).isEqualTo(5);
        assertThat(reads).hasValue(6);
        assertThat(query(succeeded.withStatuses(Set.of(JobStatus.DELETING))).jobs())
                .containsExactlyElementsOf(done.subList(0, 4));
        assertThat(query(succeeded.withStatuses(Set.of(JobStatus.FAILED, JobStatus.DELETING))).total()).isEqualTo(14);
    }

    @Test
    void concurrentPutsAndRemovalsLeaveEachJobInExactlyOneStatusWithMatchingCounts() throws Exception {
        List<JobRecord> jobs = new ArrayList<>();
        List<BasicFileAttributes> attrs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            JobRecord r = put(record("svc" + (i % 2), T0.plusMillis(i), JobStatus.SUBMITTED, T0, null));
            jobs.add(r);
            attrs.add(RecordFile.attributes(index().folder(index().get(r.jobId()))));
        }
        JobStatus[] statuses = {JobStatus.EXECUTING, JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED};
        JobRecord succeeded = jobs.get(0).withStatus(JobStatus.SUCCEEDED, T0);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    for (int n = 0; n < 2000; n++) {
                        int i = random.nextInt(jobs.size());
                        if (i == 0) {
                            index().remove(jobs.get(0).jobId()); // one job comes and goes
                        }
                        index().put(jobs.get(i).withStatus(statuses[random.nextInt(statuses.length)], T0),
                                attrs.get(i));
                        index().query(JobQuery.all().withStatuses(Set.of(JobStatus.SUCCEEDED)).withPage(0, 3),
                                slot -> succeeded);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = 0;
        for (JobStatus s : JobStatus.values()) {
            List<String> expected = jobs.stream().map(JobRecord::jobId)
                    .filter(id -> index().get(id) != null && index().get(id).status() == s).toList();
            JobRecord any = jobs.get(0).withStatus(s, T0); // a matching read fills the page: the total is the count
            JobPage p = index().query(JobQuery.all().withStatuses(Set.of(s)).withPage(0, 1), slot -> any);
            assertThat(p.total()).as("count of %s", s).isEqualTo(expected.size());
            List<String> walked = new ArrayList<>();
            index().query(JobQuery.all().withStatuses(Set.of(s)).withOwner("nobody"), slot -> {
                walked.add(slot.jobId());
                return null;
            });
            assertThat(walked).isEmpty(); // the owner filter is applied to slots before any read
            total += p.total();
        }
        assertThat(total).isEqualTo(index().size());
        List<String> all = new ArrayList<>();
        index().query(JobQuery.all().withPage(0, JobQuery.MAX_LIMIT), slot -> {
            all.add(slot.jobId());
            return null;
        });
        assertThat(all).doesNotHaveDuplicates().hasSize(index().size());
    }

    @Test
    void aQueryWhileJobsMoveBetweenStatusesSeesEachJobExactlyOnce() throws Exception {
        // Recovery claims queued jobs while an admin lists them: each job must be listed once, never twice or not at
        // all, whichever status set it is in when the walk passes its place.
        List<JobRecord> jobs = new ArrayList<>();
        List<BasicFileAttributes> attrs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            JobRecord r = put(record("svc", T0.plusMillis(i), JobStatus.SUBMITTED, T0, null));
            jobs.add(r);
            attrs.add(RecordFile.attributes(index().folder(index().get(r.jobId()))));
        }
        JobStatus[] statuses = {JobStatus.SUBMITTED, JobStatus.WAITING, JobStatus.EXECUTING, JobStatus.SUCCEEDED};
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> movers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = t;
                movers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    while (!stop.get()) {
                        int i = random.nextInt(jobs.size());
                        index().put(jobs.get(i).withStatus(statuses[random.nextInt(statuses.length)], T0), attrs.get(i));
                    }
                    return null;
                }));
            }
            List<String> expected = jobs.stream().map(JobRecord::jobId).sorted().toList();
            for (int round = 0; round < 300; round++) {
                List<String> listed = new ArrayList<>();
                index().query(JobQuery.all().withPage(0, 1000), slot -> {
                    listed.add(slot.jobId());
                    return null;
                });
                assertThat(listed).as("round %d", round).doesNotHaveDuplicates();
                assertThat(listed.stream().sorted().toList()).as("round %d", round).isEqualTo(expected);
            }
            stop.set(true);
            for (Future<?> f : movers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void aRemovedJobLeavesEveryQuery() throws IOException {
        JobRecord a = put(record("svc", T0, JobStatus.SUCCEEDED, T0, "alice"));
        JobRecord b = put(record("svc", T0, JobStatus.SUCCEEDED, T0, "alice"));
        index().remove(a.jobId());
        assertThat(query(JobQuery.all()).jobs()).containsExactly(b);
        assertThat(query(JobQuery.all().withOwner("alice")).total()).isEqualTo(1);
        assertThat(index().get(a.jobId())).isNull();
        assertThat(index().size()).isEqualTo(1);
    }

    @Test
    void aRecordChangedSinceItWasIndexedIsLeftOutWhenItNoLongerMatches() throws IOException {
        JobRecord a = put(record("svc", T0, JobStatus.EXECUTING, T0, null));
        JobRecord b = put(record("svc", T0.plusSeconds(1), JobStatus.EXECUTING, T0, null));
        write(a.withStatus(JobStatus.FAILED, T0.plusSeconds(3)).withVersion(2), Instant.now()); // no put
        JobPage p = query(JobQuery.all().withStatuses(Set.of(JobStatus.EXECUTING)));
        assertThat(p.jobs()).containsExactly(b);
        assertThat(p.total()).isEqualTo(1);
    }

    @Test
    void refreshSeesWhatAnotherWriterChanged() throws IOException {
        Instant old = Instant.now().minusSeconds(3600);
        JobRecord a = write(record("svc", T0, JobStatus.EXECUTING, T0, null), old);
        JobRecord b = write(record("svc", T0.plusSeconds(1), JobStatus.EXECUTING, T0, null), old);
        JobRecord c = write(record("other", T0.plusSeconds(2), JobStatus.EXECUTING, T0, null), old);
        refresh();
        assertThat(query(JobQuery.all()).jobs()).containsExactly(a, b, c);

        JobRecord a2 = write(a.withStatus(JobStatus.SUCCEEDED, T0.plusSeconds(9)).withVersion(2), old.plusSeconds(1));
        AtomicFiles.deleteTree(root.resolve(Names.serviceFolder("svc")).resolve(b.jobId()));
        JobRecord d = write(record("other", T0.plusSeconds(3), JobStatus.NEW, T0, "bob"), old);
        refresh();
        assertThat(query(JobQuery.all().withStatuses(Set.of(JobStatus.EXECUTING))).jobs()).containsExactly(c);
        assertThat(query(JobQuery.all().withStatuses(Set.of(JobStatus.SUCCEEDED))).jobs()).containsExactly(a2);
        assertThat(query(JobQuery.all()).jobs()).containsExactly(a2, c, d);
        assertThat(index().get(b.jobId())).isNull();
        assertThat(corrupt).isEmpty();
    }

    @Test
    void aSettledUnchangedRecordIsNotReadAgainByRefresh() throws IOException {
        Instant old = Instant.now().minusSeconds(3600);
        JobRecord a = write(record("svc", T0, JobStatus.EXECUTING, T0, null), old);
        refresh();
        // overwrite in place (same file, same size, same time): only reading it again would notice
        Path file = root.resolve(Names.serviceFolder("svc")).resolve(a.jobId()).resolve(Names.RECORD);
        byte[] garbage = new byte[(int) Files.size(file)];
        Arrays.fill(garbage, (byte) 'x');
        Files.write(file, garbage);
        Files.setLastModifiedTime(file, FileTime.from(old));
        refresh();
        assertThat(corrupt).isEmpty();
        assertThat(index().get(a.jobId())).isNotNull();

        Files.setLastModifiedTime(file, FileTime.from(old.plusSeconds(1))); // now it changed: read and reported
        refresh();
        assertThat(corrupt).containsExactly(a.jobId());
    }

    @Test
    void aJobThisStorePutDuringARefreshSurvivesIt() throws IOException {
        JobRecord a = put(record("svc", T0, JobStatus.EXECUTING, T0, null));
        // its folder vanished before the refresh listed it: kept by this refresh (this store put it since the last
        // one, maybe after the listing), dropped by the next
        AtomicFiles.deleteTree(root.resolve(Names.serviceFolder("svc")).resolve(a.jobId()));
        refresh();
        assertThat(index().get(a.jobId())).isNotNull();
        refresh();
        assertThat(index().get(a.jobId())).isNull();
        assertThat(query(JobQuery.all()).total()).isZero();
    }

    @Test
    void aRecordTheOnlyWriterWroteInItsEpochIsNotReadAgainByRefresh() throws IOException {
        // as the store writes while it is the only writer: no stat after the write, the epoch noted in the slot
        JobRecord a = write(record("svc", T0, JobStatus.EXECUTING, T0, null), Instant.now());
        JobRecord b = write(record("svc", T0.plusSeconds(1), JobStatus.EXECUTING, T0, null), Instant.now());
        index().put(a, null).written(7, a.version());
        index().put(b, null).written(7, b.version());
        Path fileA = root.resolve(Names.serviceFolder("svc")).resolve(a.jobId()).resolve(Names.RECORD);
        Files.write(fileA, "not a record".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.setLastModifiedTime(fileA, FileTime.from(Instant.now().minusSeconds(60)));
        AtomicFiles.deleteTree(root.resolve(Names.serviceFolder("svc")).resolve(b.jobId()));

        refresh(7); // still sole in epoch 7: a is taken as the store wrote it; b's folder is gone, so b is forgotten
        refresh(7);
        assertThat(corrupt).isEmpty();
        assertThat(index().get(a.jobId())).isNotNull();
        assertThat(index().get(b.jobId())).isNull();

        refresh(8); // a later sole spell trusts nothing written before it: the file is read and found corrupt
        assertThat(corrupt).containsExactly(a.jobId());
    }

    @Test
    void aRecordWrittenWhileSharingIsReadAgainByRefresh() throws IOException {
        JobRecord a = write(record("svc", T0, JobStatus.EXECUTING, T0, null), Instant.now());
        index().put(a, null).written(0, a.version()); // written while other processes may write too
        Path fileA = root.resolve(Names.serviceFolder("svc")).resolve(a.jobId()).resolve(Names.RECORD);
        Files.write(fileA, "not a record".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refresh(7);
        assertThat(corrupt).containsExactly(a.jobId());
    }
}
