package io.gpjobs.testkit;

import static io.gpjobs.testkit.ContractRecords.T0;
import static io.gpjobs.testkit.ContractRecords.fullRecord;
import static io.gpjobs.testkit.ContractRecords.newJobId;
import static io.gpjobs.testkit.ContractRecords.newRecord;
import static io.gpjobs.testkit.ContractRecords.sampleInputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobStore} must show, as an abstract JUnit 5 suite: a store's test class extends it
 * and says how to open the store. It covers the whole {@code JobStore} contract: create/read, compare-and-set
 * updates and conflicts under concurrent writers, inputs and results, queries with filters and stable paging,
 * files and the scratch folder, path and job-id validation, idempotent delete, and (for stores with persistence)
 * every record, value and file surviving a reopen.
 *
 * <p>Each test gets a fresh store from {@link #openStore()} on empty storage and closes it afterwards.
 * Reopen tests close the store and call {@link #reopenStore()}; a store without persistence (the in-memory one)
 * returns false from {@link #supportsReopen()} and those tests are skipped as not applicable to it.
 *
 * <p>Instants are expected back exactly as stored, to the microsecond at least (what {@code Clock.systemUTC()}
 * gives); the fixtures use microsecond precision.
 */
public abstract class JobStoreContract {

    private JobStore store;

    /** For subclasses: a store's test class. */
    protected JobStoreContract() {
    }

    /** Opens a store on new, empty storage (a fresh directory, container or map). Called before each test. */
    protected abstract JobStore openStore();

    /**
     * Opens a new store on the same storage as the last {@link #openStore()}, which the suite has closed first.
     * Only called when {@link #supportsReopen()} is true.
     */
    protected abstract JobStore reopenStore();

    /** Whether the store keeps records across close and reopen; the in-memory store answers false. */
    protected boolean supportsReopen() {
        return true;
    }

    /** The store under test. */
    protected final JobStore store() {
        return store;
    }

    @BeforeEach
    final void openTheStore() {
        store = openStore();
    }

    @AfterEach
    final void closeTheStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Closes the store under test and reopens it on the same storage. */
    protected final JobStore reopen() {
        store.close();
        store = null;
        store = reopenStore();
        return store;
    }

    // ---------------------------------------------------------------- create / read / update

    @Test
    void createStoresVersionOneAndReadReturnsEveryField() {
        JobRecord full = fullRecord(newJobId());
        JobRecord created = store.create(full, Map.of());

        assertThat(created).isEqualTo(full.withVersion(1));
        assertThat(store.read(full.jobId())).contains(full.withVersion(1));
        JobRecord minimal = newRecord(newJobId(), "svc", T0, null);
        assertThat(store.create(minimal, Map.of()).version()).isEqualTo(1);
        assertThat(store.read(minimal.jobId())).contains(minimal.withVersion(1));
    }

    @Test
    void readOfAnUnknownJobIsEmpty() {
        assertThat(store.read(newJobId())).isEmpty();
    }

    @Test
    void createOfAnExistingIdConflictsAndKeepsTheFirstRecordAndInputs() {
        String id = newJobId();
        JobRecord first = newRecord(id, "first", T0, "alice");
        store.create(first, sampleInputs());

        JobRecord second = newRecord(id, "second", T0.plusSeconds(5), "mallory");
        assertThatThrownBy(() -> store.create(second, Map.of("x", new StoredValue("GPLong", "1"))))
                .isInstanceOf(JobConflictException.class);

        assertThat(store.read(id)).contains(first.withVersion(1));
        assertThat(store.inputs(id)).isEqualTo(sampleInputs());
    }

    @Test
    void concurrentCreatesOfOneIdLetExactlyOneWin() throws Exception {
        String id = newJobId();
        int writers = 6;
        List<Boolean> outcomes = runConcurrently(writers, w -> {
            try {
                store.create(newRecord(id, "svc-" + w, T0, "w" + w), Map.of());
                return true;
            } catch (JobConflictException e) {
                return false;
            }
        });
        assertThat(outcomes.stream().filter(b -> b).count()).isEqualTo(1);
        int winner = outcomes.indexOf(true);
        assertThat(store.read(id)).contains(newRecord(id, "svc-" + winner, T0, "w" + winner).withVersion(1));
    }

    @Test
    void updateIncrementsTheVersionAndKeepsInputsAndResults() {
        String id = newJobId();
        JobRecord v1 = store.create(newRecord(id, "svc", T0, null), sampleInputs());
        store.putResults(id, Map.of("Out", new StoredValue("GPString", "\"done\"")));

        JobRecord executing = v1.withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)).withStarted(T0.plusSeconds(1))
                .withLease("node-1", T0.plusSeconds(31)).withAttempt(2); // the attempt is kept like every field
        JobRecord v2 = store.update(executing);

        assertThat(v2).isEqualTo(executing.withVersion(2));
        assertThat(store.read(id)).contains(v2);
        JobRecord v3 = store.update(v2.withMessages(List.of(JobMessage.info("step"))).withCancelRequested(true));
        assertThat(v3.version()).isEqualTo(3);
        assertThat(store.read(id)).contains(v3);
        assertThat(store.inputs(id)).isEqualTo(sampleInputs());
        assertThat(store.results(id)).containsOnlyKeys("Out");
    }

    @Test
    void updateWithAStaleOrFutureVersionConflictsAndChangesNothing() {
        String id = newJobId();
        JobRecord v1 = store.create(newRecord(id, "svc", T0, null), Map.of());
        JobRecord v2 = store.update(v1.withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)));

        assertThatThrownBy(() -> store.update(v1.withStatus(JobStatus.CANCELLED, T0.plusSeconds(2))))
                .isInstanceOf(JobConflictException.class);
        assertThatThrownBy(() -> store.update(v2.withVersion(7).withStatus(JobStatus.FAILED, T0.plusSeconds(2))))
                .isInstanceOf(JobConflictException.class);
        assertThat(store.read(id)).contains(v2);
    }

    @Test
    void updateOfAMissingRecordIsNotFound() {
        JobRecord never = newRecord(newJobId(), "svc", T0, null).withVersion(1);
        assertThatThrownBy(() -> store.update(never)).isInstanceOf(JobNotFoundException.class);
        assertThat(store.read(never.jobId())).isEmpty();
    }

    @Test
    void concurrentCompareAndSetIncrementsLoseNoUpdate() throws Exception {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        int threads = 4;
        int increments = 25;
        List<Integer> successes = runConcurrently(threads, t -> {
            int done = 0;
            int attempts = 0;
            while (done < increments) {
                if (++attempts > 100_000) {
                    throw new AssertionError("writer " + t + " made no progress");
                }
                JobRecord current = store.read(id).orElseThrow();
                List<JobMessage> msgs = new ArrayList<>(current.messages());
                msgs.add(JobMessage.info("w" + t + "-" + done));
                try {
                    store.update(current.withMessages(msgs));
                    done++;
                } catch (JobConflictException e) {
                    // lost the race: re-read and retry
                }
            }
            return done;
        });

        assertThat(successes).containsOnly(increments);
        JobRecord last = store.read(id).orElseThrow();
        assertThat(last.version()).isEqualTo(1L + threads * increments);
        assertThat(last.messages()).hasSize(threads * increments).doesNotHaveDuplicates();
    }

    // ---------------------------------------------------------------- inputs and results

    @Test
    void inputsAreStoredWithTheRecord() {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), sampleInputs());
        String none = newJobId();
        store.create(newRecord(none, "svc", T0, null), Map.of());

        assertThat(store.inputs(id)).isEqualTo(sampleInputs());
        assertThat(store.inputs(none)).isEmpty();
        assertThat(store.inputs(newJobId())).isEmpty();
    }

    @Test
    void resultsArePutAndReplaced() {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        assertThat(store.results(id)).isEmpty();

        store.putResults(id, Map.of("A", new StoredValue("GPLong", "1"), "B", new StoredValue("GPString", "\"b\"")));
        assertThat(store.results(id)).isEqualTo(
                Map.of("A", new StoredValue("GPLong", "1"), "B", new StoredValue("GPString", "\"b\"")));

        store.putResults(id, Map.of("C", new StoredValue("GPDouble", "2.5")));
        assertThat(store.results(id)).isEqualTo(Map.of("C", new StoredValue("GPDouble", "2.5")));
        store.putResults(id, Map.of()); // a later run without outputs leaves none of the earlier ones
        assertThat(store.results(id)).isEmpty();
        assertThat(store.results(newJobId())).isEmpty();
    }

    @Test
    void resultsOfAMissingJobAreNotFound() {
        String id = newJobId();
        assertThatThrownBy(() -> store.putResults(id, Map.of("A", new StoredValue("GPLong", "1"))))
                .isInstanceOf(JobNotFoundException.class);
        assertThat(store.results(id)).isEmpty();
    }

    // ---------------------------------------------------------------- queries

    @Test
    void queriesFilterAndPageInStableOrder() {
        List<JobRecord> all = createQueryFixture();
        Comparator<JobRecord> order = Comparator.comparing(JobRecord::submitted).thenComparing(JobRecord::jobId);
        List<JobRecord> sorted = all.stream().sorted(order).toList();

        JobPage everything = store.query(JobQuery.all().withPage(0, 1000));
        assertThat(everything.jobs()).containsExactlyElementsOf(sorted);
        assertThat(everything.total()).isEqualTo(all.size());
        assertThat(everything.nextOffset()).isEqualTo(-1);

        assertThat(pageThrough(JobQuery.all(), 37, all.size())).containsExactlyElementsOf(sorted);

        assertQuery(all, order, JobQuery.all().withService("beta"), r -> r.serviceName().equals("beta"));
        Set<JobStatus> running = Set.of(JobStatus.EXECUTING, JobStatus.SUCCEEDED);
        assertQuery(all, order, JobQuery.all().withStatuses(running), r -> running.contains(r.status()));
        assertQuery(all, order, JobQuery.all().withStatuses(Set.of(JobStatus.SUBMITTED)),
                r -> r.status() == JobStatus.SUBMITTED);
        assertQuery(all, order, JobQuery.all().withSubmittedBetween(T0.plusSeconds(20), T0.plusSeconds(60)),
                r -> !r.submitted().isBefore(T0.plusSeconds(20)) && r.submitted().isBefore(T0.plusSeconds(60)));
        assertQuery(all, order, JobQuery.all().withSubmittedBetween(T0.plusSeconds(100), null),
                r -> !r.submitted().isBefore(T0.plusSeconds(100)));
        assertQuery(all, order, JobQuery.all().withUpdatedBefore(T0.plusSeconds(1100)),
                r -> r.updated().isBefore(T0.plusSeconds(1100)));
        assertQuery(all, order, JobQuery.all().withOwner("user3"), r -> "user3".equals(r.owner()));
        assertQuery(all, order,
                JobQuery.all().withService("alpha").withStatuses(Set.of(JobStatus.SUBMITTED)).withOwner("user1"),
                r -> r.serviceName().equals("alpha") && r.status() == JobStatus.SUBMITTED
                        && "user1".equals(r.owner()));
        assertQuery(all, order, JobQuery.all().withService("no-such-service"), r -> false);
    }

    @Test
    void pagesPastTheEndAreEmptyAndAnExactLastPageEndsPaging() {
        List<JobRecord> all = createQueryFixture();
        int total = all.size();

        JobPage past = store.query(JobQuery.all().withPage(total + 50, 10));
        assertThat(past.jobs()).isEmpty();
        assertThat(past.total()).isEqualTo(total);
        assertThat(past.nextOffset()).isEqualTo(-1);

        JobPage last = store.query(JobQuery.all().withPage(total - 40, 40));
        assertThat(last.jobs()).hasSize(40);
        assertThat(last.nextOffset()).isEqualTo(-1);

        JobPage before = store.query(JobQuery.all().withPage(total - 41, 40));
        assertThat(before.nextOffset()).isEqualTo(total - 1);
    }

    @Test
    void anEngineListsEveryPageWithItsTotalAndStreamsAllJobsWhileTheyAreDeleted() {
        ListingCheck.check(store);
    }

    @Test
    void deletedJobsLeaveQueries() {
        List<JobRecord> all = createQueryFixture();
        String gone = all.get(3).jobId();
        assertThat(store.delete(gone)).isTrue();
        JobPage page = store.query(JobQuery.all().withPage(0, 1000));
        assertThat(page.jobs()).extracting(JobRecord::jobId).doesNotContain(gone);
        assertThat(page.total()).isEqualTo(all.size() - 1);
    }

    /**
     * 240 records over three services, five owners (and anonymous), pairs with equal submitted times, a mix of
     * statuses reached by updates (so the query must see updates), and later updated times for the updated ones.
     */
    private List<JobRecord> createQueryFixture() {
        String[] services = {"alpha", "beta", "gamma"};
        List<JobRecord> all = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String owner = i % 4 == 0 ? null : "user" + (i % 5);
            JobRecord r = store.create(
                    newRecord(newJobId(), services[i % 3], T0.plusSeconds(i / 2), owner), Map.of());
            Instant t = T0.plusSeconds(1000 + i);
            if (i % 5 == 0 || i % 5 == 1) {
                r = store.update(r.withStatus(JobStatus.EXECUTING, t).withStarted(t));
            }
            if (i % 5 == 1) {
                r = store.update(r.withStatus(JobStatus.SUCCEEDED, t.plusMillis(5)).withEnded(t));
            }
            if (i % 5 == 2) {
                r = store.update(r.withStatus(JobStatus.CANCELLED, t).withEnded(t));
            }
            all.add(r);
        }
        return all;
    }

    private void assertQuery(List<JobRecord> all, Comparator<JobRecord> order, JobQuery q, Predicate<JobRecord> p) {
        List<JobRecord> expected = all.stream().filter(p).sorted(order).toList();
        JobPage first = store.query(q.withPage(0, JobQuery.MAX_LIMIT));
        assertThat(first.jobs()).as("query %s", q).containsExactlyElementsOf(expected);
        assertThat(first.total()).as("total of %s", q).isEqualTo(expected.size());
        assertThat(first.nextOffset()).isEqualTo(-1);
        assertThat(pageThrough(q, 7, expected.size())).as("paged %s", q).containsExactlyElementsOf(expected);
    }

    private List<JobRecord> pageThrough(JobQuery q, int pageSize, int expectedTotal) {
        List<JobRecord> seen = new ArrayList<>();
        int offset = 0;
        for (int pages = 0; offset != -1; pages++) {
            assertThat(pages).as("page count of %s", q).isLessThanOrEqualTo(expectedTotal / pageSize + 1);
            JobPage page = store.query(q.withPage(offset, pageSize));
            assertThat(page.total()).isEqualTo(expectedTotal);
            assertThat(page.jobs().size()).isLessThanOrEqualTo(pageSize);
            seen.addAll(page.jobs());
            int expectedNext = offset + page.jobs().size() < expectedTotal ? offset + page.jobs().size() : -1;
            assertThat(page.nextOffset()).as("nextOffset after offset %d of %s", offset, q).isEqualTo(expectedNext);
            offset = page.nextOffset();
        }
        return seen;
    }

    // ---------------------------------------------------------------- files

    @Test
    void filesAreWrittenReadListedAndOverwritten() throws IOException {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), sampleInputs());
        byte[] big = new byte[200_000];
        new Random(42).nextBytes(big);

        store.writeFile(id, "report.txt", text("first"));
        store.writeFile(id, "out/deep/data.bin", new ByteArrayInputStream(big));
        assertThat(readAll(id, "report.txt")).isEqualTo("first".getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(id, "out/deep/data.bin")).isEqualTo(big);

        store.writeFile(id, "report.txt", text("second, longer than the first"));
        assertThat(new String(readAll(id, "report.txt"), StandardCharsets.UTF_8))
                .isEqualTo("second, longer than the first");
        assertThat(store.listFiles(id)).containsExactly("out/deep/data.bin", "report.txt");
        assertThat(store.readFile(id, "missing.txt")).isEmpty();
        assertThat(store.readFile(newJobId(), "report.txt")).isEmpty();
        assertThat(store.listFiles(newJobId())).isEmpty();
    }

    @Test
    void aFailedWriteLeavesThePreviousContent() throws IOException {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        store.writeFile(id, "a.txt", text("complete"));

        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 10_000) {
                    throw new IOException("source broke");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.writeFile(id, "a.txt", failing)).isInstanceOf(IOException.class);
        assertThat(new String(readAll(id, "a.txt"), StandardCharsets.UTF_8)).isEqualTo("complete");
        assertThat(store.listFiles(id)).containsExactly("a.txt");
    }

    @Test
    void scratchFilesAreListedUnderScratchAfterPersist() throws IOException {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        Path scratch = store.scratchFolder(id);
        assertThat(scratch).isDirectory();
        assertThat(store.scratchFolder(id)).isEqualTo(scratch);

        Files.createDirectories(scratch.resolve("out"));
        Files.writeString(scratch.resolve("out/result.txt"), "from the task");
        Files.writeString(scratch.resolve("log.txt"), "log");
        store.persistScratch(id);
        store.writeFile(id, "kept.txt", text("k"));

        assertThat(store.listFiles(id)).containsExactly("kept.txt", "scratch/log.txt", "scratch/out/result.txt");
        assertThat(new String(readAll(id, "scratch/out/result.txt"), StandardCharsets.UTF_8))
                .isEqualTo("from the task");
    }

    @Test
    void pathsThatEscapeTheJobAreRejected() throws IOException {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        List<String> bad = List.of("..", "../x", "a/../../x", "a/..", "/etc/passwd", "/", "", "x/../y");
        for (String path : bad) {
            assertThatThrownBy(() -> store.writeFile(id, path, text("evil")))
                    .as("writeFile '%s'", path).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + path + "'");
            assertThatThrownBy(() -> store.readFile(id, path))
                    .as("readFile '%s'", path).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + path + "'");
        }
        assertThat(store.listFiles(id)).isEmpty();
    }

    @Test
    void invalidJobIdsAreRejectedByEveryMethod() {
        String hex = "0123456789abcdef0123456789abcdef";
        List<String> bad = new ArrayList<>(List.of("", "j123", "J" + hex, "j" + hex.toUpperCase(), "../" + "j" + hex,
                "j" + hex + "/x", "j" + hex + "0", "j" + hex.substring(1) + "/"));
        bad.add(null);
        Map<String, StoredValue> one = Map.of("A", new StoredValue("GPLong", "1"));
        for (String id : bad) {
            List<Callable<?>> calls = List.of(
                    () -> store.read(id), () -> store.delete(id), () -> store.inputs(id),
                    () -> store.results(id), () -> {
                        store.putResults(id, one);
                        return null;
                    }, () -> store.scratchFolder(id), () -> {
                        store.persistScratch(id);
                        return null;
                    }, () -> {
                        store.writeFile(id, "a.txt", text("x"));
                        return null;
                    }, () -> store.readFile(id, "a.txt"), () -> store.listFiles(id));
            for (int i = 0; i < calls.size(); i++) {
                Callable<?> call = calls.get(i);
                assertThatThrownBy(call::call).as("method #%d with jobId '%s'", i, id)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesEverythingAndIsIdempotent() throws IOException {
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), sampleInputs());
        store.putResults(id, Map.of("A", new StoredValue("GPLong", "1")));
        store.writeFile(id, "f.txt", text("f"));
        Path scratch = store.scratchFolder(id);
        Files.writeString(scratch.resolve("s.txt"), "s");
        store.persistScratch(id);

        assertThat(store.delete(id)).isTrue();
        assertThat(store.read(id)).isEmpty();
        assertThat(store.inputs(id)).isEmpty();
        assertThat(store.results(id)).isEmpty();
        assertThat(store.listFiles(id)).isEmpty();
        assertThat(store.readFile(id, "f.txt")).isEmpty();
        assertThat(scratch).doesNotExist();
        assertThat(store.delete(id)).isFalse();
        assertThat(store.delete(newJobId())).isFalse();

        JobRecord again = store.create(newRecord(id, "svc", T0.plusSeconds(9), null), Map.of());
        assertThat(again.version()).isEqualTo(1);
        assertThat(store.inputs(id)).isEmpty();
    }

    // ---------------------------------------------------------------- reopen

    @Test
    void recordsValuesAndFilesSurviveAReopen() throws IOException {
        assumeTrue(supportsReopen(), "store keeps no state across a reopen");
        JobRecord full = store.create(fullRecord(newJobId()), sampleInputs());
        String id = full.jobId();
        store.putResults(id, Map.of("Out", new StoredValue("GPString", "\"ok\"")));
        store.writeFile(id, "dir/f.txt", text("file"));
        Files.writeString(store.scratchFolder(id).resolve("s.txt"), "scratch");
        store.persistScratch(id);
        JobRecord updated = store.update(full.withMessages(List.of(JobMessage.info("again"))));
        List<JobRecord> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(store.create(newRecord(newJobId(), "other", T0.plusSeconds(i), "u" + (i % 3)), Map.of()));
        }
        String deleted = others.remove(5).jobId();
        store.delete(deleted);

        JobStore reopened = reopen();

        assertThat(reopened.read(id)).contains(updated);
        assertThat(reopened.read(deleted)).isEmpty();
        assertThat(reopened.inputs(id)).isEqualTo(sampleInputs());
        assertThat(reopened.results(id)).isEqualTo(Map.of("Out", new StoredValue("GPString", "\"ok\"")));
        assertThat(reopened.listFiles(id)).containsExactly("dir/f.txt", "scratch/s.txt");
        assertThat(new String(readAll(id, "dir/f.txt"), StandardCharsets.UTF_8)).isEqualTo("file");
        assertThat(reopened.query(JobQuery.all().withService("other").withPage(0, 100)).jobs())
                .containsExactlyElementsOf(others);
        assertThat(reopened.query(JobQuery.all().withOwner("u1").withPage(0, 100)).jobs())
                .containsExactlyElementsOf(others.stream().filter(r -> "u1".equals(r.owner())).toList());

        assertThatThrownBy(() -> reopened.update(full)).isInstanceOf(JobConflictException.class);
        assertThat(reopened.update(updated.withStatus(JobStatus.SUCCEEDED, T0.plusSeconds(99))).version())
                .isEqualTo(updated.version() + 1);
        assertThatThrownBy(() -> reopened.create(newRecord(id, "x", T0, null), Map.of()))
                .isInstanceOf(JobConflictException.class);
    }

    @Test
    void aStoreReopenedTwiceStillSeesEveryStatus() {
        assumeTrue(supportsReopen(), "store keeps no state across a reopen");
        Map<String, JobStatus> expected = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            JobRecord r = store.create(newRecord(newJobId(), "svc", T0.plusSeconds(i), null), Map.of());
            if (i % 2 == 0) {
                r = store.update(r.withStatus(JobStatus.EXECUTING, T0.plusSeconds(100 + i)));
            }
            expected.put(r.jobId(), r.status());
        }
        reopen();
        reopen();
        Map<String, JobStatus> seen = store.query(JobQuery.all().withPage(0, 100)).jobs().stream()
                .collect(Collectors.toMap(JobRecord::jobId, JobRecord::status));
        assertThat(seen).isEqualTo(expected);
        assertThat(store.query(JobQuery.all().withStatuses(Set.of(JobStatus.EXECUTING))).total()).isEqualTo(15);
    }

    // ---------------------------------------------------------------- helpers

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] readAll(String jobId, String path) throws IOException {
        Optional<InputStream> in = store.readFile(jobId, path);
        assertThat(in).as("file %s of %s", path, jobId).isPresent();
        try (InputStream s = in.get()) {
            return s.readAllBytes();
        }
    }

    /** A task each of {@code n} threads runs at once; returns each thread's result in thread order. */
    @FunctionalInterface
    protected interface Worker<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code n} workers at once (released together), bounded by one minute, and returns their results. */
    protected static <T> List<T> runConcurrently(int n, Worker<T> worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return worker.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("workers did not stop");
            }
        }
    }
}
