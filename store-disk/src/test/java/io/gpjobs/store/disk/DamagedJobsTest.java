package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.GPEngine;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One damaged job never takes down more than itself: a truncated result file, a {@code record.json} that is a
 * folder and one that cannot be read (a link that leads nowhere) are quarantined and reported; the engine starts,
 * lists and serves every other job, and shows the job with the damaged result with its status and a clear message.
 */
class DamagedJobsTest {

    @TempDir
    Path dir;

    private Path folder(String id) {
        return dir.resolve(EngineFixture.SERVICE + "_gpserver").resolve(id);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void damagedJobsAreQuarantinedAndReportedAndTheEngineServesTheRest() throws Exception {
        List<String> ids = new ArrayList<>();
        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).build()) {
            for (int i = 0; i < 7; i++) {
                ids.add(engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "" + i)).jobId());
            }
            for (String id : ids) {
                assertThat(engine.anonymous().awaitCompletion(id, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);
            }
        }
        String truncatedResult = ids.get(1);
        String recordIsFolder = ids.get(2);
        String recordUnreadable = ids.get(3);
        Path result = folder(truncatedResult).resolve("results").resolve("doubled.json");
        byte[] bytes = Files.readAllBytes(result);
        Files.write(result, Arrays.copyOf(bytes, bytes.length / 2));
        Path asFolder = folder(recordIsFolder).resolve("record.json");
        Files.delete(asFolder);
        Files.createDirectories(asFolder.resolve("inside"));
        Path unreadable = folder(recordUnreadable).resolve("record.json");
        Files.delete(unreadable);
        Files.createSymbolicLink(unreadable, unreadable.getFileName()); // a link to itself: every open fails
        String recordTruncated = ids.get(5);
        Path truncated = folder(recordTruncated).resolve("record.json");
        byte[] record = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(record, record.length / 2));
        String recordNotJson = ids.get(6);
        Files.writeString(folder(recordNotJson).resolve("record.json"), "\u0000\u0001 not json at all");
        List<String> damagedRecords = List.of(recordIsFolder, recordUnreadable, recordTruncated, recordNotJson);

        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).build()) {
            // the listing holds every job: a job whose record was damaged is listed as failed, its damage named
            List<JobInfo> listed = engine.jobs(JobQuery.all().withService(EngineFixture.SERVICE)).jobs();
            assertThat(listed).extracting(JobInfo::jobId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(engine.jobs(JobQuery.all().withService(EngineFixture.SERVICE)
                    .withStatuses(java.util.Set.of(JobStatus.FAILED))).jobs()).extracting(JobInfo::jobId)
                    .containsExactlyInAnyOrderElementsOf(damagedRecords);

            JobInfo damaged = engine.anonymous().job(truncatedResult);
            assertThat(damaged.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(damaged.resultNames()).isEmpty();
            assertThat(damaged.messages()).extracting(JobMessage::description)
                    .anyMatch(m -> m.contains("results/doubled.json") && m.contains("damaged"));
            assertThatThrownBy(() -> engine.anonymous().result(truncatedResult, "doubled"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("doubled");
            assertThat(names(result.getParent())).anyMatch(n -> n.startsWith("doubled.json.corrupt-"))
                    .doesNotContain("doubled.json");

            for (String hurt : damagedRecords) {
                JobInfo job = engine.anonymous().job(hurt);
                assertThat(job.status()).isEqualTo(JobStatus.FAILED);
                assertThat(job.serviceName()).isEqualTo(EngineFixture.SERVICE);
                assertThat(job.resultNames()).isEmpty();
                assertThat(job.messages()).extracting(JobMessage::description)
                        .anyMatch(m -> m.contains("damaged") && m.contains("record.json.corrupt-"));
                assertThat(names(folder(hurt))).anyMatch(n -> n.startsWith("record.json.corrupt-"))
                        .contains("record.json");
            }
            // the truncated record still told its task and submitted time
            assertThat(engine.anonymous().job(recordTruncated).taskName()).isEqualTo(EngineFixture.TASK);
            assertThat(engine.anonymous().result(ids.get(4), "doubled").value()).isEqualTo(new GPLong(8));
            String next = engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "7")).jobId();
            assertThat(engine.anonymous().awaitCompletion(next, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }
}
