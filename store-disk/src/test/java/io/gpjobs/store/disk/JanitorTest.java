package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.GPEngine;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.ContractRecords;
import io.gpjobs.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's janitor on a disk store, driven by an injected clock: finished jobs older than maxFileAge (60 min
 * in the fixture) lose their record and files, job folders no record owns go too, and younger or unfinished jobs
 * stay.
 */
class JanitorTest {

    @TempDir
    Path dir;

    @Test
    void oldFinishedJobsAndOrphanFoldersAreRemoved() throws Exception {
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Path service = dir.resolve(EngineFixture.SERVICE + "_gpserver");
        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).clock(clock)
                .janitorInterval(Duration.ofDays(1)).build()) {
            List<String> old = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                old.add(engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "" + i)).jobId());
            }
            for (String id : old) {
                assertThat(engine.anonymous().awaitCompletion(id, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(service.resolve(id).resolve("scratch/digest.bin")).isRegularFile();
            }
            Path orphan = Files.createDirectories(service.resolve(ContractRecords.newJobId()).resolve("scratch"));
            Files.writeString(orphan.resolve("left-behind.txt"), "no record owns me");
            Files.setLastModifiedTime(orphan.getParent(), java.nio.file.attribute.FileTime.from(clock.instant()));
            String queued;
            try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
                // an unfinished job as old as the others, held by another live node: the janitor must keep it
                queued = ContractRecords.newJobId();
                Instant then = clock.instant();
                store.create(new JobRecord(queued, EngineFixture.SERVICE, EngineFixture.TASK, JobStatus.SUBMITTED,
                        0, then, null, null, then, null, "other-node", then.plus(Duration.ofDays(7)), false,
                        List.of(), null), Map.of());
            }

            assertThat(engine.runJanitor()).as("nothing is old yet").isZero();
            assertThat(orphan.getParent()).exists();

            clock.advance(Duration.ofMinutes(61));
            String young = engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "7")).jobId();
            assertThat(engine.anonymous().awaitCompletion(young, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);

            assertThat(engine.runJanitor()).as("five old jobs and one orphan folder").isEqualTo(6);
            for (String id : old) {
                assertThat(service.resolve(id)).doesNotExist();
                assertThatThrownBy(() -> engine.anonymous().job(id)).isInstanceOf(JobNotFoundException.class);
            }
            assertThat(orphan.getParent()).doesNotExist();
            assertThat(engine.anonymous().job(young).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(service.resolve(young).resolve("record.json")).isRegularFile();
            assertThat(service.resolve(queued).resolve("record.json")).isRegularFile();
            assertThat(engine.runJanitor()).isZero();
        }
    }
}
