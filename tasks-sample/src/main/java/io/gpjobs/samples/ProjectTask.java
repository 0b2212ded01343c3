package io.gpjobs.samples;

import io.gpjobs.map.Reprojection;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.ParameterFilter;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Project}: converts features to another coordinate system, like the ArcGIS Project tool, using the same
 * conversion as the result map ({@link Reprojection}, Proj4J with its EPSG database).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code Input_Features} (GPFeatureRecordSetLayer, required): features of any geometry type, with a
 *       spatial reference given by wkid;
 *   <li>{@code Output_Wkid} (GPLong, required): the EPSG or ESRI well-known ID of the output coordinate system, for
 *       example 3857 (Web Mercator) or 32632 (UTM zone 32N); an unknown ID fails the job naming it;
 *   <li>{@code Output_Features} (GPFeatureRecordSetLayer, output): the same features and fields, converted.
 * </ul>
 * A feature the output coordinate system cannot represent (a pole in Mercator) keeps its attributes, loses its
 * geometry and is reported in a warning.
 *
 * <p>Thread-safe (stateless).
 */
public final class ProjectTask implements Task {

    /** The task name. */
    public static final String NAME = "Project";

    private static final TaskDefinition DEFINITION = new TaskDefinition(NAME, "Project",
            "Converts features to another coordinate system, given by its EPSG or ESRI well-known ID.",
            "Data Management", null,
            List.of(ParameterDefinition.requiredInput("Input_Features", GPDataType.FEATURE_RECORD_SET_LAYER)
                            .withDisplayName("Input Features", "The features to convert; they need a wkid."),
                    ParameterDefinition.requiredInput("Output_Wkid", GPDataType.LONG)
                            .withFilter(new ParameterFilter.Range(1.0, 999999.0))
                            .withDisplayName("Output Coordinate System",
                                    "The EPSG or ESRI well-known ID to convert to, such as 3857 or 32632."),
                    ParameterDefinition.output("Output_Features", GPDataType.FEATURE_RECORD_SET_LAYER)
                            .withDisplayName("Output Features", "The converted features.")));

    /** Creates the task; it holds no state. */
    public ProjectTask() {
    }

    @Override
    public TaskDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void execute(TaskContext context) {
        GPFeatureRecordSetLayer in = context.input("Input_Features", GPFeatureRecordSetLayer.class);
        if (in.reference() != null) {
            throw new IllegalArgumentException("parameter 'Input_Features': layer references are not supported by "
                    + "this tool; send the features as a feature set");
        }
        long wkid = context.input("Output_Wkid", GPLong.class).value();
        SpatialReference target = Reprojection.requireKnown(SpatialReference.ofWkid((int) wkid), "Output_Wkid");
        SpatialReference source = in.spatialReference();
        if (source == null) {
            throw new IllegalArgumentException("parameter 'Input_Features' has no spatial reference, so it cannot be "
                    + "projected to wkid " + wkid + "; give the feature set a spatialReference");
        }
        Reprojection conversion = Reprojection.between(source, target, "Input_Features");
        int n = in.features().size();
        if (n > 0) {
            context.progressor().setStep("Projecting " + n + " features", 0, n, 1);
        }
        List<Feature> out = new ArrayList<>(n);
        int lost = 0;
        for (int i = 0; i < n; i++) {
            context.cancellation().throwIfCancellationRequested();
            Feature f = in.features().get(i);
            io.gpjobs.value.Geometry g = conversion.geometry(f.geometry(), null);
            if (g != null && !isFinite(g)) {
                lost++;
                g = null;
            }
            out.add(new Feature(g, f.attributes()));
            context.progressor().step();
        }
        if (lost > 0) {
            context.warning("Input_Features: " + lost + " of " + n + " features cannot be represented in wkid " + wkid
                    + " and were written without geometry.");
        }
        context.info("Projected " + n + " features from " + describe(source) + " to wkid " + wkid + ".");
        context.setOutput("Output_Features", new GPFeatureRecordSetLayer(in.geometryType(), target, in.hasZ(),
                in.hasM(), in.fields(), out, in.exceededTransferLimit(), null));
    }

    private static boolean isFinite(io.gpjobs.value.Geometry g) {
        if (g instanceof io.gpjobs.value.Geometry.Point p) {
            return !Double.isNaN(p.x());
        }
        if (g instanceof io.gpjobs.value.Geometry.Envelope e) {
            return !Double.isNaN(e.xmin());
        }
        List<List<List<Double>>> parts = g instanceof io.gpjobs.value.Geometry.Multipoint m ? List.of(m.points())
                : g instanceof io.gpjobs.value.Geometry.Polyline l ? l.paths()
                : ((io.gpjobs.value.Geometry.Polygon) g).rings();
        return parts.stream().flatMap(List::stream).noneMatch(v -> Double.isNaN(v.get(0)));
    }

    private static String describe(SpatialReference sr) {
        Integer w = sr.latestWkid() != null ? sr.latestWkid() : sr.wkid();
        return w != null ? "wkid " + w : "a WKT spatial reference";
    }
}
