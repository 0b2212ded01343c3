package io.gpjobs.testkit;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPDate;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import io.gpjobs.value.ParameterFilter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskTesterTest {

    /** Counts to Steps with a step progressor, checking for cancellation before each step. */
    static final class CountingTask implements Task {
        @Override
        public TaskDefinition definition() {
            return new TaskDefinition("Count", null, null, null, null, List.of(
                    ParameterDefinition.requiredInput("Steps", GPDataType.LONG)
                            .withFilter(new ParameterFilter.Range(1.0, 100.0)),
                    ParameterDefinition.output("Counted", GPDataType.LONG),
                    ParameterDefinition.output("Done_At", GPDataType.DATE)));
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            int steps = (int) context.input("Steps", GPLong.class).value();
            context.progressor().setStep("Counting", 0, steps, 1);
            for (int i = 1; i <= steps; i++) {
                context.cancellation().throwIfCancellationRequested();
                if (i == 2) {
                    context.warning("step 2 is suspicious");
                }
                context.progressor().step();
            }
            context.cancellation().throwIfCancellationRequested();
            Files.writeString(context.scratchFolder().resolve("count.txt"), "counted " + steps);
            context.setOutput("Counted", new GPLong(steps));
            context.setOutput("Done_At", GPDate.of(context.clock().instant()));
            context.info("counted " + steps);
        }
    }

    /** Reports progress once, then waits (up to 30 s of real time) until it is cancelled. */
    static final class WaitingTask implements Task {
        @Override
        public TaskDefinition definition() {
            return new TaskDefinition("Wait", null, null, null, null,
                    List.of(ParameterDefinition.output("Never", GPDataType.STRING)));
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            CountDownLatch cancelled = new CountDownLatch(1);
            context.cancellation().onCancel(cancelled::countDown);
            context.progressor().setDefault("Waiting");
            if (!cancelled.await(30, TimeUnit.SECONDS)) {
                context.setOutput("Never", new GPString("not cancelled"));
            }
        }
    }

    /** Fails with a message. */
    static final class FailingTask implements Task {
        @Override
        public TaskDefinition definition() {
            return new TaskDefinition("Fail", null, null, null, null, List.of());
        }

        @Override
        public void execute(TaskContext context) {
            context.info("about to fail");
            throw new IllegalStateException("parameter 'X' is broken");
        }
    }

    @Test
    void recordsStatusOutputsMessagesProgressAndFilesOfASucceededJob() {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
        TaskRun run = TaskTester.of(new CountingTask()).clock(clock).input("Steps", "4")
                .advanceClockPerProgressStep(Duration.ofSeconds(10)).run();

        assertThat(run)
                .hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Counted", new GPLong(4))
                .hasOutput("Counted", v -> assertThat(v).isInstanceOf(GPLong.class))
                .hasOutput("Done_At", GPDate.class, d -> assertThat(d.epochMillis())
                        .isEqualTo(Instant.parse("2026-05-01T08:00:50Z").toEpochMilli()))
                .hasMessage(MessageType.WARNING, "step 2 is suspicious")
                .hasMessageContaining(MessageType.INFORMATIVE, "counted 4")
                .hasNoMessages(MessageType.ERROR)
                .hasFileText("scratch/count.txt", t -> assertThat(t).isEqualTo("counted 4"));
        assertThat(run).progressPercents().containsExactly(0, 25, 50, 75, 100);
        assertThat(run).progress().first().isEqualTo(new JobProgress(JobProgress.Type.STEP, "Counting", 0));
        assertThat(run).statuses().containsSubsequence(JobStatus.SUBMITTED, JobStatus.EXECUTING, JobStatus.SUCCEEDED);
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
        assertThat(run.endedAt()).isEqualTo(Instant.parse("2026-05-01T08:00:50Z"));
    }

    @Test
    void cancelsInsideTheNthProgressUpdate() {
        TaskRun run = TaskTester.of(new CountingTask()).input("Steps", "10").cancelAfterProgressSteps(3).run();

        assertThat(run).hasStatus(JobStatus.CANCELLED).hasNoOutputs();
        // setStep (0 %), then steps 1 and 2: the task sees the cancel before step 3.
        assertThat(run).progressPercents().containsExactly(0, 10, 20);
        assertThat(run).statuses().containsSubsequence(JobStatus.EXECUTING, JobStatus.CANCELLING,
                JobStatus.CANCELLED);
    }

    @Test
    void cancelAfterZeroStepsCancelsBeforeAnyProgress() {
        TaskRun run = TaskTester.of(new CountingTask()).input("Steps", "10").cancelAfterProgressSteps(0).run();
        assertThat(run).hasStatus(JobStatus.CANCELLED);
        assertThat(run.progress()).hasSizeLessThanOrEqualTo(1);
        assertThat(run).progressPercents().doesNotContain(10);
    }

    @Test
    void cancelsWhenTheClockReachesATime() {
        TaskTester tester = TaskTester.of(new CountingTask()).input("Steps", "10")
                .advanceClockPerProgressStep(Duration.ofMinutes(1));
        TaskRun run = tester.cancelAfter(Duration.ofMinutes(4)).run();
        // Updates move the clock to +1, +2, +3, +4 min; the fourth reaches the cancel time.
        assertThat(run).hasStatus(JobStatus.CANCELLED);
        assertThat(run).progressPercents().containsExactly(0, 10, 20, 30);
    }

    @Test
    void timesOutWhenTheClockPassesTheMaximumUsageTime() {
        TaskRun run = TaskTester.of(new WaitingTask()).maxUsageTime(Duration.ofMinutes(5))
                .advanceClockPerProgressStep(Duration.ofMinutes(6)).run();
        assertThat(run).hasStatus(JobStatus.TIMED_OUT).hasMessageContaining(MessageType.ERROR, "Timed out");
    }

    @Test
    void aFailingTaskEndsFailedWithItsMessage() {
        TaskRun run = TaskTester.of(new FailingTask()).run();
        // an unexpected exception (here an IllegalStateException) reaches the user with the job's context around it
        assertThat(run).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "task 'Fail' failed unexpectedly in job ")
                .hasMessageContaining(MessageType.ERROR, " (IllegalStateException): parameter 'X' is broken")
                .hasMessage(MessageType.INFORMATIVE, "about to fail");
    }

    @Test
    void invalidInputsAreRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> TaskTester.of(new CountingTask()).input("Steps", "1000").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Steps");
        assertThatThrownBy(() -> TaskTester.of(new CountingTask()).run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Steps");
    }

    @Test
    void failedAssertionsShowTheJobsMessages() {
        TaskRun run = TaskTester.of(new FailingTask()).run();
        assertThatThrownBy(() -> assertThat(run).hasStatus(JobStatus.SUCCEEDED))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("esriJobSucceeded").hasMessageContaining("esriJobFailed")
                .hasMessageContaining("parameter 'X' is broken");
        assertThatThrownBy(() -> assertThat(run).hasOutput("Counted", v -> { }))
                .isInstanceOf(AssertionError.class).hasMessageContaining("'Counted'");
        assertThatThrownBy(() -> assertThat(run).hasMessageContaining(MessageType.WARNING, "nope"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("about to fail");
    }

    @Test
    void settingsAreCheckedWhenSet() {
        TaskTester t = TaskTester.of(new CountingTask());
        assertThatThrownBy(() -> t.cancelAfterProgressSteps(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.maxUsageTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.advanceClockPerProgressStep(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskTester.of(null)).isInstanceOf(NullPointerException.class);
    }
}
