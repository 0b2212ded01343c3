package io.gpjobs.samples;

import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPBoolean;
import io.gpjobs.value.GPDataFile;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.ParameterFilter;
import io.gpjobs.value.SpatialReference;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code CsvToPoints}: turns a delimited text file with x/y columns into a point feature set, like the ArcGIS XY
 * Table To Point tool. Bad rows are skipped and reported as warnings with their line numbers.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code Input_File} (GPDataFile, required, {@code .csv} or {@code .txt}): {@code {"url":"file:…"}}, a local
 *       file URL; other schemes ({@code http:}, …) and uploaded items ({@code itemID}) are rejected. UTF-8, with a
 *       header row;
 *   <li>{@code X_Field}, {@code Y_Field} (GPString, optional, default {@code x} and {@code y}): the coordinate
 *       columns, matched ignoring case;
 *   <li>{@code Delimiter} (GPString, optional, {@code COMMA}, {@code SEMICOLON}, {@code TAB} or {@code PIPE},
 *       default {@code COMMA});
 *   <li>{@code WKID} (GPLong, optional, default 4326): the spatial reference of the coordinates;
 *   <li>{@code Fail_On_Bad_Rows} (GPBoolean, optional, default false): fail the job at the first bad row instead of
 *       skipping it;
 *   <li>{@code Output_Points} (GPFeatureRecordSetLayer, output): one point per good row; the other columns become
 *       fields (integer, double or string, whichever fits every value);
 *   <li>{@code Point_Count} and {@code Skipped_Row_Count} (GPLong, outputs).
 * </ul>
 * A row is bad when it has another number of columns than the header, or its x or y is missing or not a number, or
 * (for a geographic wkid) outside ±180/±90.
 *
 * <p>The no-argument constructor (the one {@link java.util.ServiceLoader} uses) reads any local file the process may
 * read; a host that exposes the task to untrusted callers should add {@link #CsvToPointsTask(Path)} instead, which
 * only reads files under one folder. Thread-safe (immutable).
 */
public final class CsvToPointsTask implements Task {

    /** The task name. */
    public static final String NAME = "CsvToPoints";

    /** At most this many bad rows are reported one by one; the rest are counted. */
    static final int MAX_ROW_WARNINGS = 50;

    private static final TaskDefinition DEFINITION = new TaskDefinition(NAME, "CSV To Points",
            "Creates points from the x/y columns of a CSV file; the other columns become attributes. Bad rows are "
                    + "skipped with a warning that gives their line number.",
            "Conversion", null,
            List.of(ParameterDefinition.requiredInput("Input_File", GPDataType.DATA_FILE)
                            .withFilter(new ParameterFilter.File(List.of("csv", "txt")))
                            .withDisplayName("Input File", "The CSV file, as {\"url\":\"file:...\"}."),
                    ParameterDefinition.optionalInput("X_Field", GPDataType.STRING, new GPString("x"))
                            .withDisplayName("X Field", "The column holding x (or longitude)."),
                    ParameterDefinition.optionalInput("Y_Field", GPDataType.STRING, new GPString("y"))
                            .withDisplayName("Y Field", "The column holding y (or latitude)."),
                    ParameterDefinition.optionalInput("Delimiter", GPDataType.STRING, new GPString("COMMA"))
                            .withChoiceList(List.of("COMMA", "SEMICOLON", "TAB", "PIPE"))
                            .withDisplayName("Delimiter", "The column separator."),
                    ParameterDefinition.optionalInput("WKID", GPDataType.LONG, new GPLong(4326))
                            .withFilter(new ParameterFilter.Range(1.0, 999_999.0))
                            .withDisplayName("Coordinate System WKID", "The wkid of the coordinates."),
                    ParameterDefinition.optionalInput("Fail_On_Bad_Rows", GPDataType.BOOLEAN, GPBoolean.FALSE)
                            .withDisplayName("Fail On Bad Rows", "Fail instead of skipping bad rows."),
                    ParameterDefinition.output("Output_Points", GPDataType.FEATURE_RECORD_SET_LAYER)
                            .withDisplayName("Output Points", "One point per good row."),
                    ParameterDefinition.output("Point_Count", GPDataType.LONG)
                            .withDisplayName("Point Count", "The number of points created."),
                    ParameterDefinition.output("Skipped_Row_Count", GPDataType.LONG)
                            .withDisplayName("Skipped Row Count", "The number of bad rows skipped.")));

    private final Path baseFolder;

    /** A task that reads any local file the process may read. */
    public CsvToPointsTask() {
        this.baseFolder = null;
    }

    /**
     * A task that only reads files under {@code baseFolder}.
     *
     * @throws NullPointerException when {@code baseFolder} is null
     */
    public CsvToPointsTask(Path baseFolder) {
        this.baseFolder = Objects.requireNonNull(baseFolder, "baseFolder").toAbsolutePath().normalize();
    }

    @Override
    public TaskDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void execute(TaskContext context) {
        Path file = localFile(context.input("Input_File", GPDataFile.class));
        String xName = context.input("X_Field", GPString.class).value().strip();
        String yName = context.input("Y_Field", GPString.class).value().strip();
        char delimiter = switch (context.input("Delimiter", GPString.class).value()) {
            case "SEMICOLON" -> ';';
            case "TAB" -> '\t';
            case "PIPE" -> '|';
            default -> ',';
        };
        int wkid = Math.toIntExact(context.input("WKID", GPLong.class).value());
        boolean failOnBadRows = context.input("Fail_On_Bad_Rows", GPBoolean.class).value();
        boolean geographic = CoordinateSystemKind.of(wkid, null) == CoordinateSystemKind.GEOGRAPHIC;

        context.progressor().setDefault("Reading " + file.getFileName());
        List<CsvReader.Row> rows = new ArrayList<>();
        List<String> header;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvReader csv = new CsvReader(reader, delimiter)) {
            CsvReader.Row head = csv.next();
            if (head == null) {
                throw new IllegalArgumentException("parameter 'Input_File': " + file.getFileName()
                        + " is empty; it needs a header row");
            }
            header = head.fields();
            for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
                if (rows.size() % 10_000 == 0) {
                    context.cancellation().throwIfCancellationRequested();
                    context.progressor().setLabel("Reading " + file.getFileName() + ": " + rows.size() + " rows");
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("parameter 'Input_File': " + file.getFileName()
                    + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("parameter 'Input_File': cannot read " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
        int xi = column(header, xName, "X_Field");
        int yi = column(header, yName, "Y_Field");
        CsvColumns columns = new CsvColumns(header, List.of(xi, yi));

        List<double[]> points = new ArrayList<>();
        List<CsvReader.Row> good = new ArrayList<>();
        int bad = 0;
        context.progressor().setStep("Converting " + rows.size() + " rows", 0, Math.max(1, rows.size()), 1);
        int done = 0;
        for (CsvReader.Row row : rows) {
            if (++done % 1000 == 0) {
                context.cancellation().throwIfCancellationRequested();
                context.progressor().setPosition(done);
            }
            String problem = problem(row, header.size(), xi, yi, xName, yName, geographic);
            if (problem != null) {
                if (failOnBadRows) {
                    throw new IllegalArgumentException("parameter 'Input_File': " + problem);
                }
                bad++;
                if (bad <= MAX_ROW_WARNINGS) {
                    context.warning(problem + "; row skipped.");
                }
                continue;
            }
            points.add(new double[] {Double.parseDouble(row.fields().get(xi)), Double.parseDouble(row.fields().get(yi))});
            good.add(row);
            columns.observe(row.fields());
        }
        context.progressor().setPosition(Math.max(1, rows.size()));
        if (bad > MAX_ROW_WARNINGS) {
            context.warning((bad - MAX_ROW_WARNINGS) + " more bad rows were skipped without a warning each.");
        }
        List<Feature> features = new ArrayList<>(good.size());
        for (int i = 0; i < good.size(); i++) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("OBJECTID", i + 1L);
            attributes.putAll(columns.attributes(good.get(i).fields()));
            features.add(new Feature(Geometry.Point.of(points.get(i)[0], points.get(i)[1]), attributes));
        }
        context.setOutput("Output_Points", GPFeatureRecordSetLayer.of(GeometryType.POINT,
                SpatialReference.ofWkid(wkid), columns.fields(), features));
        context.setOutput("Point_Count", new GPLong(features.size()));
        context.setOutput("Skipped_Row_Count", new GPLong(bad));
        context.info("Created " + features.size() + " points from " + rows.size() + " rows of " + file.getFileName()
                + (bad > 0 ? "; skipped " + bad + " bad rows." : "."));
    }

    /** The local file a GPDataFile names, checked to be a readable file (under the base folder, if any). */
    private Path localFile(GPDataFile value) {
        if (value.url() == null) {
            throw new IllegalArgumentException("parameter 'Input_File': uploaded items (itemID/portalItemID) are not "
                    + "supported by this tool; give {\"url\":\"file:...\"}");
        }
        String url = value.url();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("parameter 'Input_File': '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("parameter 'Input_File': only local file URLs (file:...) are supported "
                    + "by this tool, got '" + url + "'");
        }
        Path path;
        try {
            path = Path.of(uri).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'Input_File': '" + url + "' is not a local file URL: "
                    + e.getMessage());
        }
        if (baseFolder != null && !path.startsWith(baseFolder)) {
            throw new IllegalArgumentException("parameter 'Input_File': '" + url + "' is outside the folder this "
                    + "tool may read");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("parameter 'Input_File': no readable file at '" + url + "'");
        }
        return path;
    }

    private static int column(List<String> header, String name, String parameter) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("parameter '" + parameter + "': the file has no column '" + name
                + "'; its columns are " + header);
    }

    private static String problem(CsvReader.Row row, int columns, int xi, int yi, String xName, String yName,
                                  boolean geographic) {
        List<String> f = row.fields();
        if (f.size() != columns) {
            return "line " + row.line() + ": " + f.size() + " columns where the header has " + columns;
        }
        String xp = number(f.get(xi), xName, row.line());
        if (xp != null) {
            return xp;
        }
        String yp = number(f.get(yi), yName, row.line());
        if (yp != null) {
            return yp;
        }
        if (geographic) {
            double x = Double.parseDouble(f.get(xi));
            double y = Double.parseDouble(f.get(yi));
            if (Math.abs(x) > 180 || Math.abs(y) > 90) {
                return "line " + row.line() + ": (" + f.get(xi) + ", " + f.get(yi) + ") is not a longitude/latitude";
            }
        }
        return null;
    }

    private static String number(String text, String column, int line) {
        if (text.isEmpty()) {
            return "line " + line + ": " + column + " is empty";
        }
        if (!CsvColumns.isNumber(text)) {
            return "line " + line + ": " + column + " value '" + text + "' is not a number";
        }
        return null;
    }
}
