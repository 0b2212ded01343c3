package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.samples.SampleData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.gpjobs.samples.cli.CliProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command line end to end, each invocation in its own JVM (as a user would), on a temporary jobs
 * directory: listing and describing tasks, the README's demo job, jobs that one process submits and others show,
 * cancel and delete, and bad input.
 */
class GpJobsCliProcessTest {
    private static final ObjectMapper MAPPER = CliProcess.MAPPER;
    private static final long TIMEOUT_SECONDS = CliProcess.TIMEOUT_SECONDS;

    @TempDir
    Path tmp;

    private Path jobsDir() {
        return tmp.resolve("jobs");
    }

    private CliProcess cliProcess() {
        return new CliProcess(tmp, jobsDir());
    }

    private ProcessBuilder command(String... args) {
        return cliProcess().builder(args);
    }

    /** Runs the CLI to its end (bounded) and collects its output. */
    private Run cli(String... args) throws Exception {
        return cliProcess().run(args);
    }

    @Test
    void tasksListsTheSampleTasks() throws Exception {
        Run r = cli("tasks");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> names = r.out().lines().map(l -> l.split("\\s+")[0]).collect(Collectors.toList());
        assertThat(names).contains("Buffer", "LongRunningTask");
    }

    @Test
    void describePrintsTheTaskJson() throws Exception {
        Run r = cli("describe", "Buffer");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode task = r.json().get(0);
        assertThat(task.path("name").asText()).isEqualTo("Buffer");
        assertThat(task.path("executionType").asText()).isEqualTo("esriExecutionTypeAsynchronous");
        List<String> params = new ArrayList<>();
        task.path("parameters").forEach(p -> params.add(p.path("name").asText()));
        assertThat(params).contains("Input_Features", "Distance", "Output_Features");
    }

    @Test
    void demoBuffersTheSampleDataAndSaysWhereTheOutputsAre() throws Exception {
        Path png = tmp.resolve("demo-map.png");
        Run r = cli("demo", "--progress", "plain", "--png", png.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> docs = r.json();
        assertThat(docs).as(r.toString()).hasSize(2);
        JsonNode job = docs.get(0);
        assertThat(job.path("jobStatus").asText()).isEqualTo("esriJobSucceeded");
        assertThat(job.path("results").has("Output_Features")).isTrue();
        JsonNode summary = docs.get(1);
        assertThat(summary.path("jobId").asText()).isEqualTo(job.path("jobId").asText());
        JsonNode out = summary.path("results").get(0);
        assertThat(out.path("paramName").asText()).isEqualTo("Output_Features");
        assertThat(out.path("geometryType").asText()).isEqualTo("esriGeometryPolygon");
        assertThat(out.path("featureCount").asInt()).isEqualTo(36);
        Path folder = Path.of(summary.path("jobFolder").asText());
        assertThat(folder).isDirectory().startsWith(jobsDir());
        assertThat(folder.getFileName().toString()).isEqualTo(job.path("jobId").asText());
        assertThat(folder.resolve("results/Output_Features.json")).isRegularFile();
        List<String> files = new ArrayList<>();
        summary.path("files").forEach(f -> files.add(f.asText()));
        assertThat(files).contains("results/Output_Features.json");
        // the progress went to standard error, the outputs' place too
        assertThat(r.err()).contains("100% succeeded").contains(folder.resolve("results").toString());
        // and the job's result map is drawn: buffer polygons in the export's polygon colour, white elsewhere
        assertThat(summary.path("resultMapPng").asText()).isEqualTo(png.toString());
        // on the module path this test's module does not read java.desktop (only result-map does): let it read it
        ModuleLayer.boot().findModule("java.desktop").ifPresent(GpJobsCliProcessTest.class.getModule()::addReads);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image).as("PNG at %s", png).isNotNull();
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF && (image.getRGB(x, y) >>> 24) != 0) {
                    coloured++;
                }
            }
        }
        assertThat(coloured).as("pixels drawn").isGreaterThan(1000);
    }

    @Test
    void runPrintsTheExecuteResponse() throws Exception {
        Run r = cli("run", "LongRunningTask", "Steps=3", "Step_Delay_Ms=0");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode resp = r.json().get(0);
        assertThat(resp.path("results").get(0).path("paramName").asText()).isEqualTo("Steps_Completed");
        assertThat(resp.path("results").get(0).path("value").asInt()).isEqualTo(3);
        assertThat(resp.path("messages").isArray()).isTrue();
    }

    @Test
    void inputsAreReadFromFilesWithAt() throws Exception {
        Files.writeString(tmp.resolve("stations.json"), SampleData.read(SampleData.BIKE_STATIONS));
        Run r = cli("run", "Buffer", "Input_Features=@stations.json",
                "Distance={\"distance\":1,\"units\":\"esriKilometers\"}", "Dissolve_Option=ALL");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode out = r.json().get(0).path("results").get(0);
        assertThat(out.path("paramName").asText()).isEqualTo("Output_Features");
        assertThat(out.path("value").path("features")).hasSize(1); // dissolved into one polygon
        assertThat(out.path("value").path("features").get(0).path("attributes").path("BUFF_DIST").asDouble())
                .isEqualTo(1.0);
    }

    @Test
    void aJobSubmittedByOneProcessIsShownAndDeletedByOthers() throws Exception {
        Run submit = cli("submit", "LongRunningTask", "Steps=4", "Step_Delay_Ms=0", "--follow",
                "--progress", "plain");
        assertThat(submit.exit()).as(submit.toString()).isZero();
        List<JsonNode> docs = submit.json();
        String id = docs.get(0).path("jobId").asText();
        assertThat(id).matches("j[0-9a-f]{32}");
        assertThat(docs.get(1).path("jobStatus").asText()).isEqualTo("esriJobSucceeded");
        assertThat(docs.get(2).get(0).path("value").asInt()).isEqualTo(4);
        assertThat(submit.err()).contains("100% succeeded");

        Run job = cli("job", id);
        assertThat(job.exit()).as(job.toString()).isZero();
        assertThat(job.json().get(0).path("jobStatus").asText()).isEqualTo("esriJobSucceeded");

        Run results = cli("results", id);
        assertThat(results.exit()).as(results.toString()).isZero();
        assertThat(results.json().get(0)).as(results.toString()).hasSize(2);
        assertThat(results.json().get(0).get(0).path("paramName").asText()).isEqualTo("Steps_Completed");
        assertThat(results.json().get(0).get(0).path("value").asInt()).isEqualTo(4);

        Run inputs = cli("inputs", id);
        assertThat(inputs.json().get(0)).as(inputs.toString()).hasSize(2);
        assertThat(inputs.json().get(0).get(0).path("value").asInt()).isEqualTo(4);

        Run jobs = cli("jobs");
        assertThat(jobs.out()).contains(id + "  esriJobSucceeded");

        Run delete = cli("delete", id);
        assertThat(delete.exit()).as(delete.toString()).isZero();
        assertThat(delete.json().get(0).path("jobStatus").asText()).isEqualTo("esriJobDeleted");

        Run gone = cli("job", id);
        assertThat(gone.exit()).as(gone.toString()).isEqualTo(2);
        assertThat(gone.err()).contains(id);
    }

    @Test
    void anotherProcessSeesAndCancelsARunningJob() throws Exception {
        // 600 steps of 100 ms: a minute unless cancelled
        Process submitter = command("submit", "LongRunningTask", "Steps=600", "Step_Delay_Ms=100")
                .redirectError(tmp.resolve("submit-err.txt").toFile()).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(submitter.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> readLine(reader)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> readAll(reader));
            String id = MAPPER.readTree(first).path("jobId").asText();
            assertThat(id).as(first).matches("j[0-9a-f]{32}");

            Run job = cli("job", id);
            assertThat(job.exit()).as(job.toString()).isZero();
            assertThat(job.json().get(0).path("jobStatus").asText()).isIn("esriJobSubmitted", "esriJobExecuting");

            Run cancel = cli("cancel", id);
            assertThat(cancel.exit()).as(cancel.toString()).isZero();
            assertThat(cancel.json().get(0).path("jobStatus").asText()).isIn("esriJobCancelling", "esriJobCancelled");

            assertThat(submitter.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the submitter ends").isTrue();
            assertThat(submitter.exitValue()).isEqualTo(1);
            JsonNode finalJob = MAPPER.readTree(rest.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertThat(finalJob.path("jobStatus").asText()).isEqualTo("esriJobCancelled");

            Run after = cli("job", id);
            assertThat(after.json().get(0).path("jobStatus").asText()).isEqualTo("esriJobCancelled");
        } finally {
            submitter.destroyForcibly();
        }
    }

    @Test
    void theJobOfAKilledProcessEndsFailedWhenItsClaimRunsOut() throws Exception {
        Process submitter = command("submit", "LongRunningTask", "Steps=600", "Step_Delay_Ms=100")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String id;
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(submitter.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> readLine(reader)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            id = MAPPER.readTree(first).path("jobId").asText();
            Run running = cli("job", id);
            assertThat(running.json().get(0).path("jobStatus").asText()).as(running.toString())
                    .isEqualTo("esriJobExecuting");
        } finally {
            submitter.destroyForcibly(); // SIGKILL: no shutdown hook, the job is left Executing
        }
        assertThat(submitter.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        // Once the claim ran out (10 s), follow's own engine takes the job over (its sweep, every half lease) and
        // marks it Failed, or follow sees the claim run out first, restarts its engine, whose recovery does it.
        Run follow = cli("follow", id, "--progress", "plain");
        assertThat(follow.exit()).as(follow.toString()).isEqualTo(1);
        JsonNode job = follow.json().get(0);
        assertThat(job.path("jobStatus").asText()).isEqualTo("esriJobFailed");
        assertThat(job.path("messages").toString()).contains("the engine running it stopped");
        // Either way the user is told why on stderr: follow's note, or the job's error message under the bar;
        // the engine's takeover warning goes to the log file, not the terminal.
        assertThat(follow.err()).containsAnyOf("stopped without ending it", "the engine running it stopped");
        assertThat(follow.err()).doesNotContain("was esriJobExecuting on node ");

        Run after = cli("job", id);
        assertThat(after.json().get(0).path("jobStatus").asText()).isEqualTo("esriJobFailed");
    }

    @Test
    void badInputExitsWithTwoAndNamesTheParameterAndValue() throws Exception {
        Run bad = cli("submit", "LongRunningTask", "Steps=lots");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("Steps").contains("lots");
        assertThat(bad.out()).isEmpty();

        Run malformed = cli("run", "LongRunningTask", "Steps");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("input 'Steps' is not name=value");

        Run unknownTask = cli("describe", "Bufer");
        assertThat(unknownTask.exit()).isEqualTo(2);
        assertThat(unknownTask.err()).contains("Bufer");

        Run badId = cli("cancel", "j123");
        assertThat(badId.exit()).isEqualTo(2);
        assertThat(badId.err()).contains("j123");

        // nothing was stored by the rejected submit
        Run jobs = cli("jobs");
        assertThat(jobs.exit()).isZero();
        assertThat(jobs.out()).isEmpty();
    }

    @Test
    void aServiceJsonFileChoosesTheServiceAndItsJobsDirectory() throws Exception {
        Path own = tmp.resolve("own-jobs");
        Files.writeString(tmp.resolve("svc.json"), "{\"serviceName\":\"custom\",\"type\":\"GPServer\","
                + "\"properties\":{\"executionType\":\"Synchronous\",\"jobsDirectory\":"
                + MAPPER.writeValueAsString(own.toString()) + "}}");
        Run r = cli("--service", "svc.json", "run", "LongRunningTask", "Steps=2", "Step_Delay_Ms=0");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get(0).path("results").get(0).path("value").asInt()).isEqualTo(2);
        assertThat(own.resolve("custom_gpserver")).isDirectory();

        Files.writeString(tmp.resolve("bad.json"), "{\"serviceName\":\"custom\",\"properties\":{\"maxUsageTime\":-3}}");
        Run bad = cli("--service", "bad.json", "tasks");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.json").contains("maxUsageTime");
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        Run r = cli("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage:").contains("demo").contains("--jobs-dir");
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readAll(BufferedReader r) {
        return r.lines().collect(Collectors.joining("\n"));
    }
}
