package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Cancel races with completion: whichever wins, the job ends in one truthful status and no write is lost. */
class CancelRaceTest {
    private static final int ROUNDS = 1000;
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Meets the test thread at a barrier, then returns at once (never looks at its token). */
    static final class RacingTask implements Task {
        final AtomicReference<CyclicBarrier> barrier = new AtomicReference<>();

        @Override
        public TaskDefinition definition() {
            return new TaskDefinition("Race", null, null, null, null, List.of(
                    ParameterDefinition.requiredInput("text", GPDataType.STRING),
                    ParameterDefinition.output("result", GPDataType.STRING)));
        }

        @Override
        public void execute(TaskContext ctx) throws Exception {
            barrier.get().await(20, TimeUnit.SECONDS);
            ctx.setOutput("result", new GPString("done"));
        }
    }

    @Test
    void cancelVersusCompletion() throws Exception {
        RacingTask task = new RacingTask();
        RecordingListener events = new RecordingListener();
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Race").maxInstances(1).task(task).build();
        int cancelledWins = 0;
        int completionWins = 0;
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).listener(events).build()) {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier barrier = new CyclicBarrier(2);
                task.barrier.set(barrier);
                String id = engine.anonymous().submitJob("Race", "Race", Map.of("text", "x")).jobId();
                barrier.await(20, TimeUnit.SECONDS);
                // Vary the timing a little so both orders happen.
                for (int spin = ThreadLocalRandom.current().nextInt(200); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                JobStatus cancelAnswer;
                try {
                    cancelAnswer = engine.anonymous().cancel(id).status();
                } catch (InvalidInputException refused) {
                    cancelAnswer = null;
                }
                JobInfo end = engine.anonymous().awaitCompletion(id, WAIT);
                JobRecord record = store.read(id).orElseThrow();
                List<String> writes = store.log(id);
                if (cancelAnswer == null) {
                    // Completion won: the cancel was refused because the job had already succeeded.
                    completionWins++;
                    assertThat(end.status()).isEqualTo(JobStatus.SUCCEEDED);
                    assertThat(engine.anonymous().result(id, "result").value()).isEqualTo(new GPString("done"));
                    assertThat(writes.indexOf("putResults")).isLessThan(writes.indexOf("update:esriJobSucceeded"));
                } else {
                    // Cancel won: Cancelling, then Cancelled when the task returned.
                    cancelledWins++;
                    assertThat(cancelAnswer).isEqualTo(JobStatus.CANCELLING);
                    assertThat(end.status()).isEqualTo(JobStatus.CANCELLED);
                    assertThat(record.cancelRequested()).isTrue();
                    assertThat(writes).contains("update:esriJobCancelling").doesNotContain("update:esriJobSucceeded");
                }
                // No lost update: the version counts every write the store accepted, and the last message says
                // how the job ended.
                assertThat(record.version()).isEqualTo(writes.stream().filter(w -> !w.equals("putResults")).count());
                assertThat(record.messages().get(record.messages().size() - 1).description())
                        .isEqualTo(end.status() == JobStatus.SUCCEEDED ? "Succeeded." : "Cancelled.");
                JobJsonSchema.render(end);
            }
        }
        assertThat(events.allLegal()).as("only legal transitions").isTrue();
        assertThat(cancelledWins + completionWins).isEqualTo(ROUNDS);
        // Both orders happened, so the race was really run (each wins hundreds of rounds in practice).
        assertThat(cancelledWins).isPositive();
        assertThat(completionWins).isPositive();
        System.out.printf("cancel won %d, completion won %d of %d rounds%n", cancelledWins, completionWins, ROUNDS);
    }

    @Test
    void cancelRightAfterSubmitEndsCancelledOrSucceededNeverBoth() {
        GPService svc = GPService.builder("Quick").maxInstances(2).task(TestTasks.echo()).build();
        RecordingListener events = new RecordingListener();
        try (GPEngine engine = GPEngine.builder().service(svc).listener(events).build()) {
            for (int round = 0; round < ROUNDS; round++) {
                String id = engine.anonymous().submitJob("Quick", "Echo", Map.of("text", "x")).jobId();
                try {
                    engine.anonymous().cancel(id);
                } catch (InvalidInputException alreadyDone) {
                    // completion won
                }
                JobInfo end = engine.anonymous().awaitCompletion(id, WAIT);
                assertThat(end.status()).isIn(JobStatus.CANCELLED, JobStatus.SUCCEEDED);
                // Listeners hear of a status just after readers can see it.
                Await.until("the end of " + id + " is reported",
                        () -> events.statusesOf(id).stream().anyMatch(JobStatus::isTerminal));
                assertThat(events.statusesOf(id)).filteredOn(JobStatus::isTerminal).containsExactly(end.status());
            }
        }
        assertThat(events.allLegal()).isTrue();
    }
}
