package io.gpjobs.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.map.ResultMapSymbology;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.LinearUnit;
import io.gpjobs.value.ParameterFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * {@code Buffer}: creates polygons at a distance around input features, like the ArcGIS Buffer tool.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code Input_Features} (GPFeatureRecordSetLayer, required): points, multipoints, lines or polygons;
 *   <li>{@code Distance} (GPLinearUnit, required, default 100 esriMeters): the buffer distance in any linear unit
 *       (converted to meters), within ±20,037,508 m (a range filter, checked at submit); negative distances shrink polygons; unknown units and decimal degrees are rejected;
 *   <li>{@code Dissolve_Option} (GPString, optional, {@code NONE} or {@code ALL}, default {@code NONE}): one buffer
 *       per feature (keeping its attributes, with {@code ORIG_FID}), or all buffers merged into one feature;
 *   <li>{@code Output_Features} (GPFeatureRecordSetLayer, output): polygons in the input's spatial reference, with a
 *       {@code BUFF_DIST} field holding the distance in the units given.
 * </ul>
 *
 * <p>Distances are true ground distances: projected coordinates are taken to be meters (or feet when their WKT
 * says so); geographic coordinates (such as wkid 4326) are buffered in a local azimuthal equidistant projection
 * centred on each feature; Web Mercator coordinates are converted to longitude/latitude and buffered the same way.
 * An input with no spatial reference is taken to be in meters, with a warning.
 *
 * <p>Thread-safe (stateless).
 */
public final class BufferTask implements Task, ResultMapSymbology {

    /** The task name. */
    public static final String NAME = "Buffer";

    /** The largest buffer distance, in meters: half the Earth's circumference. */
    static final double MAX_DISTANCE_METERS = 20_037_508.0;

    private static final TaskDefinition DEFINITION = TaskDefinition.builder(NAME)
            .description("Creates buffer polygons around input features to a given distance. Distances are measured "
                    + "on the ground, also for geographic and Web Mercator coordinates.")
            .category("Analysis")
            .input("Input_Features", GPDataType.FEATURE_RECORD_SET_LAYER,
                    p -> p.displayName("Input Features").description("The features to buffer."))
            .input("Distance", GPDataType.LINEAR_UNIT, p -> p.displayName("Distance")
                    .description("The buffer distance, in any linear unit.")
                    .defaultValue(new GPLinearUnit(100, LinearUnit.METERS))
                    // at most half the Earth's circumference either way, in any metric or imperial unit
                    .filter(new ParameterFilter.Range(-MAX_DISTANCE_METERS, MAX_DISTANCE_METERS)))
            .input("Dissolve_Option", GPDataType.STRING, p -> p.optional().defaultValue(new GPString("NONE"))
                    .choices("NONE", "ALL").displayName("Dissolve Type")
                    .description("NONE keeps one buffer per feature; ALL merges all buffers into one."))
            .output("Output_Features", GPDataType.FEATURE_RECORD_SET_LAYER,
                    p -> p.displayName("Output Features").description("The buffer polygons."))
            .build();

    private static final Set<GeometryType> ACCEPTED = Set.of(GeometryType.POINT, GeometryType.MULTIPOINT,
            GeometryType.POLYLINE, GeometryType.POLYGON, GeometryType.ENVELOPE);

    /** Creates the task; it holds no state. */
    public BufferTask() {
    }

    @Override
    public TaskDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void execute(TaskContext context) {
        FeatureInputs input = FeatureInputs.read(context, "Input_Features", ACCEPTED);
        GPLinearUnit distance = context.input("Distance", GPLinearUnit.class);
        boolean dissolve = "ALL".equals(context.input("Dissolve_Option", GPString.class).value());
        double meters = distance.meters().orElseThrow(() -> new IllegalArgumentException("parameter 'Distance': "
                + "units '" + distance.units().wireName() + "' are not a linear unit; use a unit such as esriMeters, "
                + "esriKilometers, esriFeet or esriMiles"));
        if (meters == 0) {
            throw new IllegalArgumentException("parameter 'Distance' must not be zero, got " + distance.distance()
                    + " " + distance.units().wireName());
        }
        boolean polygons = input.layer().geometryType() == GeometryType.POLYGON
                || input.layer().geometryType() == GeometryType.ENVELOPE;
        if (meters < 0 && !polygons) {
            throw new IllegalArgumentException("parameter 'Distance': a negative distance (" + distance.distance()
                    + " " + distance.units().wireName() + ") only applies to polygons, and Input_Features holds "
                    + input.layer().geometryType().wireName() + " features");
        }
        describeMethod(context, input);

        List<GPField> fields = outputFields(input, dissolve);
        List<Feature> features = new ArrayList<>();
        List<Geometry> buffers = new ArrayList<>();
        Buffering buffering = new Buffering(input.kind(), input.metersPerUnit());
        int n = input.geometries().size();
        if (n == 0) {
            context.warning("Input_Features has no features; the output is empty.");
        } else {
            context.progressor().setStep("Buffering " + n + " features", 0, n, 1);
        }
        String oidField = oidField(input);
        for (int i = 0; i < n; i++) {
            context.cancellation().throwIfCancellationRequested();
            Geometry g = input.geometries().get(i);
            if (g == null || g.isEmpty()) {
                context.warning("Input_Features: feature " + (i + 1) + " has no geometry; skipped.");
            } else {
                Geometry b = buffering.buffer(g, meters);
                if (dissolve) {
                    buffers.add(b);
                } else if (b.isEmpty()) {
                    context.warning("Input_Features: the buffer of feature " + (i + 1) + " is empty; skipped.");
                } else {
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    attributes.put("OBJECTID", (long) features.size() + 1);
                    Map<String, Object> in = input.layer().features().get(i).attributes();
                    attributes.put("ORIG_FID", oidField != null && in.get(oidField) instanceof Long l ? l : i + 1L);
                    for (GPField f : fields.subList(2, fields.size() - 1)) {
                        attributes.put(f.name(), in.get(f.name()));
                    }
                    attributes.put("BUFF_DIST", distance.distance());
                    features.add(new Feature(EsriGeometries.toEsri(b, GeometryType.POLYGON), attributes));
                }
            }
            context.progressor().step();
        }
        if (dissolve && !buffers.isEmpty()) {
            context.progressor().setDefault("Dissolving " + buffers.size() + " buffers");
            Geometry all = UnaryUnionOp.union(buffers);
            features.add(new Feature(EsriGeometries.toEsri(all, GeometryType.POLYGON),
                    Map.of("OBJECTID", 1L, "BUFF_DIST", distance.distance())));
        }
        context.setOutput("Output_Features", GPFeatureRecordSetLayer.of(GeometryType.POLYGON,
                input.spatialReference(), fields, features));
        context.info("Buffered " + n + " features by " + distance.distance() + " " + distance.units().wireName()
                + (dissolve ? " into 1 dissolved feature." : " into " + features.size() + " features."));
    }

    private static void describeMethod(TaskContext context, FeatureInputs input) {
        switch (input.kind()) {
            case GEOGRAPHIC -> context.info("Input_Features are geographic (" + input.describeSpatialReference()
                    + "): each feature is buffered in a local azimuthal equidistant projection centred on it.");
            case WEB_MERCATOR -> context.info("Input_Features are in Web Mercator (" + input.describeSpatialReference()
                    + "): each feature is buffered in a local azimuthal equidistant projection centred on it, so "
                    + "distances are true ground distances.");
            case UNKNOWN -> context.warning("Input_Features has no spatial reference; coordinates are taken to be "
                    + "meters.");
            case PROJECTED -> {
            }
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

    private static List<GPField> outputFields(FeatureInputs input, boolean dissolve) {
        List<GPField> fields = new ArrayList<>();
        fields.add(new GPField("OBJECTID", FieldType.OID, "OBJECTID", null, null, null));
        if (!dissolve) {
            fields.add(new GPField("ORIG_FID", FieldType.INTEGER, "ORIG_FID", null, null, null));
            for (GPField f : input.layer().fields()) {
                String upper = f.name().toUpperCase(java.util.Locale.ROOT);
                if (f.type() != FieldType.OID && f.type() != FieldType.GEOMETRY
                        && !upper.equals("ORIG_FID") && !upper.equals("BUFF_DIST") && !upper.equals("OBJECTID")) {
                    fields.add(f);
                }
            }
        }
        fields.add(new GPField("BUFF_DIST", FieldType.DOUBLE, "BUFF_DIST", null, null, null));
        return fields;
    }

    /** The result map draws {@code Output_Features} with the sample's symbology (see the class comment). */
    @Override
    public Optional<JsonNode> drawingInfo(String outputParameter) {
        return "Output_Features".equals(outputParameter) ? Optional.of(SampleSymbology.BUFFERS) : Optional.empty();
    }
}
