package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The README's site example on Azurite: a web node without workers accepts a job, a worker node runs it through
 * the queue (the engine-core test ReadmeSnippetsTest checks the README shows this code).
 */
class ReadmeSiteExampleIT {

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    @Test
    void aWebNodeAcceptsAndAWorkerNodeRuns() {
        String dataItemJson = Azurite.cloudStoreJson("azureblob").replace("\"isManaged\":false,",
                "\"isManaged\":false,\"jobsStoreQueue\":\"readme-" + Long.toHexString(System.nanoTime()) + "\",");
        String serviceJson = SeedDocuments.service("myGPService1", "Asynchronous", "azureblob");
        List<Task> tasks = List.of(EngineTestTasks.echo());

        GPEngine web = GPEngine.builder().nodeId("web-1").workers(false)
                .cloudStore(dataItemJson).service(GPService.fromJson(serviceJson, tasks)).build();
        GPEngine worker = GPEngine.builder().nodeId("worker-7")
                .cloudStore(dataItemJson).service(GPService.fromJson(serviceJson, tasks)).build();
        // --- end of the README snippet ---
        try (web; worker) {
            JobInfo job = web.anonymous().submitJob("myGPService1", "Echo", Map.of("text", "via the queue"));
            JobInfo done = web.anonymous().awaitCompletion(job.jobId(), Duration.ofSeconds(60));
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(worker.anonymous().job(job.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }
}
