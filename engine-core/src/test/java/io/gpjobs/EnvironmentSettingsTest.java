package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code env:outSR} given on submit is kept with the job, readable by name, never listed as an input. */
class EnvironmentSettingsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void outSRIsKeptWithTheJobAndReadByName() {
        GPService svc = GPService.builder("Env").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            GPCaller caller = engine.anonymous();
            String id = caller.submitJob("Env", "Echo", Map.of("text", "a", "env:outSR", "3857")).jobId();
            JobInfo done = caller.awaitCompletion(id, WAIT);
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(caller.input(id, "env:outSR").value()).isEqualTo(new GPString("{\"wkid\":3857}"));
            assertThat(done.inputNames()).doesNotContain("env:outSR").contains("text");
            assertThat(caller.inputs(id)).extracting(ParameterValue::paramName).doesNotContain("env:outSR");

            String json = caller.submitJob("Env", "Echo", Map.of("text", "a",
                    "env:outSR", "{\"wkid\":102100,\"latestWkid\":3857}")).jobId();
            assertThat(caller.input(json, "env:outSR").value())
                    .isEqualTo(new GPString("{\"wkid\":102100,\"latestWkid\":3857}"));

            String without = caller.submitJob("Env", "Echo", Map.of("text", "a")).jobId();
            assertThatThrownBy(() -> caller.input(without, "env:outSR")).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aMalformedOutSRIsRefusedNamingTheSettingAndValue() {
        GPService svc = GPService.builder("Env").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            for (String bad : new String[] {"web mercator", "{\"wkid\":\"x\"}", "[3857]"}) {
                assertThatThrownBy(() -> engine.anonymous().submitJob("Env", "Echo",
                        Map.of("text", "a", "env:outSR", bad)))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("env:outSR").hasMessageContaining(bad);
            }
        }
    }
}
