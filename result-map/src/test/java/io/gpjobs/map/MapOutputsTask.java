package io.gpjobs.map;

import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPBoolean;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPDouble;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPRasterDataLayer;
import io.gpjobs.value.GPRecordSet;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.SpatialReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test task with every kind of output, in this order: a scalar count, points, a scalar string, a polyline, a
 * polygon, a table, a raster (an ASCII grid in the scratch folder), a string naming a feature-set file of the job,
 * and a scalar double. Points: {@code N} of them (input, default 25) on a 5-column lattice from (10, 60) with step
 * 2, named {@code P<i>}, {@code POP = i * 100} (null for i = 3), {@code WHEN = BASE + i days}.
 */
public final class MapOutputsTask implements Task {

    /** The time of point 0. */
    static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

    /** The .prj of the grid. */
    static final String GCS_WGS84 = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
            + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    /** Grid values north row first; 16 is no data. */
    static final String GRID = """
            ncols 4
            nrows 4
            xllcorner 2
            yllcorner 70
            cellsize 2
            NODATA_value -9999
            1 2 3 4
            5 6 7 8
            9 10 11 12
            13 14 15 -9999
            """;

    /** The task (stateless). */
    public MapOutputsTask() {
    }

    @Override
    public TaskDefinition definition() {
        return new TaskDefinition("MapOutputs", "Map outputs", null, null, null, List.of(
                ParameterDefinition.optionalInput("N", GPDataType.LONG, new GPLong(25)),
                ParameterDefinition.optionalInput("Fail", GPDataType.BOOLEAN, new GPBoolean(false)),
                ParameterDefinition.output("Out_Count", GPDataType.LONG),
                ParameterDefinition.output("Out_Points", GPDataType.FEATURE_RECORD_SET_LAYER),
                ParameterDefinition.output("Out_Label", GPDataType.STRING),
                ParameterDefinition.output("Out_Lines", GPDataType.FEATURE_RECORD_SET_LAYER),
                ParameterDefinition.output("Out_Polygons", GPDataType.FEATURE_RECORD_SET_LAYER)
                        .withDisplayName("Output polygons", "the polygons"),
                ParameterDefinition.output("Out_Table", GPDataType.RECORD_SET),
                ParameterDefinition.output("Out_Raster", GPDataType.RASTER_DATA_LAYER),
                ParameterDefinition.output("Out_Dataset", GPDataType.STRING),
                ParameterDefinition.output("Out_Ratio", GPDataType.DOUBLE)));
    }

    /** The attributes of point {@code i}. */
    static Map<String, Object> pointAttributes(int i) {
        Map<String, Object> a = new HashMap<>();
        a.put("NAME", "P" + i);
        a.put("POP", i == 3 ? null : (long) i * 100);
        a.put("WHEN", BASE.plus(Duration.ofDays(i)).toEpochMilli());
        return a;
    }

    /** The location of point {@code i}. */
    static Geometry.Point point(int i) {
        return Geometry.Point.of(10 + (i % 5) * 2, 60 + (i / 5) * 2);
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        if (ctx.input("Fail", GPBoolean.class).value()) {
            throw new IllegalStateException("asked to fail");
        }
        int n = (int) ctx.input("N", GPLong.class).value();
        List<Feature> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new Feature(point(i), pointAttributes(i)));
        }
        ctx.setOutput("Out_Count", new GPLong(n));
        ctx.setOutput("Out_Points", GPFeatureRecordSetLayer.of(GeometryType.POINT, SpatialReference.WGS84, List.of(
                GPField.of("NAME", FieldType.STRING), GPField.of("POP", FieldType.INTEGER),
                GPField.of("WHEN", FieldType.DATE)), points));
        ctx.setOutput("Out_Label", new GPString("hello map"));
        Geometry.Polyline line = new Geometry.Polyline(List.of(List.of(List.of(2.0, 42.0), List.of(38.0, 42.0))),
                false, false, null);
        ctx.setOutput("Out_Lines", GPFeatureRecordSetLayer.of(GeometryType.POLYLINE, SpatialReference.WGS84,
                List.of(GPField.of("KIND", FieldType.STRING)), List.of(new Feature(line, Map.of("KIND", "road")))));
        Geometry.Polygon square = new Geometry.Polygon(List.of(List.of(List.of(25.0, 45.0), List.of(25.0, 55.0),
                List.of(35.0, 55.0), List.of(35.0, 45.0), List.of(25.0, 45.0))), false, false, null);
        ctx.setOutput("Out_Polygons", GPFeatureRecordSetLayer.of(GeometryType.POLYGON, SpatialReference.WGS84,
                List.of(GPField.of("AREA", FieldType.DOUBLE)), List.of(new Feature(square, Map.of("AREA", 100.0)))));
        ctx.setOutput("Out_Table", GPRecordSet.of(List.of(GPField.of("CODE", FieldType.STRING),
                GPField.of("QTY", FieldType.INTEGER)), List.of(Map.of("CODE", "a", "QTY", 1L),
                Map.of("CODE", "b", "QTY", 2L), Map.of("CODE", "c", "QTY", 3L))));
        Path scratch = ctx.scratchFolder();
        Files.writeString(scratch.resolve("grid.asc"), GRID, StandardCharsets.US_ASCII);
        Files.writeString(scratch.resolve("grid.prj"), GCS_WGS84, StandardCharsets.US_ASCII);
        ctx.setOutput("Out_Raster", GPRasterDataLayer.ofUrl("scratch/grid.asc", "asc"));
        GPFeatureRecordSetLayer extra = GPFeatureRecordSetLayer.of(GeometryType.POINT, SpatialReference.WGS84,
                List.of(GPField.of("LABEL", FieldType.STRING)),
                List.of(new Feature(Geometry.Point.of(30, 75), Map.of("LABEL", "extra"))));
        Files.writeString(scratch.resolve("extra.json"), GPValueCodec.toJson(extra), StandardCharsets.UTF_8);
        ctx.setOutput("Out_Dataset", new GPString("scratch/extra.json"));
        ctx.setOutput("Out_Ratio", new GPDouble(0.5));
    }
}
