package io.gpjobs.store.disk;

import static io.gpjobs.testkit.ContractRecords.T0;
import static io.gpjobs.testkit.ContractRecords.newJobId;
import static io.gpjobs.testkit.ContractRecords.newRecord;
import static io.gpjobs.testkit.ContractRecords.sampleInputs;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt meant for a task (an engine closing, a job past its time limit) must not tear or lose the store
 * write the interrupted thread is making: the write completes and the interrupt is kept for the caller.
 */
class InterruptedWriterTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedThreadStillWritesAndKeepsItsInterrupt() {
        try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
            String id = newJobId();
            JobRecord created = store.create(newRecord(id, "Svc", T0, null), sampleInputs());

            Thread.currentThread().interrupt();
            JobRecord updated;
            boolean stillInterrupted;
            try {
                updated = store.update(created.withStatus(JobStatus.EXECUTING, T0.plusSeconds(1)));
            } finally {
                stillInterrupted = Thread.interrupted(); // also clears it for the rest of the test
            }

            assertThat(stillInterrupted).isTrue();
            assertThat(updated.version()).isEqualTo(2);
            assertThat(store.read(id)).get().extracting(JobRecord::status).isEqualTo(JobStatus.EXECUTING);
            // the lock's channel survived: the next write from a plain thread works too
            store.update(updated.withStatus(JobStatus.SUCCEEDED, T0.plusSeconds(2)));
            assertThat(store.read(id)).get().extracting(JobRecord::status).isEqualTo(JobStatus.SUCCEEDED);
        } catch (JobStoreException e) {
            throw new AssertionError("the interrupted write failed", e);
        }
    }

    @Test
    void closingAnEngineWhileAJobExecutesLeavesNoJobExecuting() {
        CountDownLatch started = new CountDownLatch(1);
        Task blocking = new Task() {
            @Override
            public TaskDefinition definition() {
                return new TaskDefinition("Block", null, null, null, null, List.of());
            }

            @Override
            public void execute(TaskContext context) throws InterruptedException {
                started.countDown();
                new CountDownLatch(1).await(); // until the engine's close interrupts it
            }
        };
        GPService service = GPService.builder("Closing").jobsDirectory(dir.toString()).task(blocking).build();
        String id;
        try (GPEngine engine = GPEngine.builder().service(service).build()) {
            id = engine.anonymous().submitJob("Closing", "Block", Map.of()).jobId();
            try {
                assertThat(started.await(30, TimeUnit.SECONDS)).as("job started").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
            JobRecord r = store.read(id).orElseThrow();
            assertThat(r.status()).as("status of %s after close", id).isEqualTo(JobStatus.FAILED);
            assertThat(r.messages()).extracting(JobMessage::description)
                    .anySatisfy(d -> assertThat(d).contains("stopped"));
        }
    }
}
