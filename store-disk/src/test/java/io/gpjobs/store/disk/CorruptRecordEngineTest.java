package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPLong;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A truncated record in the jobs directory is quarantined when an engine starts; the engine serves the rest. */
class CorruptRecordEngineTest {

    @TempDir
    Path dir;

    @Test
    void anEngineStartsOverATruncatedRecordAndServesTheOtherJobs() throws Exception {
        String good;
        String bad;
        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).build()) {
            good = engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "4")).jobId();
            bad = engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "5")).jobId();
            engine.anonymous().awaitCompletion(good, Duration.ofSeconds(60));
            engine.anonymous().awaitCompletion(bad, Duration.ofSeconds(60));
        }
        Path record = dir.resolve(EngineFixture.SERVICE + "_gpserver").resolve(bad).resolve("record.json");
        byte[] bytes = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(bytes, bytes.length / 3));

        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).build()) {
            assertThat(engine.anonymous().job(good).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().result(good, "doubled").value()).isEqualTo(new GPLong(8));
            JobInfo damaged = engine.anonymous().job(bad);
            assertThat(damaged.status()).isEqualTo(JobStatus.FAILED);
            assertThat(damaged.messages().toString()).contains("damaged").contains("record.json.corrupt-");
            String next = engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "6")).jobId();
            assertThat(engine.anonymous().awaitCompletion(next, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
        try (Stream<Path> files = Files.list(record.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("record.json.corrupt-")).contains("record.json");
        }
    }
}
