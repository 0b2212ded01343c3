package io.gpjobs.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.map.ResultMapSymbology;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPRecordSet;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.ParameterFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * {@code CountPointsInPolygons}: counts the points that fall in each polygon, like a spatial join with a count.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code Input_Points} (GPFeatureRecordSetLayer, required): points or multipoints (each point of a multipoint
 *       counts);
 *   <li>{@code Input_Polygons} (GPFeatureRecordSetLayer, required): polygons, in the same spatial reference;
 *   <li>{@code Count_Field} (GPString, optional, default {@code POINT_COUNT}): the name of the count field added to
 *       the polygons;
 *   <li>{@code Output_Polygons} (GPFeatureRecordSetLayer, output): the polygons with all their fields and the count;
 *   <li>{@code Summary_Table} (GPRecordSet, output): one row per polygon: {@code POLYGON_OID}, the count field and
 *       {@code PERCENT} (its share of the points counted);
 *   <li>{@code Total_Count} (GPLong, output): the number of points inside at least one polygon.
 * </ul>
 * A point on a boundary counts as inside; a point in overlapping polygons counts in each. The result map shades
 * {@code Output_Polygons} by {@code POINT_COUNT} in five classes and labels each polygon with its count.
 *
 * <p>Thread-safe (stateless).
 */
public final class CountPointsInPolygonsTask implements Task, ResultMapSymbology {

    /** The task name. */
    public static final String NAME = "CountPointsInPolygons";

    private static final TaskDefinition DEFINITION = new TaskDefinition(NAME, "Count Points In Polygons",
            "Counts the points in each polygon; returns the polygons with a count field, a summary table and the "
                    + "total number of points inside the polygons.",
            "Analysis", null,
            List.of(ParameterDefinition.requiredInput("Input_Points", GPDataType.FEATURE_RECORD_SET_LAYER)
                            .withFilter(new ParameterFilter.FeatureClass(
                                    List.of(GeometryType.POINT, GeometryType.MULTIPOINT)))
                            .withDisplayName("Input Points", "The points to count."),
                    ParameterDefinition.requiredInput("Input_Polygons", GPDataType.FEATURE_RECORD_SET_LAYER)
                            .withFilter(new ParameterFilter.FeatureClass(List.of(GeometryType.POLYGON)))
                            .withDisplayName("Input Polygons", "The polygons to count points in."),
                    ParameterDefinition.optionalInput("Count_Field", GPDataType.STRING, new GPString("POINT_COUNT"))
                            .withDisplayName("Count Field", "The name of the count field added to the polygons."),
                    ParameterDefinition.output("Output_Polygons", GPDataType.FEATURE_RECORD_SET_LAYER)
                            .withDisplayName("Output Polygons", "The polygons with the count field."),
                    ParameterDefinition.output("Summary_Table", GPDataType.RECORD_SET)
                            .withDisplayName("Summary Table", "One row per polygon with its count and percentage."),
                    ParameterDefinition.output("Total_Count", GPDataType.LONG)
                            .withDisplayName("Total Count", "The number of points inside at least one polygon.")));

    /** Creates the task; it holds no state. */
    public CountPointsInPolygonsTask() {
    }

    @Override
    public TaskDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void execute(TaskContext context) {
        FeatureInputs points = FeatureInputs.read(context, "Input_Points",
                Set.of(GeometryType.POINT, GeometryType.MULTIPOINT));
        FeatureInputs polygons = FeatureInputs.read(context, "Input_Polygons", Set.of(GeometryType.POLYGON));
        String countField = context.input("Count_Field", GPString.class).value().strip();
        if (!countField.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("parameter 'Count_Field' must be a field name (a letter, then letters, "
                    + "digits or underscores, at most 64), got '" + countField + "'");
        }
        if (polygons.field(countField) != null) {
            throw new IllegalArgumentException("parameter 'Count_Field': Input_Polygons already has a field named '"
                    + polygons.field(countField).name() + "'; choose another name");
        }
        if (!points.sameSpatialReference(polygons)) {
            throw new IllegalArgumentException("Input_Points (" + points.describeSpatialReference()
                    + ") and Input_Polygons (" + polygons.describeSpatialReference()
                    + ") must be in the same spatial reference");
        }
        if (polygons.isEmpty()) {
            throw new IllegalArgumentException("parameter 'Input_Polygons' has no features; there is nothing to "
                    + "count points in");
        }
        if (points.isEmpty()) {
            context.warning("Input_Points has no features; every count is 0.");
        }
        context.cancellation().throwIfCancellationRequested();
        context.progressor().setDefault("Indexing " + polygons.geometries().size() + " polygons");
        PointCounter counter = new PointCounter(polygons.geometries());
        context.progressor().setDefault("Counting " + points.geometries().size() + " point features");
        PointCounter.Result result = counter.count(points.geometries());
        context.cancellation().throwIfCancellationRequested();

        List<GPField> fields = new ArrayList<>(polygons.layer().fields());
        fields.add(new GPField(countField, FieldType.INTEGER, countField, null, null, null));
        List<Feature> out = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        String oid = oidField(polygons);
        for (int i = 0; i < result.counts().length; i++) {
            Feature f = polygons.layer().features().get(i);
            Map<String, Object> attributes = new LinkedHashMap<>(f.attributes());
            attributes.put(countField, result.counts()[i]);
            out.add(new Feature(f.geometry(), attributes));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("POLYGON_OID", oid != null && f.attributes().get(oid) instanceof Long l ? l : i + 1L);
            row.put(countField, result.counts()[i]);
            row.put("PERCENT", result.pointsInAny() == 0 ? 0.0
                    : Math.round(result.counts()[i] * 10000.0 / result.pointsInAny()) / 100.0);
            rows.add(row);
        }
        context.setOutput("Output_Polygons", GPFeatureRecordSetLayer.of(GeometryType.POLYGON,
                polygons.spatialReference(), fields, out));
        context.setOutput("Summary_Table", GPRecordSet.of(List.of(
                new GPField("POLYGON_OID", FieldType.INTEGER, "Polygon OID", null, null, null),
                new GPField(countField, FieldType.INTEGER, countField, null, null, null),
                new GPField("PERCENT", FieldType.DOUBLE, "Percent of points", null, null, null)), rows));
        context.setOutput("Total_Count", new GPLong(result.pointsInAny()));
        context.info("Counted " + result.pointsInAny() + " points in " + result.counts().length + " polygons.");
        if (result.pointsOutside() > 0) {
            context.info(result.pointsOutside() + " points are outside every polygon.");
        }
    }

    private static String oidField(FeatureInputs input) {
        for (GPField f : input.layer().fields()) {
            if (f.type() == FieldType.OID) {
                return f.name();
            }
        }
        return null;
    }

    /** The result map draws {@code Output_Polygons} with the sample's symbology (see the class comment). */
    @Override
    public Optional<JsonNode> drawingInfo(String outputParameter) {
        return "Output_Polygons".equals(outputParameter) ? Optional.of(SampleSymbology.countsByClass("POINT_COUNT")) : Optional.empty();
    }
}
