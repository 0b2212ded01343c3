package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.samples.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's manners, each command in its own JVM: the exit status and message of every error class,
 * diagnostics kept off the terminal unless {@code --verbose}, progress that never goes backwards (plain lines and
 * the redrawn bar on a real terminal), {@code cleanup --older-than}, and where a submitted job runs.
 */
class GpJobsCliBehaviourTest {
    private static final String INPUT_ERROR = "Invalid or missing input parameters";
    private static final Pattern PERCENT = Pattern.compile("\\] +(\\d{1,3})% ");

    @TempDir
    Path tmp;

    private CliProcess cli() {
        return new CliProcess(tmp, tmp.resolve("jobs"));
    }

    @Test
    void everyErrorClassHasItsExitStatusAndAPlainMessage() throws Exception {
        // usage: 2 with the pointer to the help
        Run unknownCommand = cli().run("buffer");
        assertThat(unknownCommand.exit()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("unknown command 'buffer'").contains("gpjobs --help");
        Run badOption = cli().run("cleanup", "--older-than", "soon");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.err()).contains("--older-than").contains("'soon'");

        // input: 2, and only input problems say so
        Run badInput = cli().run("run", "LongRunningTask", "Steps=lots");
        assertThat(badInput.exit()).as(badInput.toString()).isEqualTo(2);
        assertThat(badInput.err()).contains(INPUT_ERROR).contains("Steps").contains("lots");

        // not a job id, no such job: 2, plain
        Run notAnId = cli().run("job", "j123");
        assertThat(notAnId.exit()).isEqualTo(2);
        assertThat(notAnId.err()).contains("'j123' is not a job id").doesNotContain(INPUT_ERROR);
        String unknownId = "j" + "0".repeat(32);
        Run missing = cli().run("cancel", unknownId);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no job " + unknownId + " in " + tmp.resolve("jobs"))
                .doesNotContain(INPUT_ERROR);

        // the job failed: 1 (a bad row with Fail_On_Bad_Rows)
        Files.writeString(tmp.resolve("bad.csv"), "x,y\n1,2\nthree,4\n");
        Run failed = cli().run("run", "CsvToPoints", "Input_File=bad.csv", "Fail_On_Bad_Rows=true");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("did not succeed").contains("three");

        // a job in the wrong state: 2, plain
        Run done = cli().run("submit", "LongRunningTask", "Steps=1", "Step_Delay_Ms=0");
        assertThat(done.exit()).as(done.toString()).isZero();
        String id = done.json().get(0).path("jobId").asText();
        Run cancelDone = cli().run("cancel", id);
        assertThat(cancelDone.exit()).isEqualTo(2);
        assertThat(cancelDone.err()).contains("job " + id + " already ended succeeded; there is nothing to cancel")
                .doesNotContain(INPUT_ERROR);
        String failedId = failedJobId();
        Run noResults = cli().run("results", failedId);
        assertThat(noResults.exit()).isEqualTo(2);
        assertThat(noResults.err()).contains("job " + failedId + " has no results: it ended failed")
                .doesNotContain(INPUT_ERROR);

        // an unusable jobs directory: 2, plain; the commands that need none still work
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Run dirIsFile = cli().run("--jobs-dir", file.toString(), "jobs");
        assertThat(dirIsFile.exit()).isEqualTo(2);
        assertThat(dirIsFile.err()).contains("the jobs directory " + file + " is a file, not a folder")
                .doesNotContain(INPUT_ERROR).doesNotContain("Exception");
        Run underFile = cli().run("--jobs-dir", file.resolve("jobs").toString(), "submit", "LongRunningTask");
        assertThat(underFile.exit()).isEqualTo(2);
        assertThat(underFile.err()).contains("cannot create the jobs directory " + file.resolve("jobs"));
        // gpjobs' own failure, here the store's (a file where the service's folder belongs): 3, the trace in the log
        Path broken = Files.createDirectories(tmp.resolve("broken-jobs"));
        Files.writeString(broken.resolve("samples_gpserver"), "not a folder");
        Run storage = cli().run("--jobs-dir", broken.toString(), "submit", "LongRunningTask", "Steps=1");
        assertThat(storage.exit()).as(storage.toString()).isEqualTo(3);
        assertThat(storage.err()).contains("cannot create job").contains("the details are in gpjobs.log")
                .doesNotContain("\tat ").doesNotContain(INPUT_ERROR);
        assertThat(Files.readString(broken.resolve(CliLogging.LOG_FILE))).contains("SEVERE")
                .contains("JobStoreException").contains("\tat ");

        for (String[] noDir : List.of(new String[] {"tasks"}, new String[] {"describe", "Buffer"},
                new String[] {"--help"})) {
            List<String> args = new ArrayList<>(List.of("--jobs-dir", file.toString()));
            args.addAll(List.of(noDir));
            Run r = cli().run(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isNotEmpty();
        }
    }

    private String failedJobId() throws Exception {
        for (String line : cli().run("jobs").out().lines().toList()) {
            if (line.contains("esriJobFailed")) {
                return line.substring(0, 33);
            }
        }
        throw new AssertionError("no failed job listed");
    }

    @Test
    void diagnosticsGoToTheLogFileAndToStderrOnlyWithVerbose() throws Exception {
        // a temporary file a killed gpjobs process left: the store removes it at open and logs that (INFO)
        Path service = Files.createDirectories(tmp.resolve("jobs/samples_gpserver"));
        Path leftover = Files.writeString(service.resolve(".record.json.tmp-999999999-1a2b"), "{");
        Run quiet = cli().run("jobs");
        assertThat(quiet.exit()).as(quiet.toString()).isZero();
        assertThat(leftover).doesNotExist();
        Path log = tmp.resolve("jobs/" + CliLogging.LOG_FILE);
        assertThat(Files.readString(log)).contains("INFO io.gpjobs.store.disk.internal.DirectoryCleaner: removing "
                + leftover + " left by a stopped process");
        assertThat(quiet.err()).doesNotContain("left by a stopped process");
        assertNoLogLines(quiet.err());

        Files.writeString(leftover, "{");
        Run verbose = cli().run("jobs", "--verbose");
        assertThat(leftover).doesNotExist();
        assertThat(verbose.err()).contains("INFO io.gpjobs.store.disk.internal.DirectoryCleaner: removing "
                + leftover + " left by a stopped process");

        // nor on a job's way: a run, a submit that waits, a follow, a cleanup
        Run run = cli().run("run", "LongRunningTask", "Steps=3", "Step_Delay_Ms=10");
        Run submit = cli().run("submit", "LongRunningTask", "Steps=3", "Step_Delay_Ms=10", "--follow");
        Run cleanup = cli().run("cleanup");
        for (Run r : List.of(run, submit, cleanup)) {
            assertThat(r.exit()).as(r.toString()).isZero();
            assertNoLogLines(r.err());
        }
    }

    /** No line of java.util.logging's default formats, nor of the log file's. */
    private static void assertNoLogLines(String stderr) {
        for (String line : stderr.lines().toList()) {
            assertThat(line).as("stderr line").doesNotMatch("^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): .*")
                    .doesNotMatch("^[A-Z][a-z]{2} \\d{1,2}, \\d{4} .*")
                    .doesNotMatch("^\\d{4}-\\d\\d-\\d\\dT.* pid \\d+ .*");
        }
    }

    @Test
    void plainProgressNeverGoesBackNorBackToTheBouncingBarWhenBufferDissolves() throws Exception {
        // Buffer drives a step progressor over the features, then a default one (no percent) while it dissolves. The
        // follower samples progress every tick, so on a fast machine a small input can finish buffering between two
        // samples: the input grows until a percent was seen before the dissolve began (what the test is about).
        Run r = null;
        for (int n = 1000; n <= 27_000; n *= 3) {
            Files.writeString(tmp.resolve("many.geojson"), randomPoints(n));
            r = cli().run("submit", "Buffer", "Input_Features=@many.geojson",
                    "Distance={\"distance\":100,\"units\":\"esriMeters\"}", "Dissolve_Option=ALL", "--follow");
            if (r.exit() != 0 || aPercentPrecedesTheDissolve(r.err())) {
                break;
            }
        }
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("\r"); // stderr is a file here: plain lines
        List<String> bars = r.err().lines().filter(l -> l.startsWith("[")).toList();
        List<Integer> percents = percents(bars);
        assertThat(percents).as(r.err()).isSorted().contains(100);
        assertThat(bars).anySatisfy(l -> assertThat(l)
                .matches("\\[[#.]{24}\\] +\\d+% Dissolving \\d+ buffers .*"));
        // once the task set its own progress, the label never falls back to the engine's generic one
        int firstBuffering = bars.indexOf(bars.stream().filter(l -> l.contains("Buffering")).findFirst()
                .orElseThrow());
        assertThat(bars.subList(firstBuffering, bars.size())).noneMatch(l -> l.contains("Executing..."));
        int firstPercent = indexOfFirstPercent(bars);
        assertThat(bars.subList(firstPercent, bars.size())).noneMatch(l -> l.contains("<=>"));
    }

    @Test
    void onATerminalTheBarIsRedrawnEvenWithStdoutRedirected() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeThat(Files.isExecutable(script)).as("util-linux script(1) gives the CLI a terminal").isTrue();
        Path transcript = tmp.resolve("typescript");
        Path stdout = tmp.resolve("stdout.json");
        String cmd = String.join(" ", cli().commandLine("submit", "LongRunningTask", "Steps=15",
                "Step_Delay_Ms=100", "--follow").stream().map(GpJobsCliBehaviourTest::quote).toList())
                + " > " + quote(stdout.toString());
        Process p = new ProcessBuilder(script.toString(), "-qec", cmd, transcript.toString()).directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("script-out.txt").toFile()).start();
        assertThat(p.waitFor(CliProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("script-out.txt"))).isZero();
        String tty = Files.readString(transcript);
        List<String> redraws = Stream.of(tty.split("[\r\n]")).filter(l -> l.startsWith("[")).toList();
        assertThat(tty).contains("\r[");
        assertThat(percents(redraws)).as(tty).isSorted().contains(100).hasSizeGreaterThan(3);
        // stdout went to the file, not the terminal
        assertThat(cli().run("job", CliProcess.MAPPER.readTree(Files.readAllLines(stdout).get(0)).path("jobId")
                .asText()).exit()).isZero();
        assertThat(tty).doesNotContain("\"jobStatus\"");
    }

    @Test
    void cleanupOlderThanRemovesOnlyTheJobsFinishedBeforeThatAge() throws Exception {
        String old = cli().run("submit", "LongRunningTask", "Steps=1", "Step_Delay_Ms=0").json().get(0)
                .path("jobId").asText();
        String recent = cli().run("submit", "LongRunningTask", "Steps=1", "Step_Delay_Ms=0").json().get(0)
                .path("jobId").asText();
        // age the first job by three hours, as if it had run then
        Path record = tmp.resolve("jobs/samples_gpserver/" + old + "/record.json");
        ObjectNode json = (ObjectNode) CliProcess.MAPPER.readTree(record.toFile());
        for (String field : List.of("submitted", "started", "ended", "updated")) {
            json.put(field, Instant.parse(json.path(field).asText()).minus(Duration.ofHours(3)).toString());
        }
        Files.writeString(record, CliProcess.MAPPER.writeValueAsString(json));
        // the disk store trusts its snapshot of finished jobs (their fields never change): a hand edit drops it
        Files.deleteIfExists(tmp.resolve("jobs/.index/finished.bin"));

        Run keepAll = cli().run("cleanup", "--older-than", "4h");
        assertThat(keepAll.exit()).as(keepAll.toString()).isZero();
        assertThat(keepAll.json().get(0).path("removed").asInt()).isZero();
        Run cleanup = cli().run("cleanup", "--older-than", "2h");
        assertThat(cleanup.exit()).as(cleanup.toString()).isZero();
        assertThat(cleanup.json().get(0).path("removed").asInt()).isEqualTo(1);
        assertThat(cleanup.err()).contains("removed 1 finished job(s) last updated more than 2 h ago");
        String jobs = cli().run("jobs").out();
        assertThat(jobs).contains(recent).doesNotContain(old);
    }

    @Test
    void submitSaysWhereTheJobRunsAndDetachReturnsAtOnce() throws Exception {
        Run waits = cli().run("submit", "LongRunningTask", "Steps=2", "Step_Delay_Ms=0");
        assertThat(waits.exit()).isZero();
        assertThat(waits.err()).contains("runs in this process: gpjobs returns when it ends").contains("--detach");

        // ten minutes of work unless cancelled: the command returns long before
        Run detached = cli().run("submit", "--detach", "LongRunningTask", "Steps=6000", "Step_Delay_Ms=100");
        assertThat(detached.exit()).as(detached.toString()).isZero();
        List<JsonNode> docs = detached.json();
        assertThat(docs).hasSize(1);
        String id = docs.get(0).path("jobId").asText();
        Matcher pid = Pattern.compile("in process (\\d+)").matcher(detached.err());
        assertThat(pid.find()).as(detached.err()).isTrue();
        ProcessHandle background = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        try {
            Run job = cli().run("job", id);
            assertThat(job.json().get(0).path("jobStatus").asText()).isIn("esriJobSubmitted", "esriJobExecuting");
            Run cancel = cli().run("cancel", id);
            assertThat(cancel.exit()).as(cancel.toString()).isZero();
            background.onExit().get(CliProcess.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(cli().run("job", id).json().get(0).path("jobStatus").asText()).isEqualTo("esriJobCancelled");
        } finally {
            background.destroyForcibly();
        }

        Run refused = cli().run("submit", "--detach", "LongRunningTask", "Steps=lots");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains(INPUT_ERROR).contains("lots");
        assertThat(refused.out()).isEmpty();
    }

    private static List<Integer> percents(List<String> bars) {
        List<Integer> out = new ArrayList<>();
        for (String l : bars) {
            Matcher m = PERCENT.matcher(l);
            if (m.find()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    private static int indexOfFirstPercent(List<String> bars) {
        for (int i = 0; i < bars.size(); i++) {
            if (PERCENT.matcher(bars.get(i)).find()) {
                return i;
            }
        }
        throw new AssertionError("no percent in " + bars);
    }

    private static boolean aPercentPrecedesTheDissolve(String err) {
        for (String line : err.lines().toList()) {
            if (line.contains("Dissolving")) {
                return false;
            }
            if (line.startsWith("[") && line.matches("\\[[#.]{24}\\] +\\d+% .*") && !line.contains("100%")) {
                return true;
            }
        }
        return false;
    }

    private static String randomPoints(int n) {
        Random random = new Random(42);
        ObjectNode fc = CliProcess.MAPPER.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (int i = 0; i < n; i++) {
            ObjectNode f = features.addObject().put("type", "Feature");
            f.putObject("geometry").put("type", "Point").putArray("coordinates")
                    .add(10.70 + random.nextDouble() * 0.1).add(59.90 + random.nextDouble() * 0.05);
            f.putObject("properties").put("i", i);
        }
        return fc.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
