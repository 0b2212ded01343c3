package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPLong;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a job removes all of it, also when its task goes on writing scratch files after the delete, and what a
 * removal of this process left behind is removed by the next janitor run (not only at the next start).
 */
class DeleteWhileWritingTest {

    private static final String SERVICE = "Writers";
    private static final String TASK = "KeepsWriting";

    @TempDir
    Path dir;

    /**
     * Writes a file, reports it started, waits until the test deleted the job, then goes on writing (creating its
     * sub-folder again first, as a task writing tiles does) before it notices and returns.
     */
    static final class KeepsWriting implements Task {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch deleted = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public TaskDefinition definition() {
            return new TaskDefinition(TASK, null, "writes scratch files until long after it was told to stop", null,
                    null, List.of(ParameterDefinition.requiredInput("n", GPDataType.LONG)));
        }

        @Override
        public void execute(TaskContext ctx) throws Exception {
            try {
                Path scratch = ctx.scratchFolder();
                write(scratch, 0);
                started.countDown();
                if (!deleted.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never deleted");
                }
                for (int i = 1; i <= 20; i++) {
                    write(scratch, i);
                }
            } finally {
                done.countDown();
            }
        }

        private static void write(Path scratch, int i) throws IOException {
            Path tiles = Files.createDirectories(scratch.resolve("tiles"));
            Files.writeString(tiles.resolve("tile-" + i + ".txt"), "tile " + i);
        }
    }

    private GPService service(Task task) {
        return GPService.builder(SERVICE).jobsDirectory(dir.toString()).maxInstances(2).task(task).build();
    }

    /** Every entry of the jobs directory that belongs to {@code jobId}: its folder or a being-deleted one. */
    private List<String> remainsOf(String jobId) throws IOException {
        // names only (entries being removed may vanish during the listing)
        List<String> out = new java.util.ArrayList<>();
        try (Stream<Path> services = Files.list(dir)) {
            for (Path service : services.filter(p -> p.getFileName().toString().endsWith("_gpserver")).toList()) {
                try (Stream<Path> jobs = Files.list(service)) {
                    jobs.map(p -> p.getFileName().toString()).filter(n -> n.contains(jobId)).forEach(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void aJobDeletedWhileItsTaskStillWritesScratchFilesLeavesNoFolder() throws Exception {
        for (int round = 0; round < 5; round++) {
            KeepsWriting task = new KeepsWriting();
            try (GPEngine engine = GPEngine.builder().service(service(task)).janitorInterval(Duration.ofDays(1))
                    .build()) {
                String id = engine.anonymous().submitJob(SERVICE, TASK, Map.of("n", "1")).jobId();
                assertThat(task.started.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(engine.anonymous().delete(id).status()).isEqualTo(JobStatus.DELETED);
                task.deleted.countDown();
                assertThat(task.done.await(30, TimeUnit.SECONDS)).isTrue();
                awaitNothingLeft(id);
                assertThat(remainsOf(id)).as("round %d", round).isEmpty();
                // the engine still works on the directory
                String next = engine.anonymous().submitJob(SERVICE, TASK, Map.of("n", "2")).jobId();
                assertThat(engine.anonymous().delete(next).status()).isEqualTo(JobStatus.DELETED);
            }
        }
    }

    /** Waits (bounded) until nothing of the job is left; the task's end is what removes its late writes. */
    private void awaitNothingLeft(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!remainsOf(id).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void whatARemovalOfThisProcessLeftBehindIsRemovedByTheJanitor() throws Exception {
        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir))
                .janitorInterval(Duration.ofDays(1)).build()) {
            String kept = engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "3")).jobId();
            assertThat(engine.anonymous().awaitCompletion(kept, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);
            Path service = dir.resolve(EngineFixture.SERVICE + "_gpserver");
            // what a removal of this process leaves when a file is still being written into the folder it renamed
            String leftover = ".deleted-" + ProcessHandle.current().pid() + "-5eed-" + io.gpjobs.testkit.ContractRecords
                    .newJobId();
            Path tiles = Files.createDirectories(service.resolve(leftover).resolve("scratch").resolve("tiles"));
            Files.writeString(tiles.resolve("late.txt"), "written after the rename");

            engine.runJanitor();

            assertThat(service.resolve(leftover)).doesNotExist();
            assertThat(engine.anonymous().result(kept, "doubled").value()).isEqualTo(new GPLong(6));
        }
    }
}
