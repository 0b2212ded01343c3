package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void submitRunsToSuccess() {
        GPService svc = GPService.builder("Smoke").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            JobInfo j = engine.submitJob("Smoke", "Echo", Map.of("text", "ab", "times", "3"));
            JobInfo done = engine.awaitCompletion(j.jobId(), Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.result(j.jobId(), "result").value()).isEqualTo(new GPString("ababab"));
            System.out.println(GPJson.toJson(GPJson.job(done, true)));
        }
    }
}
