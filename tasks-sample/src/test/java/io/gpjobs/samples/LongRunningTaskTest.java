package io.gpjobs.samples;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.testkit.ManualClock;
import io.gpjobs.testkit.TaskRun;
import io.gpjobs.testkit.TaskTester;
import io.gpjobs.value.GPDate;
import io.gpjobs.value.GPLong;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LongRunningTaskTest {

    @Test
    void runsEveryStepWithAStepProgressor() {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
        TaskRun run = TaskTester.of(new LongRunningTask()).clock(clock)
                .input("Steps", "5").input("Step_Delay_Ms", "0")
                .advanceClockPerProgressStep(Duration.ofSeconds(30))
                .run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Steps_Completed", new GPLong(5))
                // setStep and five steps each move the clock 30 s
                .hasOutput("Finished_At", GPDate.of(Instant.parse("2026-06-01T12:03:00Z")))
                .hasMessage(MessageType.INFORMATIVE, "Running 5 steps of 0 ms.")
                .hasMessage(MessageType.INFORMATIVE, "Completed 5 steps.");
        assertThat(run).progressPercents().containsExactly(0, 20, 40, 60, 80, 100);
        assertThat(run).progress().allSatisfy(p -> assertThat(p.message()).isEqualTo("Simulating 5 steps"));
    }

    @Test
    void stopsBetweenStepsWhenCancelled() {
        TaskRun run = TaskTester.of(new LongRunningTask())
                .input("Steps", "10").input("Step_Delay_Ms", "0")
                .cancelAfterProgressSteps(3)
                .run();
        assertThat(run).hasStatus(JobStatus.CANCELLED).hasNoOutputs();
        assertThat(run).progressPercents().containsExactly(0, 10, 20);
    }

    @Test
    void cancellationWakesAStepThatIsStillWaiting() {
        // Each step would take ten minutes; the cancel arrives in the first one and must end it early.
        TaskRun run = TaskTester.of(new LongRunningTask())
                .input("Steps", "3").input("Step_Delay_Ms", "600000")
                .cancelAfterProgressSteps(1)
                .timeout(Duration.ofSeconds(30))
                .run();
        assertThat(run).hasStatus(JobStatus.CANCELLED);
        assertThat(run).progressPercents().containsExactly(0);
    }

    @Test
    void defaultsAreTenStepsOfHalfASecond() {
        assertThat(new LongRunningTask().definition().parameter("Steps")).get()
                .satisfies(p -> assertThat(p.defaultValue()).isEqualTo(new GPLong(10)));
        assertThat(new LongRunningTask().definition().parameter("Step_Delay_Ms")).get()
                .satisfies(p -> assertThat(p.defaultValue()).isEqualTo(new GPLong(500)));
    }

    @Test
    void stepsOutsideTheRangeAreRejected() {
        assertThatThrownBy(() -> TaskTester.of(new LongRunningTask()).input("Steps", "0").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Steps");
        assertThatThrownBy(() -> TaskTester.of(new LongRunningTask()).input("Step_Delay_Ms", "-5").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Step_Delay_Ms");
    }
}
