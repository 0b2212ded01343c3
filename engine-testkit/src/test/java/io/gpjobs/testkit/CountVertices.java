package io.gpjobs.testkit;

import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.Geometry;
import java.util.List;

public final class CountVertices implements Task {
    private static final TaskDefinition DEFINITION = TaskDefinition.builder("CountVertices")
            .description("Counts the vertices of the input features.")
            .input("Input_Features", GPDataType.FEATURE_RECORD_SET_LAYER)
            .output("Vertex_Count", GPDataType.LONG)
            .build();

    public CountVertices() { }                                            // ServiceLoader needs it

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
