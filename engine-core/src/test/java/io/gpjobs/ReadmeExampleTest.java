package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.Task;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedding example of the README, compiled and run. */
class ReadmeExampleTest {

    @Test
    void embedAnEngineSubmitAJobAndReadItsResult() {
        Task echo = TestTasks.echo(); // any Task: yours, or found with GPService.builder(..).tasksFromServiceLoader()

        // --- README snippet starts ---
        GPService service = GPService.builder("Tools").maxInstances(2).task(echo).build();
        try (GPEngine engine = GPEngine.builder().service(service).build()) {      // in-memory store by default
            GPCaller caller = engine.as("alice");                                 // or engine.anonymous()
            JobInfo job = caller.submitJob("Tools", "Echo", Map.of("text", "hello", "times", "2"));
            JobInfo done = caller.awaitCompletion(job.jobId(), Duration.ofMinutes(1));
            System.out.println(GPJson.toJson(GPJson.job(done, true)));          // the job resource JSON
            ParameterValue result = caller.result(job.jobId(), "result");
            System.out.println(GPJson.toJson(GPJson.parameter(result)));        // {"paramName":"result",...}
            // --- README snippet ends ---
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(GPJson.toJson(GPJson.parameter(result)))
                    .isEqualTo("{\"paramName\":\"result\",\"dataType\":\"GPString\",\"value\":\"hellohello\"}");
            JobJsonSchema.render(done);
        }
    }
}
