package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPCaller;
import io.gpjobs.GPEngine;
import io.gpjobs.GPJson;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.JobInfoPage;
import io.gpjobs.ParameterValue;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The embedding example of the README, compiled and run (ReadmeSnippetsTest checks the README shows it). */
class ReadmeExampleTest {

    @Test
    void embedAnEngineSubmitAJobAndReadItsResult() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            readmeSnippet();
        } finally {
            System.setOut(original);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("{\"jobId\":\"j").contains("\"jobStatus\":\"esriJobSucceeded\"");
        assertThat(lines.get(1))
                .isEqualTo("{\"paramName\":\"result\",\"dataType\":\"GPString\",\"value\":\"hellohello\"}");
        assertThat(lines.get(2)).isEqualTo("1 job(s), more pages: false");
        assertThat(lines.get(3)).matches("j[0-9a-f]{32} SUCCEEDED");
    }

    /** The README snippet, line for line. */
    private static void readmeSnippet() {
        TaskDefinition definition = TaskDefinition.builder("Echo")
                .description("Repeats a text.")
                .input("text", GPDataType.STRING)                                  // required
                .input("times", GPDataType.LONG, p -> p.optional().defaultValue(new GPLong(1)))
                .output("result", GPDataType.STRING)
                .build();
        Task echo = Task.of(definition, context -> {
            String text = context.input("text", GPString.class).value();
            long times = context.input("times", GPLong.class).value();
            context.setOutput("result", new GPString(text.repeat((int) times)));
        });

        GPService service = GPService.builder("Tools").maxInstances(2).task(echo).build();
        try (GPEngine engine = GPEngine.builder().service(service).build()) {      // in-memory store by default
            GPCaller caller = engine.as("alice");                                 // or engine.anonymous()
            JobInfo job = caller.submitJob("Tools", "Echo", Map.of("text", "hello", "times", "2"));
            JobInfo started = caller.awaitStatus(job.jobId(),                     // any status you choose
                    status -> status == JobStatus.EXECUTING, Duration.ofSeconds(30)); // (or it ended already)
            JobInfo done = caller.awaitCompletion(job.jobId(), Duration.ofMinutes(1));
            System.out.println(GPJson.toJson(GPJson.job(done, true)));          // the job resource JSON
            ParameterValue result = caller.result(job.jobId(), "result");
            System.out.println(GPJson.toJson(GPJson.parameter(result)));        // {"paramName":"result",...}

            JobInfoPage page = engine.jobs(JobQuery.all().withService("Tools").withPage(0, 50));
            System.out.println(page.total() + " job(s), more pages: " + page.hasMore());
            try (Stream<JobInfo> all = engine.allJobs(JobQuery.all())) {         // every page, read lazily
                all.forEach(j -> System.out.println(j.jobId() + " " + j.status()));
            }
        }
    }
}
