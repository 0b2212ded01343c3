package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.GPEngine;
import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault test: the storage emulator is stopped and restarted while an engine runs jobs on it. Jobs submitted
 * before, during and after the outage end in truthful statuses, and no job the engine accepted is lost. A
 * submission during the outage is refused with a clear error (nothing half-written). A job whose task finished
 * during the outage keeps its outcome in the engine, which records it (results, then Succeeded) once the storage is
 * back; a restarted engine then finds every job in the status it ended in.
 */
class AzuriteRestartIT {

    static final String SERVICE = "myGPService1";
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final EngineTestTasks.Gates gates = new EngineTestTasks.Gates();

    private GPEngine engine(String dataItem) {
        return GPEngine.builder().nodeId("node-fault").cloudStore(dataItem)
                .service(GPService.fromJson(SeedDocuments.service(SERVICE, "Asynchronous", "azureblob"),
                        List.of(EngineTestTasks.gated(gates), EngineTestTasks.scratchGated(gates), EngineTestTasks.echo())))
                .build();
    }

    @Test
    void jobsSurviveAnEmulatorRestartInTruthfulStatuses() throws Exception {
        try (AzuriteProcess azurite = new AzuriteProcess(dir.resolve("azurite"))) {
            azurite.start();
            String dataItem = "{\"path\":\"/cloudStores/azureblob\",\"type\":\"cloudStore\",\"provider\":\"azure\","
                    + "\"info\":{\"connectionString\":\"" + azurite.connectionString()
                    + "\",\"objectStore\":\"faultjobs\",\"tableStore\":\"faultjobs\"}}";
            Map<String, JobStatus> expected = new LinkedHashMap<>();
            GPEngine engine = engine(dataItem);
            try {
                // before: two finished jobs, three running ones held at their gates
                for (int i = 0; i < 2; i++) {
                    JobInfo j = engine.anonymous().awaitCompletion(engine.anonymous().submitJob(SERVICE, "Echo", Map.of("text", "b" + i)).jobId(), WAIT);
                    assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
                    expected.put(j.jobId(), JobStatus.SUCCEEDED);
                }
                String g1 = engine.anonymous().submitJob(SERVICE, "Gated", Map.of("text", "g1")).jobId();
                // g2 writes scratch files: they are uploaded at its end, which falls into the outage
                String g2 = engine.anonymous().submitJob(SERVICE, "ScratchGated", Map.of("text", "g2")).jobId();
                gates.awaitEntered("g1");
                gates.awaitEntered("g2");

                azurite.stop();

                // during: submissions are refused with a clear error; nothing is accepted that could be lost
                List<String> refusedMessages = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    assertThatThrownBy(() -> engine.anonymous().submitJob(SERVICE, "Echo", Map.of("text", "d" + n)))
                            .isInstanceOf(GPException.class)
                            .satisfies(e -> refusedMessages.add(e.getMessage()))
                            .hasMessageContaining("reachable")
                            .hasMessageNotContaining("AccountKey");
                }
                System.out.println("submission during the outage refused: " + refusedMessages.get(0));
                // a task that finishes during the outage cannot record its end
                gates.release("g2");
                gates.awaitReturned("g2"); // its end is written (and refused) right after this

                azurite.start();

                // after: the held job finishes and is recorded; new jobs run
                gates.release("g1");
                assertThat(engine.anonymous().awaitCompletion(g1, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
                expected.put(g1, JobStatus.SUCCEEDED);
                // the job that finished during the outage is recorded once the storage is back, with its results
                assertThat(engine.anonymous().awaitCompletion(g2, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(engine.anonymous().results(g2)).isNotEmpty();
                for (String file : List.of("scratch/g2.txt", "scratch/more/g2.txt")) {
                    try (java.io.InputStream in = engine.anonymous().openFile(g2, file).orElseThrow()) {
                        assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                                .endsWith("scratch of g2");
                    }
                }
                expected.put(g2, JobStatus.SUCCEEDED);
                for (int i = 0; i < 2; i++) {
                    JobInfo j = engine.anonymous().awaitCompletion(engine.anonymous().submitJob(SERVICE, "Echo", Map.of("text", "a" + i)).jobId(), WAIT);
                    assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
                    expected.put(j.jobId(), JobStatus.SUCCEEDED);
                }
            } finally {
                engine.close();
            }

            // a restarted engine finds every job as it ended
            try (GPEngine restarted = engine(dataItem);
                 JobStore direct = new AzureJobStoreProvider().openCloudStore(dataItem)) {
                Map<String, JobStatus> seen = new LinkedHashMap<>();
                for (JobRecord r : direct.query(JobQuery.all().withService(SERVICE)).jobs()) {
                    seen.put(r.jobId(), r.status());
                }
                System.out.println("statuses after the outage and a restart: " + seen);
                assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                expected.forEach((id, status) -> assertThat(seen.get(id)).as(id).isEqualTo(status));
                expected.keySet().forEach(id -> assertThat(restarted.anonymous().job(id).status()).as(id).isEqualTo(expected.get(id)));
            }
        }
    }
}
