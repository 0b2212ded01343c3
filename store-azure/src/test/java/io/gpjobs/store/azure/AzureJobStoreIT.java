package io.gpjobs.store.azure;

import static io.gpjobs.testkit.ContractRecords.T0;
import static io.gpjobs.testkit.ContractRecords.newJobId;
import static io.gpjobs.testkit.ContractRecords.newRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Azure-specific behaviour beyond the contract, against Azurite: values past Azure's property and entity limits
 * spill to blobs transparently, service names with characters Azure forbids in keys work, two stores on one
 * account see each other's writes, orphans are swept, and the requests of a job lifecycle are counted.
 */
class AzureJobStoreIT {

    private final RequestCounter counter = new RequestCounter();
    private AzureJobStoreConfig config;
    private JobStore store;
    private final List<JobStore> others = new ArrayList<>();

    @BeforeEach
    void open() {
        config = Azurite.config().requestObserver(counter).build();
        store = new AzureJobStoreProvider().open(config);
    }

    @AfterEach
    void close() {
        store.close();
        others.forEach(JobStore::close);
    }

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    private JobStore second() {
        return second(true);
    }

    /** Another store on the same container and table, without this test's request observer. */
    private JobStore second(boolean writeResultsWithNextUpdate) {
        JobStore s = new AzureJobStoreProvider().open(config.toBuilder().requestObserver(null)
                .writeResultsWithNextUpdate(writeResultsWithNextUpdate).build());
        others.add(s);
        return s;
    }

    private BlobContainerClient container() {
        return new BlobServiceClientBuilder().connectionString(config.connectionString()).buildClient()
                .getBlobContainerClient(config.container());
    }

    private List<String> internalBlobs(String jobId) {
        return container().listBlobs().stream().map(BlobItem::getName)
                .filter(n -> n.contains("/" + jobId + "/.gpjobs/")).toList();
    }

    @Test
    void messagesInputsAndResultsPastAzuresLimitsSpillToBlobs() throws IOException {
        String id = newJobId();
        // 40,000 characters: Azure (and Azurite) reject such a string property with PropertyValueTooLarge.
        String huge = "x".repeat(40_000);
        Map<String, StoredValue> inputs = Map.of("Big", new StoredValue("GPString", "\"" + huge + "\""));
        JobRecord v1 = store.create(newRecord(id, "svc", T0, null), inputs);
        Map<String, StoredValue> results = Map.of("Out", new StoredValue("GPString", "\"" + "z".repeat(600_000) + "\""));
        store.putResults(id, results); // held: written with the next update
        List<JobMessage> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            messages.add(JobMessage.info("message " + i + " " + "y".repeat(4000))); // 1.2 M chars: past 1 MiB
        }
        JobRecord v2 = store.update(v1.withMessages(messages));

        assertThat(internalBlobs(id)).hasSize(3);
        assertThat(store.listFiles(id)).isEmpty();
        JobStore other = second();
        assertThat(other.read(id).equals(Optional.of(v2))).as("record with 1.2 M chars of messages round-trips").isTrue();
        assertThat(other.inputs(id).equals(inputs)).as("40,000-char input round-trips").isTrue();
        assertThat(other.results(id).equals(results)).as("600,000-char result round-trips").isTrue();

        // a later small update moves the body back inline and removes the superseded blob
        JobRecord v3 = store.update(v2.withMessages(List.of(JobMessage.info("short"))));
        assertThat(other.read(id)).contains(v3);
        assertThat(other.results(id).equals(results)).isTrue();
        assertThat(internalBlobs(id)).hasSize(2);
        assertThat(store.delete(id)).isTrue();
        assertThat(internalBlobs(id)).isEmpty();
    }

    @Test
    void aLoserOfACompareAndSetLeavesNoSpilledBlob() {
        String id = newJobId();
        JobRecord v1 = store.create(newRecord(id, "svc", T0, null), Map.of());
        JobStore other = second();
        other.update(other.read(id).orElseThrow().withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)));
        List<JobMessage> big = List.of(JobMessage.info("m".repeat(50_000)));
        assertThatThrownBy(() -> store.update(v1.withMessages(big))).isInstanceOf(JobConflictException.class);
        assertThat(internalBlobs(id)).isEmpty();
    }

    @Test
    void serviceNamesWithCharactersAzureForbidsInKeysWork() throws IOException {
        List<String> names = List.of("Routing/Solve", "back\\slash", "hash#tag", "what?", "tab\tbed", "100% 'q'",
                "trailing.");
        List<JobRecord> created = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            JobRecord r = store.create(newRecord(newJobId(), names.get(i), T0.plusSeconds(i), null), Map.of());
            store.writeFile(r.jobId(), "f.txt", new ByteArrayInputStream(new byte[] {1}));
            created.add(r);
        }
        JobStore other = second();
        for (int i = 0; i < names.size(); i++) {
            assertThat(other.read(created.get(i).jobId())).contains(created.get(i));
            assertThat(other.query(JobQuery.all().withService(names.get(i))).jobs()).containsExactly(created.get(i));
            assertThat(other.listFiles(created.get(i).jobId())).containsExactly("f.txt");
        }
    }

    @Test
    void queriesWithManyStatusesAndQuotedValuesAreExact() {
        List<JobRecord> all = new ArrayList<>();
        JobStatus[] statuses = {JobStatus.SUBMITTED, JobStatus.EXECUTING, JobStatus.SUCCEEDED, JobStatus.FAILED,
            JobStatus.CANCELLED, JobStatus.TIMED_OUT, JobStatus.WAITING, JobStatus.CANCELLING};
        for (int i = 0; i < statuses.length; i++) {
            JobRecord r = store.create(newRecord(newJobId(), i % 2 == 0 ? "it's" : "other", T0.plusSeconds(i),
                    i % 3 == 0 ? "o'neil" : "x"), Map.of());
            if (statuses[i] != JobStatus.SUBMITTED) {
                r = store.update(r.withStatus(statuses[i], T0.plusSeconds(100 + i)));
            }
            all.add(r);
        }
        java.util.Set<JobStatus> seven = java.util.EnumSet.copyOf(List.of(statuses).subList(0, 7));
        assertThat(store.query(JobQuery.all().withStatuses(seven)).jobs())
                .containsExactlyElementsOf(all.stream().filter(r -> seven.contains(r.status())).toList());
        assertThat(store.query(JobQuery.all().withService("it's").withOwner("o'neil")).jobs())
                .containsExactlyElementsOf(all.stream()
                        .filter(r -> r.serviceName().equals("it's") && "o'neil".equals(r.owner())).toList());
    }

    /** Drops the response of the n-th request with a given method after the service applied it. */
    static final class LosingObserver implements AzureRequestObserver {
        private volatile String method;
        private final java.util.concurrent.atomic.AtomicInteger countdown = new java.util.concurrent.atomic.AtomicInteger(-1);
        final java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();

        void loseNth(String m, int n) {
            method = m;
            countdown.set(n);
        }

        @Override
        public void onResponse(String service, String m, String path, int statusCode) {
            if (m.equals(method) && statusCode < 300 && countdown.decrementAndGet() == 0) {
                lost.incrementAndGet();
                throw new java.io.UncheckedIOException(new IOException("connection reset (response lost)"));
            }
        }
    }

    @Test
    void lostResponsesAreRetriedWithoutLosingOrCorruptingWrites() {
        LosingObserver losing = new LosingObserver();
        JobStore lossy = new AzureJobStoreProvider().open(config.toBuilder().requestObserver(losing)
                .inlineLimitChars(100).writeResultsWithNextUpdate(false).build());
        others.add(lossy);
        JobStore other = second();
        for (int n = 1; n <= 2; n++) { // the index insert, then the record insert
            String id = newJobId();
            losing.loseNth("POST", n);
            JobRecord created = lossy.create(newRecord(id, "svc", T0, null), ContractRecordsAccess.inputs());
            assertThat(other.read(id)).contains(created);
            assertThat(other.inputs(id)).isEqualTo(ContractRecordsAccess.inputs());
        }
        String id = newJobId();
        JobRecord v1 = lossy.create(newRecord(id, "svc", T0, null), Map.of());
        losing.loseNth("PUT", 1);
        List<JobMessage> spilled = List.of(JobMessage.info("m".repeat(500)));
        JobRecord v2 = lossy.update(v1.withMessages(spilled));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(other.read(id)).contains(v2);
        losing.loseNth("PATCH", 1);
        lossy.putResults(id, Map.of("R", new StoredValue("GPString", "\"" + "r".repeat(500) + "\"")));
        assertThat(other.results(id)).containsOnlyKeys("R");
        assertThat(lossy.update(v2.withStatus(JobStatus.SUCCEEDED, T0.plusSeconds(1))).version()).isEqualTo(3);
        assertThat(losing.lost.get()).isEqualTo(4);
    }

    @Test
    void closedStoresLeaveNoThreadThatKeepsTheJvmAlive() {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int i = 0; i < 3; i++) {
            JobStore s = new AzureJobStoreProvider().open(config.toBuilder().requestObserver(null).build());
            String id = newJobId();
            s.create(newRecord(id, "svc", T0, null), Map.of());
            assertThat(s.read(id)).isPresent();
            s.close();
        }
        List<String> nonDaemon = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon()).map(Thread::getName).toList();
        assertThat(nonDaemon).as("non-daemon threads left by closed stores").isEmpty();
    }

    @Test
    void limitsAreCheckedBeforeAnyRequest() {
        counter.reset();
        assertThatThrownBy(() -> store.create(newRecord(newJobId(), "s".repeat(600), T0, null), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serviceName");
        assertThatThrownBy(() -> store.create(newRecord(newJobId(), "svc", T0, "o".repeat(2000)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner");
        assertThat(counter.total()).isZero();
        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        counter.reset();
        String deep = "d/".repeat(260) + "f";
        assertThatThrownBy(() -> store.writeFile(id, deep, new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segments");
        assertThat(counter.total("blob")).isZero();
    }

    @Test
    void twoStoresOnOneAccountSeeEachOthersWrites() throws IOException {
        JobStore other = second(false); // writes results at once
        String id = newJobId();
        JobRecord v1 = store.create(newRecord(id, "svc", T0, "alice"), Map.of("A", new StoredValue("GPLong", "1")));
        assertThatThrownBy(() -> other.create(newRecord(id, "another", T0, null), Map.of()))
                .isInstanceOf(JobConflictException.class);

        JobRecord byOther = other.update(other.read(id).orElseThrow().withCancelRequested(true));
        assertThat(store.read(id)).contains(byOther);
        // this store still holds the ETag of version 1: its stale update gets 412 and reports a conflict
        assertThatThrownBy(() -> store.update(v1.withStatus(JobStatus.EXECUTING, T0))).isInstanceOf(JobConflictException.class);

        other.putResults(id, Map.of("R", new StoredValue("GPString", "\"r\"")));
        assertThat(store.results(id)).containsOnlyKeys("R");
        // results written by the other store do not bump the version: an update on the current version still wins
        JobRecord v3 = store.update(byOther.withStatus(JobStatus.CANCELLED, T0.plusSeconds(3)));
        assertThat(other.read(id)).contains(v3);
        other.writeFile(id, "x.txt", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = store.readFile(id, "x.txt").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(other.delete(id)).isTrue();
        assertThat(store.read(id)).isEmpty();
        assertThatThrownBy(() -> store.update(v3)).isInstanceOf(JobNotFoundException.class);
        assertThat(store.listFiles(id)).isEmpty();
    }

    @Test
    void orphanedBlobsAndIndexEntriesAreSwept() throws IOException {
        String kept = newJobId();
        store.create(newRecord(kept, "svc", T0, null), Map.of());
        store.writeFile(kept, "k.txt", new ByteArrayInputStream(new byte[] {1}));
        String orphan = newJobId();
        container().getBlobClient("svc/" + orphan + "/left.txt").upload(new ByteArrayInputStream(new byte[] {2}), 1);

        java.nio.file.Path keptScratch = store.scratchFolder(kept);
        String goneElsewhere = newJobId();
        store.create(newRecord(goneElsewhere, "svc", T0, null), Map.of());
        java.nio.file.Path goneScratch = store.scratchFolder(goneElsewhere);
        assertThat(second().delete(goneElsewhere)).isTrue(); // another engine deletes it

        assertThat(store.deleteOrphans(Instant.now().minusSeconds(3600))).isZero(); // too young
        assertThat(goneScratch).exists();
        assertThat(store.deleteOrphans(Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(goneScratch).doesNotExist();
        assertThat(keptScratch).exists();
        assertThat(container().listBlobs().stream().map(BlobItem::getName).toList()).containsExactly("svc/" + kept + "/k.txt");
        assertThat(store.read(kept)).isPresent();
    }

    @Test
    void requestsPerJobLifecycleAreCounted() {
        Map<String, Map<String, Long>> deferred = lifecycle(store, counter);
        RequestCounter immediateCounter = new RequestCounter();
        JobStore immediate = new AzureJobStoreProvider().open(config.toBuilder().writeResultsWithNextUpdate(false)
                .requestObserver(immediateCounter).build());
        others.add(immediate);
        Map<String, Map<String, Long>> direct = lifecycle(immediate, immediateCounter);
        System.out.printf("store requests per job lifecycle (results with the Succeeded update): %s%n", deferred);
        System.out.printf("store requests per job lifecycle (results written at once): %s%n", direct);
        assertThat(deferred).isEqualTo(Map.of("create", Map.of("table POST", 2L), "claim", Map.of("table PUT", 1L),
                "putResults", Map.of(), "succeed", Map.of("table PUT", 1L)));
        assertThat(direct).isEqualTo(Map.of("create", Map.of("table POST", 2L), "claim", Map.of("table PUT", 1L),
                "putResults", Map.of("table PATCH", 1L), "succeed", Map.of("table PUT", 1L)));

        String id = newJobId();
        store.create(newRecord(id, "svc", T0, null), Map.of());
        RequestCounter otherCounter = new RequestCounter();
        JobStore other = new AzureJobStoreProvider().open(config.toBuilder().requestObserver(otherCounter).build());
        others.add(other);
        otherCounter.reset();
        other.read(id);
        long firstRead = otherCounter.total();
        otherCounter.reset();
        other.read(id);
        long secondRead = otherCounter.total();
        System.out.printf("read by another store: first %d requests (index + record), then %d%n", firstRead, secondRead);
        assertThat(firstRead).isEqualTo(2);
        assertThat(secondRead).isEqualTo(1);
    }

    private static Map<String, Map<String, Long>> lifecycle(JobStore s, RequestCounter c) {
        String id = newJobId();
        Map<String, Map<String, Long>> out = new java.util.LinkedHashMap<>();
        c.reset();
        JobRecord v1 = s.create(newRecord(id, "svc", T0, null), Map.of("A", new StoredValue("GPLong", "1")));
        out.put("create", c.snapshot());
        c.reset();
        JobRecord v2 = s.update(v1.withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)).withStarted(T0.plusSeconds(1)));
        out.put("claim", c.snapshot());
        c.reset();
        s.putResults(id, Map.of("R", new StoredValue("GPLong", "2")));
        out.put("putResults", c.snapshot());
        c.reset();
        s.update(v2.withStatus(JobStatus.SUCCEEDED, T0.plusSeconds(2)).withEnded(T0.plusSeconds(2)));
        out.put("succeed", c.snapshot());
        assertThat(s.results(id)).containsOnlyKeys("R");
        return out;
    }

    @Test
    void heldResultsReachOtherStoresWithTheNextUpdateOnly() {
        String id = newJobId();
        JobRecord v1 = store.create(newRecord(id, "svc", T0, null), Map.of());
        JobRecord v2 = store.update(v1.withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)));
        String big = "\"" + "r".repeat(50_000) + "\"";
        store.putResults(id, Map.of("R", new StoredValue("GPString", big)));
        JobStore other = second();
        assertThat(store.results(id)).containsOnlyKeys("R");
        assertThat(other.results(id)).isEmpty();

        JobRecord done = store.update(v2.withStatus(JobStatus.SUCCEEDED, T0.plusSeconds(2)));
        assertThat(other.read(id)).contains(done);
        assertThat(other.results(id)).isEqualTo(Map.of("R", new StoredValue("GPString", big)));
    }

    @Test
    void aStoreClosedBeforeTheUpdateLeavesNoSucceededJobWithoutResults() {
        String id = newJobId();
        JobRecord v1 = store.create(newRecord(id, "svc", T0, null), Map.of());
        store.update(v1.withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)));
        store.putResults(id, Map.of("R", new StoredValue("GPLong", "1")));
        store.close(); // the process "dies" before the move to Succeeded
        store = new AzureJobStoreProvider().open(config);
        assertThat(store.read(id).orElseThrow().status()).isEqualTo(JobStatus.EXECUTING);
        assertThat(store.results(id)).isEmpty();
        assertThatThrownBy(() -> store.putResults(newJobId(), Map.of())).isInstanceOf(JobNotFoundException.class);
    }
}
