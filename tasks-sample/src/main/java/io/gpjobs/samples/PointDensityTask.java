package io.gpjobs.samples;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.map.ResultMapSymbology;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPDouble;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.GPRasterDataLayer;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.ParameterFilter;
import io.gpjobs.value.SpatialReference;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * {@code PointDensity}: a density surface of points (optionally weighted by a population field) in a circular
 * neighbourhood, like the ArcGIS Point Density tool, written as an ESRI ASCII grid.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code Input_Points} (GPFeatureRecordSetLayer, required): points or multipoints in a projected coordinate
 *       system (geographic input is rejected: project it first);
 *   <li>{@code Population_Field} (GPString, optional, default {@code NONE}): a numeric field to weight each point by;
 *   <li>{@code Cell_Size} (GPDouble, optional, default 0 = automatic): the cell size in coordinate units;
 *       automatic is the shorter side of the output extent divided by 250; at most 1,000,000 (a range filter);
 *   <li>{@code Search_Radius} (GPLinearUnit, optional, 1 mm to 1,000 km, a range filter): the neighbourhood radius;
 *       when absent, the shorter side of the points' extent divided by 30;
 *   <li>{@code Area_Units} (GPString, optional, default {@code SQUARE_KILOMETERS}; {@code SQUARE_METERS},
 *       {@code HECTARES}, {@code SQUARE_MILES}, {@code ACRES}): the unit of the density values;
 *   <li>{@code Output_Raster} (GPRasterDataLayer, output): {@code {"url":"scratch/point_density.asc","format":"asc"}};
 *       the url is relative to the job (its files are listed under {@code scratch/}). A {@code .prj} file is written
 *       next to it when the spatial reference is known (a WKT, wkid 4326, Web Mercator, or a WGS 84 UTM zone);
 *   <li>{@code Maximum_Density} (GPDouble, output): the largest cell value.
 * </ul>
 * The grid covers the points' extent grown by the search radius; rows are computed north to south under a step
 * progressor, and the job can be cancelled between rows. At most {@value #MAX_CELLS} cells.
 *
 * <p>Thread-safe (stateless).
 */
public final class PointDensityTask implements Task, ResultMapSymbology {

    /** The task name. */
    public static final String NAME = "PointDensity";

    /** The name of the grid file in the job's scratch folder. */
    public static final String GRID_FILE = "point_density.asc";

    /** The largest grid the task writes. */
    static final long MAX_CELLS = 4_000_000;

    private static final Map<String, Double> SQUARE_METERS_PER_AREA_UNIT = Map.of(
            "SQUARE_METERS", 1.0, "HECTARES", 10_000.0, "SQUARE_KILOMETERS", 1_000_000.0,
            "SQUARE_MILES", 1609.344 * 1609.344, "ACRES", 4046.8564224);

    private static final TaskDefinition DEFINITION = new TaskDefinition(NAME, "Point Density",
            "Calculates the density of points (optionally weighted) in a circular neighbourhood around each cell and "
                    + "writes it as an ESRI ASCII grid.",
            "Analysis", null,
            List.of(ParameterDefinition.requiredInput("Input_Points", GPDataType.FEATURE_RECORD_SET_LAYER)
                            .withFilter(new ParameterFilter.FeatureClass(
                                    List.of(GeometryType.POINT, GeometryType.MULTIPOINT)))
                            .withDisplayName("Input Points", "The points, in a projected coordinate system."),
                    ParameterDefinition.optionalInput("Population_Field", GPDataType.STRING, new GPString("NONE"))
                            .withDisplayName("Population Field", "A numeric field to weight points by, or NONE."),
                    ParameterDefinition.optionalInput("Cell_Size", GPDataType.DOUBLE, new GPDouble(0))
                            .withFilter(new ParameterFilter.Range(0.0, 1_000_000.0))
                            .withDisplayName("Output Cell Size", "In coordinate units; 0 picks one automatically."),
                    ParameterDefinition.optionalInput("Search_Radius", GPDataType.LINEAR_UNIT, null)
                            .withFilter(new ParameterFilter.Range(0.001, 1_000_000.0))
                            .withDisplayName("Search Radius", "The neighbourhood radius; automatic when absent."),
                    ParameterDefinition.optionalInput("Area_Units", GPDataType.STRING,
                                    new GPString("SQUARE_KILOMETERS"))
                            .withChoiceList(List.of("SQUARE_METERS", "HECTARES", "SQUARE_KILOMETERS", "SQUARE_MILES",
                                    "ACRES"))
                            .withDisplayName("Area Units", "The area unit of the density values."),
                    ParameterDefinition.output("Output_Raster", GPDataType.RASTER_DATA_LAYER)
                            .withDisplayName("Output Raster", "The density grid (ESRI ASCII grid)."),
                    ParameterDefinition.output("Maximum_Density", GPDataType.DOUBLE)
                            .withDisplayName("Maximum Density", "The largest density value.")));

    /** Creates the task; it holds no state. */
    public PointDensityTask() {
    }

    @Override
    public TaskDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void execute(TaskContext context) throws IOException {
        FeatureInputs input = FeatureInputs.read(context, "Input_Points",
                Set.of(GeometryType.POINT, GeometryType.MULTIPOINT));
        if (input.kind() == CoordinateSystemKind.GEOGRAPHIC) {
            throw new IllegalArgumentException("parameter 'Input_Points' is in a geographic coordinate system ("
                    + input.describeSpatialReference() + "); project the points to a projected coordinate system "
                    + "such as UTM first");
        }
        if (input.kind() == CoordinateSystemKind.WEB_MERCATOR) {
            context.warning("Input_Points are in Web Mercator, whose units are not ground meters away from the "
                    + "equator; densities are per Web Mercator area.");
        } else if (input.kind() == CoordinateSystemKind.UNKNOWN) {
            context.warning("Input_Points has no spatial reference; coordinates are taken to be meters.");
        }
        String population = context.input("Population_Field", GPString.class).value().strip();
        String weightField = population.isEmpty() || population.equalsIgnoreCase("NONE") ? null
                : numericField(input, population);

        List<double[]> points = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < input.geometries().size(); i++) {
            Geometry g = input.geometries().get(i);
            double w = 1;
            if (weightField != null) {
                Object v = input.layer().features().get(i).attributes().get(weightField);
                if (!(v instanceof Number n)) {
                    skipped++;
                    continue;
                }
                w = n.doubleValue();
            }
            if (g == null || g.isEmpty()) {
                skipped++;
                continue;
            }
            for (Coordinate c : g.getCoordinates()) {
                points.add(new double[] {c.x, c.y, w});
            }
        }
        if (skipped > 0) {
            context.warning(skipped + " features without a geometry" + (weightField == null ? "" : " or a "
                    + weightField + " value") + " were left out.");
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("parameter 'Input_Points' has no points to compute a density of");
        }

        double metersPerUnit = input.metersPerUnit();
        Envelope extent = new Envelope();
        points.forEach(p -> extent.expandToInclude(p[0], p[1]));
        double radius = searchRadius(context, extent, metersPerUnit);
        double cellSize = context.input("Cell_Size", GPDouble.class).value();
        if (cellSize == 0) {
            cellSize = Math.min(extent.getWidth() + 2 * radius, extent.getHeight() + 2 * radius) / 250;
        }
        double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
        double[] ws = points.stream().mapToDouble(p -> p[2]).toArray();
        DensityGrid grid;
        try {
            grid = new DensityGrid(xs, ys, ws, radius, cellSize, MAX_CELLS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'Cell_Size': " + e.getMessage(), e);
        }
        String areaUnits = context.input("Area_Units", GPString.class).value();
        double squareUnitsPerArea = SQUARE_METERS_PER_AREA_UNIT.get(areaUnits) / (metersPerUnit * metersPerUnit);

        Path folder = context.scratchFolder();
        Path gridFile = folder.resolve(GRID_FILE);
        double max = 0;
        context.progressor().setStep("Computing density", 0, grid.nrows(), 1);
        try (Writer out = Files.newBufferedWriter(gridFile, StandardCharsets.US_ASCII)) {
            AsciiGrid.writeHeader(out, grid.ncols(), grid.nrows(), grid.xll(), grid.yll(), cellSize);
            for (int r = 0; r < grid.nrows(); r++) {
                context.cancellation().throwIfCancellationRequested();
                double[] row = grid.row(r);
                for (int c = 0; c < row.length; c++) {
                    row[c] *= squareUnitsPerArea;
                    max = Math.max(max, row[c]);
                }
                AsciiGrid.writeRow(out, row);
                context.progressor().step();
            }
        }
        SpatialReference sr = input.spatialReference();
        Optional<String> prj = sr == null ? Optional.empty() : AsciiGrid.prj(input.wkid(), sr.wkt());
        if (prj.isPresent()) {
            Files.writeString(folder.resolve(GRID_FILE.replace(".asc", ".prj")), prj.get(), StandardCharsets.US_ASCII);
        } else if (sr != null) {
            context.info("No .prj file was written: the WKT of " + input.describeSpatialReference()
                    + " is not known to this tool.");
        }
        context.setOutput("Output_Raster", GPRasterDataLayer.ofUrl("scratch/" + GRID_FILE, "asc"));
        context.setOutput("Maximum_Density", new GPDouble(max));
        context.info("Wrote a " + grid.ncols() + " x " + grid.nrows() + " grid (cell size " + AsciiGrid.format(cellSize)
                + ", search radius " + AsciiGrid.format(radius) + ") of " + points.size() + " points; densities per "
                + areaUnits.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".");
    }

    private static String numericField(FeatureInputs input, String name) {
        GPField f = input.field(name);
        Set<FieldType> numeric = Set.of(FieldType.SMALL_INTEGER, FieldType.INTEGER, FieldType.BIG_INTEGER,
                FieldType.SINGLE, FieldType.DOUBLE);
        if (f == null || !numeric.contains(f.type())) {
            List<String> candidates = input.layer().fields().stream().filter(x -> numeric.contains(x.type()))
                    .map(GPField::name).toList();
            throw new IllegalArgumentException("parameter 'Population_Field': '" + name + "' is not a numeric field "
                    + "of Input_Points; its numeric fields are " + candidates);
        }
        return f.name();
    }

    private static double searchRadius(TaskContext context, Envelope extent, double metersPerUnit) {
        Optional<GPLinearUnit> given = context.input("Search_Radius").map(GPLinearUnit.class::cast);
        if (given.isPresent()) {
            GPLinearUnit r = given.get();
            double meters = r.meters().orElseThrow(() -> new IllegalArgumentException("parameter 'Search_Radius': "
                    + "units '" + r.units().wireName() + "' are not a linear unit; use esriMeters, esriKilometers, "
                    + "esriFeet, esriMiles, …"));
            if (meters <= 0) {
                throw new IllegalArgumentException("parameter 'Search_Radius' must be positive, got " + r.distance()
                        + " " + r.units().wireName());
            }
            return meters / metersPerUnit;
        }
        double shorter = Math.min(extent.getWidth(), extent.getHeight());
        if (shorter == 0) {
            shorter = Math.max(extent.getWidth(), extent.getHeight());
        }
        if (shorter == 0) {
            throw new IllegalArgumentException("parameter 'Search_Radius' is needed: all points are at one place, so "
                    + "no radius can be derived from their extent");
        }
        return shorter / 30;
    }

    /** The result map draws {@code Output_Raster} with the sample's symbology (see the class comment). */
    @Override
    public Optional<JsonNode> drawingInfo(String outputParameter) {
        return "Output_Raster".equals(outputParameter) ? Optional.of(SampleSymbology.DENSITY) : Optional.empty();
    }
}
