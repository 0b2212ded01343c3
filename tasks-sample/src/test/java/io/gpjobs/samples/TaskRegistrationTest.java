package io.gpjobs.samples;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.testkit.TaskRun;
import io.gpjobs.testkit.TaskTester;
import io.gpjobs.value.GPLong;
import org.junit.jupiter.api.Test;

/** The sample tasks are found by name through their ServiceLoader registration, as a host finds them. */
class TaskRegistrationTest {

    @Test
    void everySampleTaskIsRegisteredUnderItsName() {
        for (String name : new String[] {"Buffer", "CountPointsInPolygons", "CsvToPoints", "PointDensity"}) {
            TaskTester.ofRegistered(name); // throws, listing the names found, when one is missing
        }
        TaskRun run = TaskTester.ofRegistered("LongRunningTask").input("Steps", "3").input("Step_Delay_Ms", "0").run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED).hasOutput("Steps_Completed", new GPLong(3));
    }
}
