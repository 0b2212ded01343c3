package io.gpjobs.testkit;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.GPValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "write a task" and "test a task" examples of the README, compiled and run. */
class ReadmeTaskExampleTest {

    /** The README's example task. */
    public static final class CountVertices implements Task {
        private static final TaskDefinition DEFINITION = new TaskDefinition("CountVertices", null,
                "Counts the vertices of the input features.", null, null, List.of(
                        ParameterDefinition.requiredInput("Input_Features", GPDataType.FEATURE_RECORD_SET_LAYER),
                        ParameterDefinition.output("Vertex_Count", GPDataType.LONG)));

        @Override public TaskDefinition definition() { return DEFINITION; }

        @Override public void execute(TaskContext context) {
            List<Feature> features = context.input("Input_Features", GPFeatureRecordSetLayer.class).features();
            context.progressor().setStep("Counting vertices", 0, features.size(), 1);
            long count = 0;
            for (Feature f : features) {
                context.cancellation().throwIfCancellationRequested();
                count += vertices(f.geometry());
                context.progressor().step();
            }
            context.info("Counted " + count + " vertices.");
            context.setOutput("Vertex_Count", new GPLong(count));
        }

        private static long vertices(Geometry g) {
            if (g instanceof Geometry.Polygon p) return p.rings().stream().mapToLong(List::size).sum();
            if (g instanceof Geometry.Polyline l) return l.paths().stream().mapToLong(List::size).sum();
            if (g instanceof Geometry.Multipoint m) return m.points().size();
            return g == null ? 0 : 1;
        }
    }

    private static final String TWO_TRIANGLES = """
            {"geometryType":"esriGeometryPolygon","spatialReference":{"wkid":32632},
             "fields":[{"name":"OBJECTID","type":"esriFieldTypeOID"}],
             "features":[
               {"geometry":{"rings":[[[0,0],[0,10],[10,0],[0,0]]]},"attributes":{"OBJECTID":1}},
               {"geometry":{"rings":[[[20,0],[20,10],[30,0],[20,0]]]},"attributes":{"OBJECTID":2}}]}""";

    @Test
    void countsTheVerticesWithProgressAndAMessage() {
        TaskRun run = TaskTester.of(new CountVertices())
                .input("Input_Features", TWO_TRIANGLES)
                .run();

        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasMessage(MessageType.INFORMATIVE, "Counted 8 vertices.")
                .hasOutput("Vertex_Count", new GPLong(8));
        assertThat(run).progressPercents().containsSubsequence(0, 50, 100);
    }

    @Test
    void stopsWhenCancelledAfterTheFirstStep() {
        TaskRun run = TaskTester.of(new CountVertices())
                .input("Input_Features", TWO_TRIANGLES)
                .cancelAfterProgressSteps(2)
                .run();

        assertThat(run).hasStatus(JobStatus.CANCELLED);
        GPValue none = run.outputs().get("Vertex_Count");
        assertThat(none).isNull();
    }
}
