package io.gpjobs.testkit;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.testkit.TaskRun;
import io.gpjobs.testkit.TaskTester;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPValue;
import org.junit.jupiter.api.Test;

/**
 * The "write a task" ({@link CountVertices}) and "test a task" examples of the README, compiled and run; the
 * engine-core test ReadmeSnippetsTest checks the README still shows them as they are here.
 */
class ReadmeTaskExampleTest {

    @Test
    void countsTheVerticesWithProgressAndAMessageAndStopsWhenCancelled() {
        String twoTriangles = """
                {"geometryType":"esriGeometryPolygon","spatialReference":{"wkid":32632},
                 "fields":[{"name":"OBJECTID","type":"esriFieldTypeOID"}],
                 "features":[
                   {"geometry":{"rings":[[[0,0],[0,10],[10,0],[0,0]]]},"attributes":{"OBJECTID":1}},
                   {"geometry":{"rings":[[[20,0],[20,10],[30,0],[20,0]]]},"attributes":{"OBJECTID":2}}]}""";

        TaskRun run = TaskTester.of(new CountVertices())
                .input("Input_Features", twoTriangles)           // a FeatureSet as REST JSON text
                .run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasMessage(MessageType.INFORMATIVE, "Counted 8 vertices.")
                .hasOutput("Vertex_Count", new GPLong(8));
        assertThat(run).progressPercents().containsSubsequence(0, 50, 100);

        TaskRun cancelled = TaskTester.of(new CountVertices())
                .input("Input_Features", twoTriangles)
                .cancelAfterProgressSteps(2)                      // cancel from inside the 2nd progress update
                .run();
        assertThat(cancelled).hasStatus(JobStatus.CANCELLED);
        // --- end of the README snippet ---
        GPValue none = cancelled.outputs().get("Vertex_Count");
        assertThat(none).isNull();
    }
}
