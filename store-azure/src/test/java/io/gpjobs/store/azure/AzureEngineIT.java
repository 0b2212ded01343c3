package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.ExecuteResult;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import io.gpjobs.value.GPString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An engine whose services are configured from the seed's two JSON documents (the cloud-store data item and the
 * service JSON with {@code "jobsDirectory":"/cloudStores/azureblob"}) runs sync and async jobs with files,
 * progress, cancel, delete and cleanup on Azurite.
 */
class AzureEngineIT {

    static final String STORE = "azureblob";
    static final String ASYNC = "myGPService1";
    static final String SYNC = "myGPServiceSync";
    static final Duration WAIT = Duration.ofSeconds(60);

    private final EngineTestTasks.Gates gates = new EngineTestTasks.Gates();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String dataItem;
    private JobStore direct;

    @BeforeEach
    void setUp() {
        dataItem = SeedDocuments.cloudStore(STORE);
        direct = new AzureJobStoreProvider().openCloudStore(dataItem);
        closeables.add(direct);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    GPEngine engine(String node, Clock clock, JobStoreProvider provider) {
        GPEngine.Builder b = GPEngine.builder().nodeId(node).clock(clock).cloudStore(dataItem)
                .service(GPService.fromJson(SeedDocuments.service(ASYNC, "Asynchronous", STORE),
                        List.of(EngineTestTasks.writeFiles(), EngineTestTasks.gated(gates), EngineTestTasks.echo())))
                .service(GPService.fromJson(SeedDocuments.service(SYNC, "Synchronous", STORE),
                        List.of(EngineTestTasks.writeFiles(), EngineTestTasks.echo())));
        if (provider != null) {
            b.storeProvider(provider);
        }
        GPEngine e = b.build();
        closeables.add(0, e);
        return e;
    }

    GPEngine engine() {
        return engine("node-a", Clock.systemUTC(), null);
    }

    BlobContainerClient container() throws IOException {
        String cs = new ObjectMapper().readTree(dataItem).path("info").path("connectionString").asText();
        String name = new ObjectMapper().readTree(dataItem).path("info").path("objectStore").asText();
        return new BlobServiceClientBuilder().connectionString(cs).buildClient().getBlobContainerClient(name);
    }

    String read(String jobId, String path) throws IOException {
        try (InputStream in = direct.readFile(jobId, path).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void syncAndAsyncJobsWithFilesRunOnTheCloudStore() throws Exception {
        GPEngine engine = engine();

        ExecuteResult sync = engine.anonymous().execute(SYNC, "WriteFiles", Map.of("text", "alpha"));
        assertThat(sync.results()).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(new GPString("ALPHA")));
        assertThat(direct.read(sync.jobId()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(direct.listFiles(sync.jobId())).containsExactly("scratch/log.txt", "scratch/out/alpha.txt");

        JobInfo submitted = engine.anonymous().submitJob(ASYNC, "WriteFiles", Map.of("text", "beta"));
        JobInfo done = engine.anonymous().awaitCompletion(submitted.jobId(), WAIT);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.messages()).anySatisfy(m -> assertThat(m.description()).isEqualTo("wrote the files of beta"));
        assertThat(engine.anonymous().result(done.jobId(), "result").value()).isEqualTo(new GPString("BETA"));
        assertThat(engine.anonymous().input(done.jobId(), "text").value()).isEqualTo(new GPString("beta"));
        assertThat(read(done.jobId(), "scratch/out/beta.txt")).isEqualTo("beta".repeat(1000));
        // the seed's layout: <service>/<jobId>/… in the registered container
        assertThat(container().listBlobs().stream().map(BlobItem::getName)
                .filter(n -> n.contains(done.jobId())).toList())
                .containsExactlyInAnyOrder(ASYNC + "/" + done.jobId() + "/scratch/log.txt",
                        ASYNC + "/" + done.jobId() + "/scratch/out/beta.txt");
        assertThat(direct.query(JobQuery.all().withService(ASYNC)).jobs()).extracting(r -> r.jobId())
                .containsExactly(done.jobId());
    }

    @Test
    void progressIsShownAndCancelStopsARunningJob() throws Exception {
        GPEngine engine = engine();
        JobInfo j = engine.anonymous().submitJob(ASYNC, "Gated", Map.of("text", "p1"));
        gates.awaitEntered("p1");

        JobInfo running = engine.anonymous().job(j.jobId());
        assertThat(running.status()).isEqualTo(JobStatus.EXECUTING);
        assertThat(running.progress()).isEqualTo(new JobProgress(JobProgress.Type.STEP, "Halfway p1", 50));
        assertThat(direct.read(j.jobId()).orElseThrow().status()).isEqualTo(JobStatus.EXECUTING);

        JobInfo cancelling = engine.anonymous().cancel(j.jobId());
        assertThat(cancelling.status()).isIn(JobStatus.CANCELLING, JobStatus.CANCELLED);
        assertThat(engine.anonymous().awaitCompletion(j.jobId(), WAIT).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(direct.read(j.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void deleteRemovesTheRecordAndTheBlobs() throws Exception {
        GPEngine engine = engine();
        JobInfo j = engine.anonymous().awaitCompletion(engine.anonymous().submitJob(ASYNC, "WriteFiles", Map.of("text", "gone")).jobId(), WAIT);
        assertThat(direct.listFiles(j.jobId())).isNotEmpty();

        assertThat(engine.anonymous().delete(j.jobId()).status()).isEqualTo(JobStatus.DELETED);
        assertThat(direct.read(j.jobId())).isEmpty();
        assertThat(container().listBlobs().stream().map(BlobItem::getName).filter(n -> n.contains(j.jobId())))
                .isEmpty();
        assertThatThrownBy(() -> engine.anonymous().job(j.jobId())).isInstanceOf(JobNotFoundException.class);
    }

    @Test
    void theJanitorRemovesFinishedJobsOlderThanMaxFileAge() throws Exception {
        GPEngine engine = engine();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(engine.anonymous().awaitCompletion(engine.anonymous().submitJob(ASYNC, "WriteFiles", Map.of("text", "old" + i)).jobId(),
                    WAIT).jobId());
        }
        assertThat(engine.runJanitor()).isZero(); // younger than maxFileAge (10 min)

        // an engine whose clock is 11 minutes ahead sees them past maxFileAge
        GPEngine later = engine("node-later", Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11)), null);
        assertThat(later.runJanitor()).isGreaterThanOrEqualTo(3);
        for (String id : ids) {
            assertThat(direct.read(id)).isEmpty();
            assertThat(direct.listFiles(id)).isEmpty();
        }
        assertThat(container().listBlobs().stream().map(BlobItem::getName)
                .filter(n -> ids.stream().anyMatch(n::contains))).isEmpty();
    }

    @Test
    void requestsPerJobLifecycleAreCounted() throws Exception {
        RequestCounter counter = new RequestCounter();
        JobStoreProvider counting = new JobStoreProvider() {
            @Override
            public String name() {
                return "azure";
            }

            @Override
            public JobStore open(Map<String, String> settings) {
                return new AzureJobStoreProvider().open(AzureJobStoreConfig.fromSettings(settings, STORE).toBuilder()
                        .requestObserver(counter).build());
            }
        };
        GPEngine engine = engine("node-count", Clock.systemUTC(), counting);
        engine.anonymous().awaitCompletion(engine.anonymous().submitJob(ASYNC, "Echo", Map.of("text", "warm")).jobId(), WAIT);

        counter.reset();
        JobInfo echo = engine.anonymous().awaitCompletion(engine.anonymous().submitJob(ASYNC, "Echo", Map.of("text", "e")).jobId(), WAIT);
        Map<String, Long> asyncNoFiles = counter.snapshot();
        System.out.println("requests of one async Echo job, in order: " + counter.trace());
        counter.reset();
        engine.anonymous().awaitCompletion(engine.anonymous().submitJob(ASYNC, "WriteFiles", Map.of("text", "f")).jobId(), WAIT);
        Map<String, Long> asyncFiles = counter.snapshot();
        counter.reset();
        engine.anonymous().execute(SYNC, "Echo", Map.of("text", "s"));
        Map<String, Long> sync = counter.snapshot();
        counter.reset();
        engine.anonymous().job(echo.jobId());
        engine.anonymous().result(echo.jobId(), "result");
        Map<String, Long> statusAndResult = counter.snapshot();
        System.out.printf("engine requests per job lifecycle on Azure: async Echo (no files) %s; async WriteFiles "
                + "(2 scratch files) %s; sync Echo %s; status + result read of a finished job %s%n",
                asyncNoFiles, asyncFiles, sync, statusAndResult);
        assertThat(echo.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(asyncNoFiles.getOrDefault("blob PUT", 0L)).isZero();
        // create (index + record), claim, results with Succeeded; nothing read for the view of the ended job
        assertThat(asyncNoFiles.values().stream().mapToLong(Long::longValue).sum()).as("async Echo requests %s",
                asyncNoFiles).isEqualTo(4);
        assertThat(sync.values().stream().mapToLong(Long::longValue).sum()).as("sync Echo requests %s", sync)
                .isEqualTo(4);
        assertThat(asyncFiles.getOrDefault("blob PUT", 0L)).isEqualTo(2);
    }
}
