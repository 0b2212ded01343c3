package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.GPEngine;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.testkit.ManualClock;
import io.gpjobs.value.GPLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine in a child JVM with 100 jobs in flight on a jobs directory is killed with {@code kill -9}
 * ({@link Process#destroyForcibly()}) at several points; a new engine with the same node id opens the directory
 * (or one with another node id, once the dead engine's leases expired, at its start or while it runs) and every
 * job the child accepted is readable, no record is torn, no temporary file of the dead process is left, jobs that were executing are Failed with a message saying the engine stopped, and queued ones run to
 * success with all their results.
 */
class EngineCrashTest {

    private static final int JOBS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Whether the child finished all its jobs before the kill landed. */
    private boolean childFinished;

    @ParameterizedTest(name = "killed {0}")
    @CsvSource({
        "during submission, accepted, j, 25",
        "with all submitted, submitted-all, '', 1",
        "while completing, status, esriJobSucceeded, 40",
        "near the end, status, esriJobSucceeded, 70"})
    void everyAcceptedJobSurvivesAKillInATruthfulStatus(String when, String prefix, String part, int nth)
            throws Exception {
        crashAndRecover(when, prefix, part, nth, "crash-node", Clock.systemUTC(), engine -> { });
    }

    /**
     * A restarted engine with another node id takes over the dead engine's jobs once their leases expired (here:
     * its clock is an hour ahead, past every 30 s lease).
     */
    @Test
    void anotherNodeTakesOverTheJobsOnceTheLeasesExpired() throws Exception {
        crashAndRecover("with all submitted, recovered by another node", "submitted-all", "", 1, "other-node",
                Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), engine -> { });
    }

    /**
     * A new engine with another node id starts while the dead engine's leases still hold (as when a killed
     * process is restarted at once with a random node id): it leaves the dead engine's jobs alone at start, and
     * takes every one of them over while running, once its clock passes their leases.
     */
    @Test
    void anotherNodeStartedWithinTheLeasesTakesOverTheJobsWhileRunning() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        crashAndRecover("with all submitted, another node started within the leases", "submitted-all", "", 1,
                "restarted-node", clock, engine -> {
                    // Still within the dead engine's leases: it keeps every unfinished job at start.
                    Map<String, String> holders = unfinishedHolders();
                    assertThat(holders.values()).as("holders of the unfinished jobs").containsOnly("crash-node");
                    if (!childFinished) {
                        assertThat(holders).as("jobs the child left unfinished").isNotEmpty();
                    }
                    System.out.printf("restarted within the leases: %d unfinished job(s) left alone at start%n",
                            holders.size());
                    // Past the leases: the running engine's next sweep takes them all over (checked below).
                    clock.advance(Duration.ofMinutes(1));
                });
    }

    private void crashAndRecover(String when, String prefix, String part, int nth, String recoveringNode,
            Clock recoveringClock, Consumer<GPEngine> afterStart) throws Exception {
        String node = "crash-node";
        Map<String, Long> accepted = new HashMap<>();
        long childPid;
        try (ChildJvm child = ChildJvm.start(CrashingEngine.class, dir.toString(), node, "" + JOBS)) {
            childPid = child.pid();
            child.awaitLine("ready", Duration.ofSeconds(60));
            child.awaitNth(prefix, part, nth, Duration.ofSeconds(120));
            child.kill();
            child.awaitOutputEnd();
            for (String line : child.output().lines().toList()) {
                if (line.startsWith("accepted ")) {
                    String[] f = line.split(" ");
                    accepted.put(f[1], Long.parseLong(f[2]));
                }
            }
            childFinished = child.output().contains("all-done");
            if (childFinished) {
                // a very slow parent may kill too late; the checks below still hold, but say so
                System.out.printf("killed %s: the child had already finished%n", when);
            }
        }
        assertThat(accepted).isNotEmpty();
        assertEveryRecordParses();

        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).nodeId(recoveringNode)
                .clock(recoveringClock).build()) {
            assertThat(transientNames()).as("temporary files of the killed process")
                    .noneMatch(n -> n.contains("-" + childPid + "-") || n.contains(".tmp-" + childPid));
            afterStart.accept(engine);

            List<JobInfo> all = engine.jobs(JobQuery.all().withPage(0, 1000)).jobs();
            assertThat(all).extracting(JobInfo::jobId).containsAll(accepted.keySet());
            int failed = 0;
            for (JobInfo listed : all) {
                JobInfo done = engine.anonymous().awaitCompletion(listed.jobId(), Duration.ofSeconds(120));
                assertThat(done.status()).as("job %s after recovery", done.jobId())
                        .isIn(JobStatus.SUCCEEDED, JobStatus.FAILED);
                Long n = accepted.get(done.jobId());
                if (done.status() == JobStatus.SUCCEEDED) {
                    if (n != null) {
                        assertThat(engine.anonymous().result(done.jobId(), "doubled").value()).isEqualTo(new GPLong(2 * n));
                    }
                    assertThat(dir.resolve("Crash_gpserver").resolve(done.jobId()).resolve("scratch/digest.bin"))
                            .isRegularFile();
                } else {
                    failed++;
                    assertThat(done.messages()).filteredOn(m -> m.type() == MessageType.ERROR)
                            .extracting(JobMessage::description).anyMatch(d -> d.contains("engine running it stopped"));
                }
            }
            assertThat(failed).as("jobs that were executing when the engine died (4 worker slots)")
                    .isLessThanOrEqualTo(4);
            System.out.printf("killed %s: %d accepted, %d records, %d failed as stopped, %d succeeded%n", when,
                    accepted.size(), all.size(), failed, all.size() - failed);
        }
        assertEveryRecordParses();
        assertThat(transientNames()).as("temporary files after a clean close").isEmpty();
    }

    private void assertEveryRecordParses() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                assertThat(name).as("quarantined record").doesNotContain(".corrupt-");
                // a record is <service>_gpserver/<jobId>/record.json; a job folder still under its temporary
                // name was never created, and the next open removes it
                boolean isRecord = name.equals("record.json")
                        && io.gpjobs.spi.JobRecord.isValidJobId(p.getParent().getFileName().toString())
                        && p.getParent().getParent().getFileName().toString().endsWith("_gpserver");
                if (isRecord) {
                    JsonNode n = JSON.readTree(p.toFile());
                    assertThat(n.path("format").asInt()).as("format of %s", p).isEqualTo(1);
                    assertThat(n.path("jobId").asText()).isEqualTo(p.getParent().getFileName().toString());
                    JobStatus.fromWireName(n.path("status").asText());
                }
            }
        }
    }

    /** The node id holding each unfinished job, read from the records on disk. */
    private Map<String, String> unfinishedHolders() {
        Map<String, String> holders = new HashMap<>();
        try {
            for (Path p : livePaths().stream().filter(f -> f.getFileName().toString().equals("record.json"))
                    .toList()) {
                JsonNode n = JSON.readTree(p.toFile());
                if (!JobStatus.fromWireName(n.path("status").asText()).isTerminal()) {
                    holders.put(n.path("jobId").asText(), n.path("nodeId").asText());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return holders;
    }

    private List<String> transientNames() throws IOException {
        return livePaths().stream().map(p -> p.getFileName().toString())
                .filter(n -> n.contains(".tmp-") || n.startsWith(".deleted-"))
                .toList();
    }

    /**
     * Every path under the jobs directory. A running engine creates and renames temporary files meanwhile: a
     * path that vanishes during the walk is skipped (Files.walk would fail on it).
     */
    private List<Path> livePaths() throws IOException {
        List<Path> paths = new java.util.ArrayList<>();
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d,
                    java.nio.file.attribute.BasicFileAttributes attrs) {
                paths.add(d);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes attrs) {
                paths.add(f);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return paths;
    }
}
