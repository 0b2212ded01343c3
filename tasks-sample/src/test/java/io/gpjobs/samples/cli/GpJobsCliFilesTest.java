package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.samples.SampleData;
import io.gpjobs.samples.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in, files out, each command in its own JVM as a GIS analyst runs them: GeoJSON through Buffer and back to
 * GeoJSON that an RFC 7946 checker accepts, the feature file's format told by its content, Esri JSON and CSV
 * outputs, and a CSV given by a relative path through CsvToPoints (and Project) and PointDensity to a grid file.
 */
class GpJobsCliFilesTest {
    /** Four Oslo places in WGS 84, with a string, an integer, a double, a boolean and a null property. */
    static final String STATIONS_GEOJSON = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[10.7522,59.9111]},
              "properties":{"name":"Jernbanetorget","docks":24,"load":0.5,"open":true,"note":null}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[10.7300,59.9107]},
              "properties":{"name":"Aker Brygge","docks":30,"load":1,"open":false,"note":"pier"}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[10.7387,59.9170]},
              "properties":{"name":"Slottsparken","docks":18,"load":0.25,"open":true,"note":null}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[10.7610,59.9230]},
              "properties":{"name":"Grünerløkka","docks":21,"load":0.75,"open":true,"note":null}}]}
            """;

    @TempDir
    Path tmp;

    private CliProcess cli() {
        return new CliProcess(tmp, tmp.resolve("jobs"));
    }

    @Test
    void aGeoJsonFileGoesThroughBufferAndComesBackAsValidGeoJson() throws Exception {
        Files.writeString(tmp.resolve("stations.geojson"), STATIONS_GEOJSON);
        Run run = cli().run("run", "Buffer", "Input_Features=@stations.geojson",
                "Distance={\"distance\":200,\"units\":\"esriMeters\"}", "--out", "out");
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode summary = run.json().get(0);
        JsonNode written = summary.path("outputs").get(0);
        assertThat(written.path("paramName").asText()).isEqualTo("Output_Features");
        assertThat(written.path("format").asText()).isEqualTo("geojson");
        Path file = tmp.resolve("out/Output_Features.geojson");
        assertThat(Path.of(written.path("file").asText())).isEqualTo(file);

        JsonNode fc = CliProcess.MAPPER.readTree(file.toFile());
        assertThat(GeoJsonChecker.problems(fc)).isEmpty();
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features")).hasSize(4);
        JsonNode input = CliProcess.MAPPER.readTree(STATIONS_GEOJSON);
        for (int i = 0; i < 4; i++) {
            JsonNode f = fc.path("features").get(i);
            assertThat(f.path("geometry").path("type").asText()).isEqualTo("Polygon");
            assertThat(f.path("properties").path("name").asText())
                    .isEqualTo(input.path("features").get(i).path("properties").path("name").asText());
            assertThat(f.path("properties").path("docks").asInt())
                    .isEqualTo(input.path("features").get(i).path("properties").path("docks").asInt());
            // the buffer is about 200 m around its station: 0.0036 degrees of latitude, 0.0072 of longitude here
            JsonNode station = input.path("features").get(i).path("geometry").path("coordinates");
            double[] box = bbox(f.path("geometry").path("coordinates").get(0));
            assertThat((box[0] + box[2]) / 2).isCloseTo(station.get(0).asDouble(), within(1e-4));
            assertThat((box[1] + box[3]) / 2).isCloseTo(station.get(1).asDouble(), within(1e-4));
            assertThat(box[3] - box[1]).isCloseTo(2 * 200 / 111_200.0, within(2e-4));
        }
        // the boolean property became a 0/1 field, in the engine's Esri JSON of the job's inputs
        String jobId = summary.path("jobId").asText();
        Run inputs = cli().run("inputs", jobId);
        JsonNode features = inputs.json().get(0).get(0).path("value");
        assertThat(features.path("spatialReference").path("wkid").asInt()).isEqualTo(4326);
        assertThat(features.path("features").get(1).path("attributes").path("open").asInt()).isZero();
        assertThat(features.path("features").get(0).path("geometry").path("x").asDouble()).isEqualTo(10.7522);

        // the same job's result, asked again: GeoJSON on standard output, Esri JSON and a refused CSV to files
        Run geojson = cli().run("results", jobId, "--format", "geojson");
        assertThat(geojson.exit()).as(geojson.toString()).isZero();
        assertThat(GeoJsonChecker.problems(geojson.json().get(0))).isEmpty();
        assertThat(geojson.json().get(0)).isEqualTo(fc);
        Run esri = cli().run("results", jobId, "Output_Features", "--out", "buffers.json");
        assertThat(esri.exit()).as(esri.toString()).isZero();
        JsonNode esriSet = CliProcess.MAPPER.readTree(tmp.resolve("buffers.json").toFile());
        assertThat(esriSet.path("geometryType").asText()).isEqualTo("esriGeometryPolygon");
        assertThat(esriSet.path("features").get(0).path("geometry").has("rings")).isTrue();
        Run csv = cli().run("results", jobId, "--format", "csv", "--out", "buffers.csv");
        assertThat(csv.exit()).as(csv.toString()).isEqualTo(2);
        assertThat(csv.err()).contains("polygon geometries, which CSV cannot hold");
        assertThat(tmp.resolve("buffers.csv")).doesNotExist();
    }

    @Test
    void theFeatureFilesFormatIsToldByItsContentNotItsName() throws Exception {
        Files.writeString(tmp.resolve("geojson-named.json"), STATIONS_GEOJSON);
        Files.writeString(tmp.resolve("esri-named.geojson"), SampleData.read(SampleData.BIKE_STATIONS));
        Run fromGeoJson = cli().run("run", "Buffer", "Input_Features=@geojson-named.json",
                "Distance={\"distance\":50,\"units\":\"esriMeters\"}", "Dissolve_Option=ALL");
        assertThat(fromGeoJson.exit()).as(fromGeoJson.toString()).isZero();
        assertThat(fromGeoJson.json().get(0).path("results").get(0).path("value").path("spatialReference")
                .path("wkid").asInt()).isEqualTo(4326);
        // a plain path to an existing file works as well as @file
        Run fromEsri = cli().run("run", "Buffer", "Input_Features=esri-named.geojson",
                "Distance={\"distance\":50,\"units\":\"esriMeters\"}", "--out", "esri-out");
        assertThat(fromEsri.exit()).as(fromEsri.toString()).isZero();
        // UTM zone 32N in, longitude/latitude out: the first buffer lies around Jernbanetorget (10.7522, 59.9111)
        JsonNode fc = CliProcess.MAPPER.readTree(tmp.resolve("esri-out/Output_Features.geojson").toFile());
        assertThat(GeoJsonChecker.problems(fc)).isEmpty();
        assertThat(fc.path("features")).hasSize(36);
        double[] box = bbox(fc.path("features").get(0).path("geometry").path("coordinates").get(0));
        assertThat((box[0] + box[2]) / 2).isCloseTo(10.7522, within(0.002));
        assertThat((box[1] + box[3]) / 2).isCloseTo(59.9111, within(0.001));

        Files.writeString(tmp.resolve("broken.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[");
        Run broken = cli().run("run", "Buffer", "Input_Features=@broken.geojson",
                "Distance={\"distance\":50,\"units\":\"esriMeters\"}");
        assertThat(broken.exit()).as(broken.toString()).isEqualTo(2);
        assertThat(broken.err()).contains("Input_Features").contains("broken.geojson")
                .contains("neither GeoJSON nor Esri JSON");
    }

    @Test
    void aCsvByRelativePathGoesThroughCsvToPointsAndPointDensity() throws Exception {
        // This CSV holds projected coordinates (UTM zone 32N), so the points go straight to PointDensity; the chain
        // through Project is the next test.
        Files.createDirectories(tmp.resolve("data"));
        StringBuilder csv = new StringBuilder("name,x,y,pm25\n");
        for (int i = 0; i < 12; i++) {
            csv.append("sensor ").append(i).append(',').append(596_000 + 150 * (i % 4)).append(',')
                    .append(6_642_000 + 200 * (i / 4)).append(',').append(5 + i).append('\n');
        }
        Files.writeString(tmp.resolve("data/sensors_utm32.csv"), csv);

        Run points = cli().run("run", "CsvToPoints", "Input_File=data/sensors_utm32.csv", "WKID=32632",
                "--out", "points.json");
        assertThat(points.exit()).as(points.toString()).isZero();
        JsonNode pointSet = CliProcess.MAPPER.readTree(tmp.resolve("points.json").toFile());
        assertThat(pointSet.path("geometryType").asText()).isEqualTo("esriGeometryPoint");
        assertThat(pointSet.path("features")).hasSize(12);
        assertThat(pointSet.path("spatialReference").path("wkid").asInt()).isEqualTo(32632);

        Run density = cli().run("run", "PointDensity", "Input_Points=@points.json", "Population_Field=pm25",
                "--out", "density");
        assertThat(density.exit()).as(density.toString()).isZero();
        List<String> names = new ArrayList<>();
        JsonNode outputs = density.json().get(0).path("outputs");
        outputs.forEach(o -> names.add(o.path("paramName").asText()));
        assertThat(names).containsExactly("Output_Raster", "Maximum_Density");
        Path grid = tmp.resolve("density/Output_Raster.asc");
        assertThat(Path.of(outputs.get(0).path("file").asText())).isEqualTo(grid);
        List<String> header = Files.readAllLines(grid).subList(0, 6);
        assertThat(header.get(0)).startsWith("ncols");
        assertThat(header.get(2)).startsWith("xllcorner");
        assertThat(tmp.resolve("density/Output_Raster.prj")).isRegularFile();
        assertThat(outputs.get(1).path("value").asDouble()).isPositive();

        // CSV back out: the points as x/y columns that CsvToPoints reads again
        Run back = cli().run("results", points.json().get(0).path("jobId").asText(), "--out", "again.csv");
        assertThat(back.exit()).as(back.toString()).isZero();
        List<String> lines = Files.readAllLines(tmp.resolve("again.csv"));
        assertThat(lines.get(0)).isEqualTo("OBJECTID,name,pm25,x,y");
        assertThat(lines).hasSize(13);
        assertThat(lines.get(1)).startsWith("1,sensor 0,5,596000");

        // without Project, longitude/latitude points are refused by PointDensity: the job fails, exit 1
        Files.writeString(tmp.resolve("lonlat.geojson"), STATIONS_GEOJSON);
        Run geographic = cli().run("run", "PointDensity", "Input_Points=@lonlat.geojson");
        assertThat(geographic.exit()).as(geographic.toString()).isEqualTo(1);
        assertThat(geographic.err()).contains("project the points");
    }

    @Test
    void aCsvInLongitudeLatitudeGoesThroughCsvToPointsProjectAndPointDensity() throws Exception {
        // The chain an analyst runs: CSV points in WGS 84 -> CsvToPoints -> Project (to UTM zone 32N) -> PointDensity.
        Files.createDirectories(tmp.resolve("data"));
        StringBuilder csv = new StringBuilder("name,lon,lat,pm25\n");
        for (int i = 0; i < 12; i++) {
            csv.append("sensor ").append(i).append(',').append(10.74 + 0.003 * (i % 4)).append(',')
                    .append(59.91 + 0.002 * (i / 4)).append(',').append(5 + i).append('\n');
        }
        Files.writeString(tmp.resolve("data/sensors.csv"), csv);

        Run points = cli().run("run", "CsvToPoints", "Input_File=data/sensors.csv", "X_Field=lon", "Y_Field=lat",
                "WKID=4326", "--out", "points.json");
        assertThat(points.exit()).as(points.toString()).isZero();
        assertThat(CliProcess.MAPPER.readTree(tmp.resolve("points.json").toFile())
                .path("spatialReference").path("wkid").asInt()).isEqualTo(4326);

        Run projected = cli().run("run", "Project", "Input_Features=@points.json", "Output_Wkid=32632",
                "--out", "projected.json", "--format", "esrijson");
        assertThat(projected.exit()).as(projected.toString()).isZero();
        JsonNode utm = CliProcess.MAPPER.readTree(tmp.resolve("projected.json").toFile());
        assertThat(utm.path("spatialReference").path("wkid").asInt()).isEqualTo(32632);
        assertThat(utm.path("features")).hasSize(12);
        // Oslo lies near easting 597 km, northing 6,643 km in UTM zone 32N
        assertThat(utm.at("/features/0/geometry/x").asDouble()).isBetween(590_000.0, 605_000.0);
        assertThat(utm.at("/features/0/geometry/y").asDouble()).isBetween(6_635_000.0, 6_650_000.0);

        Run density = cli().run("run", "PointDensity", "Input_Points=@projected.json", "Population_Field=pm25",
                "--out", "density");
        assertThat(density.exit()).as(density.toString()).isZero();
        assertThat(tmp.resolve("density/Output_Raster.asc")).isRegularFile();
        assertThat(Files.readAllLines(tmp.resolve("density/Output_Raster.asc")).get(0)).startsWith("ncols");
    }

    @Test
    void aSynchronousServiceWritesItsOutputsToo() throws Exception {
        Files.writeString(tmp.resolve("sync.json"), "{\"serviceName\":\"sync\",\"type\":\"GPServer\","
                + "\"properties\":{\"executionType\":\"Synchronous\"}}");
        Files.writeString(tmp.resolve("stations.geojson"), STATIONS_GEOJSON);
        Run r = cli().run("--service", "sync.json", "run", "Buffer", "Input_Features=@stations.geojson",
                "Distance={\"distance\":30,\"units\":\"esriMeters\"}", "--out", "sync-out/", "--format", "esrijson");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode set = CliProcess.MAPPER.readTree(tmp.resolve("sync-out/Output_Features.json").toFile());
        assertThat(set.path("features")).hasSize(4);
        assertThat(set.path("spatialReference").path("wkid").asInt()).isEqualTo(4326);

        // a failing task on a synchronous service is a failed job: exit 1, not an error of gpjobs
        Files.writeString(tmp.resolve("bad.csv"), "x,y\n1,2\nthree,4\n");
        Run failed = cli().run("--service", "sync.json", "run", "CsvToPoints", "Input_File=bad.csv",
                "Fail_On_Bad_Rows=true");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("did not succeed").contains("three");
    }

    @Test
    void aDataFileThatIsNotThereIsAnInputErrorNamingIt() throws Exception {
        Run r = cli().run("run", "CsvToPoints", "Input_File=data/missing.csv");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Input_File").contains("data/missing.csv");
    }

    /** {minX, minY, maxX, maxY} of a ring of positions. */
    private static double[] bbox(JsonNode ring) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (JsonNode p : ring) {
            b[0] = Math.min(b[0], p.get(0).asDouble());
            b[1] = Math.min(b[1], p.get(1).asDouble());
            b[2] = Math.max(b[2], p.get(0).asDouble());
            b[3] = Math.max(b[3], p.get(1).asDouble());
        }
        return b;
    }
}
