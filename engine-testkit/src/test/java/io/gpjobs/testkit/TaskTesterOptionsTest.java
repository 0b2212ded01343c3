package io.gpjobs.testkit;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TaskTester's options: set once, no conflicting cancels, tasks found by name through ServiceLoader. */
class TaskTesterOptionsTest {

    @Test
    void aTaskRegisteredForServiceLoaderIsFoundByItsName() {
        TaskRun run = TaskTester.ofRegistered("Greet").input("Name", "Ada").run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED).hasOutput("Greeting", new GPString("Hello, Ada"));
    }

    @Test
    void anUnregisteredNameIsRefusedWithTheNamesFound() {
        assertThatThrownBy(() -> TaskTester.ofRegistered("Nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Nope'").hasMessageContaining("Greet");
    }

    @Test
    void eachOptionIsSetOnceAndTheErrorNamesTheEarlierValue() {
        TaskTester t = TaskTester.of(new RegisteredTask()).maxUsageTime(Duration.ofMinutes(3));
        assertThatThrownBy(() -> t.maxUsageTime(Duration.ofMinutes(4))).isInstanceOf(IllegalStateException.class)
                .hasMessage("maxUsageTime was already set to PT3M");
        t.timeout(Duration.ofSeconds(30));
        assertThatThrownBy(() -> t.timeout(Duration.ofSeconds(31))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PT30S");
        t.input("Name", "Ada");
        assertThatThrownBy(() -> t.input("Name", "Bob")).isInstanceOf(IllegalStateException.class)
                .hasMessage("input 'Name' was already set to Ada");
        t.advanceClockPerProgressStep(Duration.ofSeconds(1));
        assertThatThrownBy(() -> t.advanceClockPerProgressStep(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCancelAfterStepsAndACancelAtATimeConflict() {
        assertThatThrownBy(() -> TaskTester.of(new RegisteredTask()).cancelAfterProgressSteps(2)
                .cancelAt(Instant.parse("2026-01-01T00:01:00Z"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("cancelAfterProgressSteps was already set to 2");
        assertThatThrownBy(() -> TaskTester.of(new RegisteredTask()).cancelAfter(Duration.ofMinutes(1))
                .cancelAfterProgressSteps(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cancelAt was already set to 2026-01-01T00:01:00Z");
    }

    @Test
    void theClockCannotBeReplacedOnceAnotherWasUsed() {
        TaskTester t = TaskTester.of(new RegisteredTask()).cancelAfter(Duration.ofMinutes(1));
        assertThatThrownBy(() -> t.clock(new ManualClock())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set the clock first");
        ManualClock mine = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        TaskTester u = TaskTester.of(new RegisteredTask()).clock(mine);
        assertThatThrownBy(() -> u.clock(new ManualClock())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clock was already set");
        u.cancelAfter(Duration.ofMinutes(1)); // measured on the clock that was set
        assertThatThrownBy(() -> u.cancelAt(Instant.EPOCH)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2030-01-01T00:01:00Z");
    }
}
