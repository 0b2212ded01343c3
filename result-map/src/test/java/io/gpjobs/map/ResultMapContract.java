package io.gpjobs.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPEngine;
import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.testkit.ManualClock;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.SpatialReference;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The result map behaviour on a real engine, run against each store by a subclass: layers, queries, export, time,
 * and the map's lifetime. The job's outputs are those of {@link MapOutputsTask} (25 points, maximumRecords 10).
 */
abstract class ResultMapContract {

    static final Duration MAX_FILE_AGE = Duration.ofMinutes(30);
    static final int WHITE = 0xFFFFFFFF;
    static final int RED = 0xFFE60000;
    static final int BLUE = 0xFF005CE6;
    static final int GREEN = 0xFF38A800;
    static final int RAMP_LOW = 0xFFFFFFB2;
    static final int RAMP_HIGH = 0xFFBD0026;
    /** bbox x 0..40, y 40..80 on 400 x 400 px: 10 px per unit, px = 10 x, py = 10 (80 - y). */
    static final Envelope BBOX = new Envelope(0, 40, 40, 80, null);

    final ManualClock clock = new ManualClock();
    GPEngine engine;
    ResultMapService maps;
    String jobId;

    /** The jobs directory of the services: a local path or {@code /cloudStores/<name>}. */
    abstract String jobsDirectory();

    /** Adds what the store needs (a cloud store item) to the builder. */
    void configure(GPEngine.Builder b) {
    }

    // each builder option may be set once, so the variants are parameters rather than overrides
    GPService.Builder service(String name, GPService.ExecutionType type, boolean resultMap) {
        return GPService.builder(name).executionType(type).resultMapServer(resultMap)
                .maximumRecords(10).maxFileAge(MAX_FILE_AGE).jobsDirectory(jobsDirectory()).task(new MapOutputsTask());
    }

    @BeforeEach
    void start() {
        GPEngine.Builder b = GPEngine.builder().clock(clock).accessPolicy(AccessPolicy.ownerOnly("admin"))
                .service(service("Maps", GPService.ExecutionType.ASYNCHRONOUS, true).build())
                .service(service("NoMaps", GPService.ExecutionType.ASYNCHRONOUS, false).build())
                .service(service("SyncMaps", GPService.ExecutionType.SYNCHRONOUS, true).build());
        configure(b);
        engine = b.build();
        maps = ResultMapService.of(engine);
        jobId = run("Maps", Map.of());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    String run(String service, Map<String, ?> inputs) {
        JobInfo j = engine.anonymous().submitJob(service, "MapOutputs", inputs);
        JobInfo done = engine.anonymous().awaitCompletion(j.jobId(), Duration.ofSeconds(60));
        assertThat(done.isTerminal()).as("job finished: %s", done).isTrue();
        return j.jobId();
    }

    // ---- layers ----

    @Test
    void layersFollowOutputOrderAndScalarsHaveNone() {
        ResultMap map = maps.map(jobId);
        assertThat(map.layers()).extracting(MapLayer::name).containsExactly("Out_Points", "Out_Lines",
                "Out_Polygons", "Out_Table", "Out_Raster", "Out_Dataset");
        assertThat(map.layers()).extracting(MapLayer::id).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(map.layers()).extracting(MapLayer::type).containsExactly(LayerType.FEATURE_LAYER,
                LayerType.FEATURE_LAYER, LayerType.FEATURE_LAYER, LayerType.TABLE, LayerType.RASTER_LAYER,
                LayerType.FEATURE_LAYER);
        assertThat(map.layers()).extracting(MapLayer::geometryType).containsExactly(GeometryType.POINT,
                GeometryType.POLYLINE, GeometryType.POLYGON, null, null, GeometryType.POINT);
        MapLayer points = map.layer(0).orElseThrow();
        assertThat(points.fields()).extracting(f -> f.name()).containsExactly("OBJECTID", "NAME", "POP", "WHEN");
        assertThat(points.objectIdField()).isEqualTo("OBJECTID");
        assertThat(points.extent()).isEqualTo(new Envelope(10, 60, 18, 68, null));
        assertThat(points.spatialReference().wkid()).isEqualTo(4326);
        assertThat(points.count()).isEqualTo(25);
        assertThat(map.layer(2).orElseThrow().description()).isEqualTo("Output polygons");
        assertThat(map.layer("Out_Raster").orElseThrow().extent()).isEqualTo(new Envelope(2, 70, 10, 78, null));
        assertThat(map.layer("Out_Raster").orElseThrow().spatialReference()).as("from grid.prj")
                .isEqualTo(SpatialReference.WGS84);
        assertThat(map.fullExtent()).isEqualTo(new Envelope(2, 42, 38, 78, null));

        ObjectNode json = map.json();
        assertThat(names(json.get("layers"))).containsExactly("Out_Points", "Out_Lines", "Out_Polygons", "Out_Raster",
                "Out_Dataset");
        assertThat(names(json.get("tables"))).containsExactly("Out_Table");
        JsonNode l0 = json.get("layers").get(0);
        assertThat(l0.get("type").asText()).isEqualTo("Feature Layer");
        assertThat(l0.get("geometryType").asText()).isEqualTo("esriGeometryPoint");
        assertThat(l0.get("extent").get("xmin").asDouble()).isEqualTo(10);
        assertThat(l0.get("extent").get("spatialReference").get("wkid").asInt()).isEqualTo(4326);
        assertThat(l0.get("fields").get(0).get("type").asText()).isEqualTo("esriFieldTypeOID");
        assertThat(l0.get("timeInfo").get("startTimeField").asText()).isEqualTo("WHEN");
        assertThat(json.get("layers").get(3).get("type").asText()).isEqualTo("Raster Layer");
        assertThat(json.get("tables").get(0).get("id").asInt()).isEqualTo(3);
        assertThat(maps.layerJson(jobId, 3)).isEqualTo(json.get("tables").get(0));
        assertThat(maps.layerJson(jobId, 4).get("type").asText()).isEqualTo("Raster Layer");
        assertThatThrownBy(() -> maps.layerJson(jobId, 6)).isInstanceOfSatisfying(GPException.class,
                e -> assertThat(e.code()).isEqualTo(404));
        assertThat(json.get("spatialReference").get("wkid").asInt()).isEqualTo(4326);
        assertThat(json.get("maxRecordCount").asInt()).isEqualTo(10);
        assertThat(json.get("timeInfo").get("timeExtent").get(0).asLong())
                .isEqualTo(MapOutputsTask.BASE.toEpochMilli());
    }

    static List<String> names(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    @Test
    void noMapWhenTheServiceHasNoneTheServiceIsSyncOrTheJobFailed() {
        String plain = run("NoMaps", Map.of());
        assertThatThrownBy(() -> maps.map(plain)).isInstanceOfSatisfying(GPException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.details()).anySatisfy(d -> assertThat(d).contains("resultMapServer is false"));
        });
        engine.anonymous().execute("SyncMaps", "MapOutputs", Map.of());
        String failed = run("Maps", Map.of("Fail", "true"));
        assertThat(engine.anonymous().job(failed).status()).isEqualTo(JobStatus.FAILED);
        assertThatThrownBy(() -> maps.map(failed)).isInstanceOfSatisfying(GPException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.details()).anySatisfy(d -> assertThat(d).contains("esriJobFailed"));
        });
        assertThatThrownBy(() -> maps.map("j" + "0".repeat(32))).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> maps.map("../etc")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void synchronousJobsHaveNoMap() {
        String sync = engine.anonymous().execute("SyncMaps", "MapOutputs", Map.of()).jobId();
        assertThatThrownBy(() -> maps.map(sync)).isInstanceOfSatisfying(GPException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.details()).anySatisfy(d -> assertThat(d).contains("synchronous"));
        });
    }

    @Test
    void theAccessPolicyGuardsTheMap() {
        JobInfo j = engine.as("alice").submitJob("Maps", "MapOutputs", Map.of("N", "3"));
        assertThat(engine.as("alice").awaitCompletion(j.jobId(), Duration.ofSeconds(60)).status())
                .isEqualTo(JobStatus.SUCCEEDED);
        assertThat(maps.map(j.jobId(), "alice").layer(0).orElseThrow().count()).isEqualTo(3);
        assertThat(maps.map(j.jobId(), "admin").layers()).hasSize(6);
        for (Runnable r : List.<Runnable>of(() -> maps.map(j.jobId(), "bob"),
                () -> maps.query(j.jobId(), 0, LayerQuery.all(), "bob"),
                () -> maps.exportPng(j.jobId(), ExportRequest.of(BBOX, 10, 10), null))) {
            assertThatThrownBy(r::run).isInstanceOfSatisfying(GPException.class, e -> assertThat(e.code())
                    .isEqualTo(403));
        }
    }

    // ---- query ----

    List<String> queryNames(LayerQuery q) {
        List<String> out = new ArrayList<>();
        maps.query(jobId, 0, q).get("features").forEach(f -> out.add(f.get("attributes").get("NAME").asText()));
        return out;
    }

    static List<String> expected(IntPredicate p) {
        return IntStream.range(0, 25).filter(p).mapToObj(i -> "P" + i).toList();
    }

    @Test
    void whereClauseFilters() {
        LayerQuery.Builder q = LayerQuery.builder().resultRecordCount(10);
        assertThat(queryNames(q.where("POP >= 1000 AND NAME LIKE 'P1%'").build()))
                .containsExactlyElementsOf(expected(i -> i != 3 && i * 100 >= 1000 && ("P" + i).startsWith("P1")));
        assertThat(queryNames(q.where("name in ('P1', 'P2') OR pop IS NULL").build()))
                .containsExactly("P1", "P2", "P3");
        assertThat(queryNames(q.where("NOT (POP < 2000) AND POP <> 2200").build()))
                .containsExactlyElementsOf(expected(i -> i != 3 && !(i * 100 < 2000) && i * 100 != 2200));
        assertThat(queryNames(q.where("POP BETWEEN 300 AND 600").build())).containsExactly("P4", "P5", "P6");
        assertThat(queryNames(q.where("UPPER(NAME) = 'P7' OR NAME LIKE 'P_4'").build()))
                .containsExactly("P7", "P14", "P24");
        assertThat(queryNames(q.where("WHEN >= DATE '2026-03-20'").build()))
                .containsExactlyElementsOf(expected(i -> i >= 19));
    }

    @Test
    void envelopeOutFieldsGeometryAndCount() {
        ObjectNode r = maps.query(jobId, 0, LayerQuery.builder().envelope(new Envelope(9, 59, 13, 61, null))
                .outFields("NAME").build());
        assertThat(r.get("features")).hasSize(2);
        JsonNode f = r.get("features").get(0);
        assertThat(f.get("attributes").fieldNames()).toIterable().containsExactly("OBJECTID", "NAME");
        assertThat(f.get("attributes").get("NAME").asText()).isEqualTo("P0");
        assertThat(f.get("geometry").get("x").asDouble()).isEqualTo(10);
        assertThat(r.get("geometryType").asText()).isEqualTo("esriGeometryPoint");
        assertThat(r.get("spatialReference").get("wkid").asInt()).isEqualTo(4326);
        assertThat(r.get("fields")).hasSize(2);

        ObjectNode noGeom = maps.query(jobId, 2, LayerQuery.builder().returnGeometry(false).build());
        assertThat(noGeom.get("features").get(0).has("geometry")).isFalse();
        // the polygon contains the envelope though no vertex lies in it
        assertThat(maps.query(jobId, 2, LayerQuery.builder().envelope(new Envelope(29, 49, 31, 51, null)).build())
                .get("features")).hasSize(1);
        assertThat(maps.query(jobId, 1, LayerQuery.builder().envelope(new Envelope(19, 41, 21, 43, null)).build())
                .get("features")).hasSize(1);
        assertThat(maps.query(jobId, 1, LayerQuery.builder().envelope(new Envelope(19, 43, 21, 45, null)).build())
                .get("features")).isEmpty();
        assertThat(maps.query(jobId, 0, LayerQuery.builder().where("POP > 500").returnCountOnly(true).build())
                .get("count").asInt()).isEqualTo(expected(i -> i != 3 && i * 100 > 500).size());
        ObjectNode table = maps.query(jobId, 3, LayerQuery.builder().where("QTY >= 2").build());
        assertThat(table.has("geometryType")).isFalse();
        assertThat(table.get("features")).hasSize(2);
        assertThat(table.get("features").get(0).get("attributes").get("CODE").asText()).isEqualTo("b");
        assertThatThrownBy(() -> maps.query(jobId, 0, LayerQuery.builder().outFields("NOPE").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> maps.query(jobId, 4, LayerQuery.all())).isInstanceOfSatisfying(GPException.class,
                e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> maps.query(jobId, 6, LayerQuery.all())).isInstanceOfSatisfying(GPException.class,
                e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void pagingIsCappedByMaximumRecordsWithTheTransferLimitFlag() {
        ObjectNode first = maps.query(jobId, 0, LayerQuery.all());
        assertThat(first.get("features")).hasSize(10);
        assertThat(first.get("exceededTransferLimit").asBoolean()).isTrue();
        ObjectNode capped = maps.query(jobId, 0, LayerQuery.builder().resultRecordCount(50).build());
        assertThat(capped.get("features")).hasSize(10);
        assertThat(capped.get("exceededTransferLimit").asBoolean()).isTrue();
        assertThat(queryNames(LayerQuery.builder().resultOffset(5).resultRecordCount(3).build()))
                .containsExactly("P5", "P6", "P7");
        ObjectNode last = maps.query(jobId, 0, LayerQuery.builder().resultOffset(20).build());
        assertThat(last.get("features")).hasSize(5);
        assertThat(last.get("exceededTransferLimit").asBoolean()).isFalse();
        List<String> all = new ArrayList<>();
        for (int offset = 0; offset < 25; offset += 10) {
            all.addAll(queryNames(LayerQuery.builder().resultOffset(offset).build()));
        }
        assertThat(all).containsExactlyElementsOf(expected(i -> true));
        ObjectNode few = maps.query(jobId, 0, LayerQuery.builder().where("POP < 300").build());
        assertThat(few.get("features")).hasSize(expected(i -> i != 3 && i * 100 < 300).size()).hasSize(3);
        assertThat(few.get("exceededTransferLimit").asBoolean()).isFalse();
    }

    @Test
    void badWhereClausesGiveAClearError() {
        assertBadWhere("POP >> 3", 5, ">");
        assertBadWhere("NAME = 'x", 7, "'x");
        assertBadWhere("FOO = 1", 0, "FOO");
        assertBadWhere("POP = 'abc'", 6, "'abc'");
        assertBadWhere("1=1; DROP TABLE x", 3, ";");
        assertBadWhere("(POP > 1", 8, "end of clause");
        assertBadWhere("NAME LIKE 3", 10, "3");
        // still usable afterwards, and nothing evaluated the clause as code
        assertThat(queryNames(LayerQuery.builder().where("NAME = 'P1'").build())).containsExactly("P1");
    }

    void assertBadWhere(String where, int position, String token) {
        assertThatThrownBy(() -> maps.query(jobId, 0, LayerQuery.builder().where(where).build()))
                .isInstanceOfSatisfying(InvalidWhereClauseException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.envelopeMessage()).isEqualTo("Invalid where clause.");
                    assertThat(e.position()).as("position in %s", where).isEqualTo(position);
                    assertThat(e.token()).isEqualTo(token);
                    assertThat(e.details().get(0)).contains(where).contains("position " + position);
                });
    }

    @Test
    void legendHasASwatchPerDrawnLayerInItsSymbolColour() throws IOException {
        JsonNode layers = maps.legend(jobId).get("layers");
        assertThat(names(layers, "layerName")).containsExactly("Out_Points", "Out_Lines", "Out_Polygons",
                "Out_Raster", "Out_Dataset");
        BufferedImage point = swatch(layers.get(0).get("legend").get(0));
        assertThat(point.getRGB(10, 10)).isEqualTo(RED);
        assertThat(swatch(layers.get(1).get("legend").get(0)).getRGB(10, 10)).isEqualTo(BLUE);
        assertThat(swatch(layers.get(2).get("legend").get(0)).getRGB(10, 10)).isEqualTo(GREEN);
        JsonNode raster = layers.get(3).get("legend");
        assertThat(raster.get(0).get("label").asText()).isEqualTo("High : 15");
        assertThat(swatch(raster.get(0)).getRGB(10, 10)).isEqualTo(RAMP_HIGH);
        assertThat(raster.get(1).get("label").asText()).isEqualTo("Low : 1");
        assertThat(swatch(raster.get(1)).getRGB(10, 10)).isEqualTo(RAMP_LOW);
    }

    static BufferedImage swatch(JsonNode entry) {
        assertThat(entry.get("contentType").asText()).isEqualTo("image/png");
        return decode(java.util.Base64.getDecoder().decode(entry.get("imageData").asText()));
    }

    static List<String> names(JsonNode arr, String field) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    // ---- identify ----

    JsonNode identify(double x, double y, int tolerance, List<Integer> layers, TimeExtent time) {
        return maps.identify(jobId, new IdentifyRequest(io.gpjobs.value.Geometry.Point.of(x, y), BBOX, 400, 400,
                tolerance, layers, time, true)).get("results");
    }

    @Test
    void identifyFindsFeaturesAndRasterValuesAtAPoint() {
        JsonNode atP0 = identify(10.2, 60.1, 3, List.of(), null);
        assertThat(atP0).hasSize(1);
        assertThat(atP0.get(0).get("layerId").asInt()).isZero();
        assertThat(atP0.get(0).get("displayFieldName").asText()).isEqualTo("NAME");
        assertThat(atP0.get(0).get("value").asText()).isEqualTo("P0");
        assertThat(atP0.get(0).get("attributes").get("POP").asLong()).isZero();
        assertThat(atP0.get(0).get("geometry").get("x").asDouble()).isEqualTo(10);
        assertThat(atP0.get(0).get("geometry").get("spatialReference").get("wkid").asInt()).isEqualTo(4326);
        assertThat(identify(10.5, 60.5, 3, List.of(), null)).as("beyond 3 px").isEmpty();

        JsonNode inPolygon = identify(30, 50, 0, List.of(), null);
        assertThat(inPolygon).hasSize(1);
        assertThat(inPolygon.get(0).get("layerName").asText()).isEqualTo("Out_Polygons");
        assertThat(inPolygon.get(0).get("geometryType").asText()).isEqualTo("esriGeometryPolygon");
        assertThat(identify(30, 50, 0, List.of(0, 1), null)).isEmpty();

        JsonNode cell = identify(3, 77, 0, List.of(), null);
        assertThat(cell).hasSize(1);
        assertThat(cell.get(0).get("layerName").asText()).isEqualTo("Out_Raster");
        assertThat(cell.get(0).get("value").asText()).isEqualTo("1");
        assertThat(cell.get(0).get("attributes").get("Pixel Value").asText()).isEqualTo("1");
        assertThat(identify(7, 71, 0, List.of(), null).get(0).get("value").asText()).isEqualTo("15");
        assertThat(identify(9, 71, 0, List.of(), null).get(0).get("value").asText()).isEqualTo("NoData");

        TimeExtent later = TimeExtent.between(MapOutputsTask.BASE.plus(Duration.ofDays(2)),
                MapOutputsTask.BASE.plus(Duration.ofDays(4)));
        assertThat(identify(10, 60, 3, List.of(), later)).isEmpty();
        assertThat(identify(14, 60, 3, List.of(), later)).hasSize(1);

        JsonNode fromMercator = maps.identify(jobId, IdentifyRequest.fromRequest(Map.of(
                "geometry", mercatorX(12) + "," + mercatorY(60), "sr", "3857", "tolerance", "2",
                "mapExtent", mercatorX(0) + "," + mercatorY(40) + "," + mercatorX(40) + "," + mercatorY(80),
                "imageDisplay", "400,400,96", "layers", "all"))).get("results");
        assertThat(fromMercator).hasSize(1);
        assertThat(fromMercator.get(0).get("value").asText()).isEqualTo("P1");
        assertThat(fromMercator.get(0).get("geometry").get("x").asDouble()).as("in the request's spatial reference")
                .isCloseTo(mercatorX(12), within(1e-6));
        assertThat(fromMercator.get(0).get("geometry").get("spatialReference").get("wkid").asInt()).isEqualTo(3857);
        assertThatThrownBy(() -> identify(1, 1, 0, List.of(8), null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no layer 8");
    }

    // ---- time ----

    @Test
    void timeFiltersQueryAndExport() {
        TimeExtent days2to4 = TimeExtent.between(MapOutputsTask.BASE.plus(Duration.ofDays(2)),
                MapOutputsTask.BASE.plus(Duration.ofDays(4)));
        assertThat(queryNames(LayerQuery.builder().time(days2to4).build())).containsExactly("P2", "P3", "P4");
        assertThat(maps.query(jobId, 2, LayerQuery.builder().time(days2to4).build()).get("features")).hasSize(1);
        ExportRequest all = ExportRequest.of(BBOX, 400, 400);
        BufferedImage before = decode(maps.exportPng(jobId, all));
        BufferedImage during = decode(maps.exportPng(jobId, all.withTime(days2to4)));
        // point 2 is at (14, 60), point 0 at (10, 60)
        assertThat(during.getRGB(140, 200)).isEqualTo(RED);
        assertThat(before.getRGB(100, 200)).isEqualTo(RED);
        assertThat(during.getRGB(100, 200)).isEqualTo(WHITE);
        assertThat(during.getRGB(300, 300)).isEqualTo(GREEN);
    }

    // ---- export ----

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(img).as("a decodable PNG").isNotNull();
            return img;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void exportDrawsEachLayerWhereItsFeaturesAre() {
        byte[] png = maps.exportPng(jobId, ExportRequest.of(BBOX, 400, 400));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = decode(png);
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(img.getHeight()).isEqualTo(400);
        for (int i = 0; i < 25; i++) {
            var p = MapOutputsTask.point(i);
            assertThat(img.getRGB((int) (p.x() * 10), (int) ((80 - p.y()) * 10))).as("point %d", i).isEqualTo(RED);
        }
        assertThat(img.getRGB(120, 210)).as("between points").isEqualTo(WHITE);
        assertThat(img.getRGB(300, 300)).as("polygon interior").isEqualTo(GREEN);
        assertThat(img.getRGB(200, 380)).as("line").isEqualTo(BLUE);
        assertThat(img.getRGB(200, 370)).as("beside the line").isEqualTo(WHITE);
        assertThat(img.getRGB(30, 30)).as("raster minimum cell").isEqualTo(RAMP_LOW);
        assertThat(img.getRGB(70, 90)).as("raster maximum cell").isEqualTo(RAMP_HIGH);
        assertThat(img.getRGB(90, 90)).as("raster no-data cell").isEqualTo(WHITE);
        assertThat(img.getRGB(300, 50)).as("the geodataset named by a GPString").isEqualTo(RED);
        assertThat(img.getRGB(390, 10)).as("background").isEqualTo(WHITE);

        BufferedImage onlyPolygons = decode(maps.exportPng(jobId, ExportRequest.of(BBOX, 400, 400)
                .withLayers(List.of(2)).withTransparent(true)));
        assertThat(onlyPolygons.getRGB(300, 300)).isEqualTo(GREEN);
        assertThat(onlyPolygons.getRGB(100, 200) >>> 24).as("transparent where nothing is drawn").isZero();
        assertThatThrownBy(() -> maps.exportPng(jobId, ExportRequest.of(BBOX, 10, 10).withLayers(List.of(9))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no layer 9");
    }

    static double mercatorY(double lat) {
        return 6378137.0 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
    }

    static double mercatorX(double lon) {
        return 6378137.0 * Math.toRadians(lon);
    }

    @Test
    void webMercatorRequestsAreConvertedFromAndToWgs84() {
        SpatialReference webMercator = new SpatialReference(102100, 3857, null, null, null);
        Envelope aroundP0 = new Envelope(mercatorX(9.5), mercatorY(59.5), mercatorX(10.5), mercatorY(60.5),
                webMercator);
        assertThat(queryNames(LayerQuery.builder().envelope(aroundP0).build())).containsExactly("P0");
        ObjectNode inMercator = maps.query(jobId, 0, LayerQuery.fromRequest(Map.of("where", "NAME = 'P7'",
                "outSR", "102100")));
        assertThat(inMercator.get("spatialReference").get("wkid").asInt()).isEqualTo(102100);
        JsonNode p7 = inMercator.get("features").get(0).get("geometry");
        assertThat(p7.get("x").asDouble()).isCloseTo(mercatorX(14), within(1e-6));
        assertThat(p7.get("y").asDouble()).isCloseTo(mercatorY(62), within(1e-6));
        ObjectNode square = maps.query(jobId, 2, LayerQuery.builder().outSpatialReference(webMercator).build());
        JsonNode ring = square.get("features").get(0).get("geometry").get("rings").get(0);
        assertThat(ring.get(0).get(0).asDouble()).isCloseTo(mercatorX(25), within(1e-6));
        assertThat(ring.get(0).get(1).asDouble()).isCloseTo(mercatorY(45), within(1e-6));
        // any EPSG projection, not only Web Mercator: P0 (10°E 60°N) in UTM zone 32N
        JsonNode p0Utm = maps.query(jobId, 0, LayerQuery.fromRequest(Map.of("where", "NAME = 'P0'",
                "outSR", "32632"))).get("features").get(0).get("geometry");
        assertThat(p0Utm.get("x").asDouble()).isCloseTo(555776, within(5.0));
        assertThat(p0Utm.get("y").asDouble()).isCloseTo(6651832, within(5.0));
        assertThatThrownBy(() -> maps.query(jobId, 0, LayerQuery.builder()
                .outSpatialReference(SpatialReference.ofWkid(999999)).build())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outSR").hasMessageContaining("999999");

        double ymin = mercatorY(40);
        double ymax = mercatorY(80);
        Envelope bbox = new Envelope(mercatorX(0), ymin, mercatorX(40), ymax, webMercator);
        BufferedImage img = decode(maps.exportPng(jobId, ExportRequest.of(bbox, 400, 400)));
        for (int i : new int[] {0, 7, 24}) {
            var p = MapOutputsTask.point(i);
            int px = (int) (p.x() * 10);
            int py = (int) Math.floor((ymax - mercatorY(p.y())) / (ymax - ymin) * 400);
            assertThat(img.getRGB(px, py)).as("point %d", i).isEqualTo(RED);
        }
        int rasterMinRow = (int) ((ymax - mercatorY(77)) / (ymax - ymin) * 400);
        assertThat(img.getRGB(30, rasterMinRow)).as("raster minimum cell").isEqualTo(RAMP_LOW);
        Envelope unknown = new Envelope(0, 0, 10, 10, SpatialReference.ofWkid(999999));
        assertThatThrownBy(() -> maps.exportPng(jobId, ExportRequest.of(unknown, 10, 10)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bbox")
                .hasMessageContaining("unknown spatial reference wkid 999999");
    }

    @Test
    void identicalExportsGiveIdenticalBytes() {
        ExportRequest r = ExportRequest.of(BBOX, 256, 256);
        byte[] a = maps.exportPng(jobId, r);
        byte[] b = maps.exportPng(jobId, r);
        byte[] c = ResultMapService.of(engine).exportPng(jobId, r);
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(maps.exportPng(jobId, r.withLayers(List.of(1)))).isNotEqualTo(a);
        assertThat(maps.exportPng(jobId, ExportRequest.fromRequest(Map.of("bbox", "0,40,40,80", "size", "256,256",
                "f", "image")))).as("the same request in REST form").isEqualTo(a);
    }

    // ---- lifetime ----

    @Test
    void jobFilesAreReadThroughTheEngineWithChecks() throws IOException {
        try (var in = engine.anonymous().openFile(jobId, "scratch/grid.asc").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(MapOutputsTask.GRID);
        }
        assertThat(engine.anonymous().openFile(jobId, "scratch/none.asc")).isEmpty();
        assertThatThrownBy(() -> engine.anonymous().openFile(jobId, "../../etc/passwd")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("../../etc/passwd");
        JobInfo alices = engine.as("alice").submitJob("Maps", "MapOutputs", Map.of("N", "1"));
        engine.as("alice").awaitCompletion(alices.jobId(), Duration.ofSeconds(60));
        assertThatThrownBy(() -> engine.as("bob").openFile(alices.jobId(), "scratch/grid.asc"))
                .isInstanceOfSatisfying(GPException.class, e -> assertThat(e.code()).isEqualTo(403));
    }

    @Test
    void mapIsGoneAfterDelete() {
        assertThat(maps.map(jobId).layers()).hasSize(6);
        engine.anonymous().delete(jobId);
        assertThatThrownBy(() -> maps.map(jobId)).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> maps.exportPng(jobId, ExportRequest.of(BBOX, 10, 10)))
                .isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> engine.anonymous().openFile(jobId, "scratch/grid.asc")).isInstanceOf(JobNotFoundException.class);
    }

    @Test
    void mapIsGoneAfterCleanupPastMaxFileAge() {
        assertThat(maps.query(jobId, 0, LayerQuery.all()).get("features")).hasSize(10);
        clock.advance(MAX_FILE_AGE.minusMinutes(1));
        engine.runJanitor();
        assertThat(maps.map(jobId).layers()).hasSize(6);
        clock.advance(Duration.ofMinutes(2));
        assertThat(engine.runJanitor()).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> maps.map(jobId)).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> maps.query(jobId, 0, LayerQuery.all())).isInstanceOf(JobNotFoundException.class);
    }
}
