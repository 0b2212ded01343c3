package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on the same storage account (same cloud-store data item and service JSON) see each other's jobs:
 * status, messages, progress, results, and cancel and delete from the engine that does not run the job.
 */
class AzureTwoEnginesIT {

    static final String STORE = "azureblob";
    static final String SERVICE = "myGPService1";
    static final Duration WAIT = Duration.ofSeconds(60);

    private final EngineTestTasks.Gates gates = new EngineTestTasks.Gates();
    private final List<GPEngine> engines = new ArrayList<>();
    private GPEngine a;
    private GPEngine b;
    private String dataItem;

    @BeforeEach
    void start() {
        dataItem = SeedDocuments.cloudStore(STORE);
        a = engine("node-a", dataItem);
        b = engine("node-b", SeedDocuments.sameCloudStore(dataItem));
    }

    private GPEngine engine(String node, String dataItem) {
        GPEngine e = GPEngine.builder().nodeId(node).cloudStore(dataItem)
                .service(GPService.fromJson(SeedDocuments.service(SERVICE, "Asynchronous", STORE),
                        List.of(EngineTestTasks.writeFiles(), EngineTestTasks.gated(gates), EngineTestTasks.echo())))
                .build();
        engines.add(e);
        return e;
    }

    @AfterEach
    void stop() {
        engines.forEach(GPEngine::close);
    }

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    @Test
    void theOtherEngineSeesStatusProgressAndResults() throws Exception {
        JobInfo j = a.anonymous().submitJob(SERVICE, "Gated", Map.of("text", "seen"));
        gates.awaitEntered("seen");
        JobInfo fromB = Await.until(WAIT, "B to see the job executing", () -> b.anonymous().job(j.jobId()),
                info -> info.status() == JobStatus.EXECUTING);
        assertThat(fromB.serviceName()).isEqualTo(SERVICE);
        // progress and messages reach B once A persists them (progressMessageUpdateInterval 5 s)
        JobInfo withProgress = Await.until(WAIT, "B to see A's persisted progress", () -> b.anonymous().job(j.jobId()),
                info -> info.progress() != null && info.progress().message().equals("Halfway seen"));
        assertThat(withProgress.progress().percent()).isEqualTo(50);
        assertThat(withProgress.messages()).anySatisfy(m -> assertThat(m.description()).isEqualTo("waiting at gate seen"));

        gates.release("seen");
        assertThat(b.anonymous().awaitCompletion(j.jobId(), WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(b.anonymous().result(j.jobId(), "result").value()).isEqualTo(new GPString("released seen"));

        JobInfo fromBSubmit = b.anonymous().awaitCompletion(b.anonymous().submitJob(SERVICE, "WriteFiles", Map.of("text", "b1")).jobId(), WAIT);
        assertThat(a.anonymous().job(fromBSubmit.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(a.anonymous().result(fromBSubmit.jobId(), "result").value()).isEqualTo(new GPString("B1"));
        assertThat(a.jobs(JobQuery.all().withService(SERVICE)).jobs()).extracting(JobInfo::jobId)
                .containsExactlyInAnyOrder(j.jobId(), fromBSubmit.jobId());
    }

    @Test
    void cancelFromTheOtherEngineStopsTheRunningJob() throws Exception {
        JobInfo j = a.anonymous().submitJob(SERVICE, "Gated", Map.of("text", "cx"));
        gates.awaitEntered("cx");
        Await.until(WAIT, "B to see the job executing", () -> b.anonymous().job(j.jobId()),
                info -> info.status() == JobStatus.EXECUTING);

        JobInfo cancelling = b.anonymous().cancel(j.jobId());
        assertThat(cancelling.status()).isEqualTo(JobStatus.CANCELLING);
        // A notices the request in the store (cancellationCheckInterval 1 s), its task stops, the job ends Cancelled
        assertThat(a.anonymous().awaitCompletion(j.jobId(), WAIT).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(b.anonymous().awaitCompletion(j.jobId(), WAIT).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void deleteFromTheOtherEngineRemovesAFinishedJob() throws Exception {
        JobInfo j = a.anonymous().awaitCompletion(a.anonymous().submitJob(SERVICE, "WriteFiles", Map.of("text", "del")).jobId(), WAIT);
        assertThat(b.anonymous().delete(j.jobId()).status()).isEqualTo(JobStatus.DELETED);
        Await.until(WAIT, "A to see the job gone", () -> {
            try {
                return a.anonymous().job(j.jobId()).status();
            } catch (io.gpjobs.JobNotFoundException e) {
                return JobStatus.DELETED;
            }
        }, s -> s == JobStatus.DELETED);
        try (var direct = new AzureJobStoreProvider().openCloudStore(dataItem)) {
            assertThat(direct.read(j.jobId())).isEmpty();
            assertThat(direct.listFiles(j.jobId())).isEmpty();
            assertThat(direct.query(JobQuery.all()).jobs()).extracting(JobRecord::jobId).doesNotContain(j.jobId());
        }
    }
}
