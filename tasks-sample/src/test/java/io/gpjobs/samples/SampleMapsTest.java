package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.LayerQuery;
import io.gpjobs.map.ResultMap;
import io.gpjobs.map.ResultMapService;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.Geometry.Envelope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples' result maps draw with the symbology their tasks define: checked by pixel samples of the PNGs. */
class SampleMapsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WIDTH = 600;

    @TempDir
    Path jobs;

    private GPEngine engine;
    private ResultMapService maps;

    @BeforeAll
    static void headlessAndReadingPng() {
        System.setProperty("java.awt.headless", "true");
        ModuleLayer.boot().findModule("java.desktop").ifPresent(SampleMapsTest.class.getModule()::addReads);
    }

    @BeforeEach
    void start() {
        engine = GPEngine.builder().service(GPService.builder("Samples")
                .executionType(GPService.ExecutionType.ASYNCHRONOUS).resultMapServer(true)
                .jobsDirectory(jobs.toString()).tasksFromServiceLoader().build()).build();
        maps = ResultMapService.of(engine);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String run(String task, Map<String, String> inputs) {
        String id = engine.anonymous().submitJob("Samples", task, inputs).jobId();
        JobInfo done = engine.anonymous().awaitCompletion(id, WAIT);
        assertThat(done.status()).as("%s: %s", task, done.messages()).isEqualTo(JobStatus.SUCCEEDED);
        return id;
    }

    private BufferedImage export(String jobId, String name) throws IOException {
        return export(jobId, name, fit(maps.map(jobId)));
    }

    private BufferedImage export(String jobId, String name, ExportRequest request) throws IOException {
        byte[] png = maps.exportPng(jobId, request);
        Path out = Path.of("target", "sample-maps");
        Files.createDirectories(out);
        Files.write(out.resolve(name + ".png"), png); // kept for a person to look at
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static ExportRequest fit(ResultMap map) {
        return ExportRequest.fitting(map.fullExtent(), WIDTH);
    }

    /** The pixel where a map coordinate is drawn in an export fitted to the map's full extent. */
    private static int[] pixel(ResultMap map, BufferedImage img, double x, double y) {
        Envelope b = fit(map).bbox();
        return new int[] {(int) ((x - b.xmin()) / (b.xmax() - b.xmin()) * img.getWidth()),
                (int) ((b.ymax() - y) / (b.ymax() - b.ymin()) * img.getHeight())};
    }

    @Test
    void countPointsInPolygonsIsShadedByCount() throws IOException {
        String id = run("CountPointsInPolygons", Map.of("Input_Points", SampleData.read(SampleData.BIKE_STATIONS),
                "Input_Polygons", SampleData.read(SampleData.DISTRICTS)));
        ObjectNode layer = maps.layerJson(id, 0);
        assertThat(layer.at("/drawingInfo/renderer/type").asText()).isEqualTo("classBreaks");
        assertThat(layer.at("/drawingInfo/renderer/field").asText()).isEqualTo("POINT_COUNT");

        ResultMap map = maps.map(id);
        BufferedImage img = export(id, "count-points-in-polygons");
        // an interior point of each district (its label point is inside it) and its count, from the map's query
        ObjectNode rows = maps.query(id, 0, LayerQuery.fromRequest(Map.of("where", "1=1", "outFields", "*")));
        Map<Long, Set<Integer>> coloursByCount = new HashMap<>();
        int labelled = 0;
        for (JsonNode f : rows.get("features")) {
            long count = f.at("/attributes/POINT_COUNT").asLong();
            double[] inside = interior(f.at("/geometry/rings/0"));
            int[] p = pixel(map, img, inside[0], inside[1]);
            // the fill: the commonest colour on the row through the interior point (its label sits on that point)
            coloursByCount.computeIfAbsent(count, k -> new HashSet<>()).add(commonestColour(img, p[0], p[1], 40));
            labelled += textPixels(img, p[0] - 12, p[1] - 10, p[0] + 12, p[1] + 10) > 10 ? 1 : 0;
        }
        // each district's count is written inside it (a label that would overlap another's is left out)
        assertThat(labelled).isGreaterThanOrEqualTo(rows.get("features").size() * 3 / 4);
        assertThat(layer.at("/drawingInfo/labelingInfo/0/labelExpression").asText()).isEqualTo("[POINT_COUNT]");
        assertThat(layer.get("hasLabels").asBoolean()).isTrue();
        // two different counts drawn in two different colours, one colour per class
        long low = coloursByCount.keySet().stream().min(Long::compare).orElseThrow();
        long high = coloursByCount.keySet().stream().max(Long::compare).orElseThrow();
        assertThat(classOf(high)).isGreaterThan(classOf(low)); // the sample data spans classes
        assertThat(coloursByCount.get(low)).containsOnly(CLASS_COLOURS[classOf(low)]);
        assertThat(coloursByCount.get(high)).containsOnly(CLASS_COLOURS[classOf(high)]);

        JsonNode legend = maps.legend(id).at("/layers/0/legend");
        assertThat(legend).hasSize(5);
        assertThat(legend.get(4).get("label").asText()).isEqualTo("10 or more");
        for (int i = 0; i < 5; i++) {
            BufferedImage swatch = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    legend.get(i).get("imageData").asText())));
            assertThat(swatch.getRGB(10, 10)).as("legend swatch %d", i).isEqualTo(CLASS_COLOURS[i]);
        }
    }

    /** The commonest colour of the pixels within {@code half} of (x, y) on its row. */
    private static int commonestColour(BufferedImage img, int x, int y, int half) {
        Map<Integer, Integer> n = new HashMap<>();
        for (int i = Math.max(0, x - half); i < Math.min(img.getWidth(), x + half); i++) {
            n.merge(img.getRGB(i, y), 1, Integer::sum);
        }
        return n.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Near-black pixels (label text: no class colour, outline or legend is that dark) in a box. */
    private static int textPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                int rgb = img.getRGB(x, y);
                n += ((rgb >> 16) & 0xFF) < 40 && ((rgb >> 8) & 0xFF) < 40 && (rgb & 0xFF) < 40 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void sampleMapsGetAScaleBarAndANorthArrowOnRequest() throws IOException {
        String id = run("CountPointsInPolygons", Map.of("Input_Points", SampleData.read(SampleData.BIKE_STATIONS),
                "Input_Polygons", SampleData.read(SampleData.DISTRICTS)));
        ExportRequest plain = fit(maps.map(id));
        BufferedImage decorated = export(id, "count-points-in-polygons-scale-north",
                plain.withScaleBar(true).withNorthArrow(true));
        BufferedImage undecorated = export(id, "count-points-in-polygons");
        int w = decorated.getWidth();
        int h = decorated.getHeight();
        // the panels are white-ish with black ink where the plain map has the map's own colours
        assertThat(differing(decorated, undecorated, 0, h - 60, 320, h)).as("scale bar").isGreaterThan(300);
        assertThat(differing(decorated, undecorated, w - 60, 0, w, 60)).as("north arrow").isGreaterThan(300);
        assertThat(differing(decorated, undecorated, 200, 80, w - 200, h - 80)).as("the map between").isZero();
        String pid = run("PointDensity", Map.of("Input_Points", SampleData.read(SampleData.BIKE_STATIONS),
                "Cell_Size", "100", "Search_Radius", FeatureJson.distance(500, "esriMeters")));
        export(pid, "point-density-scale-north", fit(maps.map(pid)).withScaleBar(true).withNorthArrow(true));
        String bid = run("Buffer", Map.of("Input_Features", SampleData.read(SampleData.BIKE_STATIONS),
                "Distance", FeatureJson.distance(400, "esriMeters")));
        export(bid, "buffer-scale-north", fit(maps.map(bid)).withScaleBar(true).withNorthArrow(true));
    }

    private static int differing(BufferedImage a, BufferedImage b, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(a.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(a.getWidth(), x1); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    /** The fill of each class of the sample's count renderer: 0, 1-3, 4-6, 7-9, 10 or more. */
    private static final int[] CLASS_COLOURS = {0xFFF7F7F7, 0xFFCCECE6, 0xFF66C2A4, 0xFF238B45, 0xFF00441B};

    private static int classOf(long count) {
        return count == 0 ? 0 : count <= 3 ? 1 : count <= 6 ? 2 : count <= 9 ? 3 : 4;
    }

    /** A point inside a ring: the middle of the widest horizontal chord at the ring's middle height. */
    private static double[] interior(JsonNode ring) {
        double ymin = Double.MAX_VALUE;
        double ymax = -Double.MAX_VALUE;
        for (JsonNode v : ring) {
            ymin = Math.min(ymin, v.get(1).asDouble());
            ymax = Math.max(ymax, v.get(1).asDouble());
        }
        double y = (ymin + ymax) / 2;
        List<Double> xs = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < ring.size(); i++) {
            double x1 = ring.get(i).get(0).asDouble();
            double y1 = ring.get(i).get(1).asDouble();
            double x2 = ring.get(i + 1).get(0).asDouble();
            double y2 = ring.get(i + 1).get(1).asDouble();
            if ((y1 <= y) != (y2 <= y)) {
                xs.add(x1 + (y - y1) / (y2 - y1) * (x2 - x1));
            }
        }
        xs.sort(null);
        double best = 0;
        double x = xs.get(0);
        for (int i = 0; i + 1 < xs.size(); i += 2) {
            if (xs.get(i + 1) - xs.get(i) > best) {
                best = xs.get(i + 1) - xs.get(i);
                x = (xs.get(i) + xs.get(i + 1)) / 2;
            }
        }
        return new double[] {x, y};
    }

    @Test
    void pointDensityIsDrawnByClassBreaksWithALegend() throws IOException {
        String id = run("PointDensity", Map.of("Input_Points", SampleData.read(SampleData.BIKE_STATIONS),
                "Cell_Size", "100", "Search_Radius", FeatureJson.distance(500, "esriMeters")));
        assertThat(maps.layerJson(id, 0).at("/drawingInfo/renderer/type").asText()).isEqualTo("classBreaks");
        BufferedImage img = export(id, "point-density");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        // the class colours, not a continuous ramp: at least three classes appear, and nothing else but white
        Set<Integer> classes = Set.of(0xFFFFFFB2, 0xFFFECC5C, 0xFFFD8D3C, 0xFFF03B20, 0xFFBD0026);
        assertThat(colours).isSubsetOf(union(classes, Set.of(0xFFFFFFFF)));
        assertThat(colours.stream().filter(classes::contains).count()).isGreaterThanOrEqualTo(3);
        JsonNode legend = maps.legend(id).at("/layers/0/legend");
        assertThat(legend).hasSize(6);
        assertThat(legend.get(5).get("label").asText()).isEqualTo("more than 20");
        BufferedImage swatch = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                legend.get(5).get("imageData").asText())));
        assertThat(swatch.getRGB(10, 10)).isEqualTo(0xFFBD0026);
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    @Test
    void buffersAreSemiTransparentSoOverlapsShow() throws IOException {
        String id = run("Buffer", Map.of("Input_Features", SampleData.read(SampleData.BIKE_STATIONS),
                "Distance", FeatureJson.distance(400, "esriMeters")));
        assertThat(maps.layerJson(id, 0).at("/drawingInfo/renderer/symbol/color").toString())
                .isEqualTo("[0,112,255,90]");
        BufferedImage img = export(id, "buffer");
        Map<Integer, Integer> histogram = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                histogram.merge(img.getRGB(x, y), 1, Integer::sum);
            }
        }
        int once = blend(0xFFFFFFFF, 0, 112, 255, 90);
        int twice = blend(once, 0, 112, 255, 90);
        // one buffer lets the white through; where two overlap the fill is darker (within rounding of the blend)
        assertThat(pixelsNear(histogram, once)).isGreaterThan(1000);
        assertThat(pixelsNear(histogram, twice)).isGreaterThan(100);
        assertThat(pixelsNear(histogram, 0xFF0070FF)).as("an opaque fill would hide overlaps").isZero();
    }

    private static int pixelsNear(Map<Integer, Integer> histogram, int argb) {
        return histogram.entrySet().stream().filter(e -> near(e.getKey(), argb)).mapToInt(Map.Entry::getValue).sum();
    }

    private static boolean near(int a, int b) {
        for (int shift = 0; shift <= 24; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 2) {
                return false;
            }
        }
        return true;
    }

    private static int blend(int under, int r, int g, int b, int alpha) {
        double a = alpha / 255.0;
        int rr = (int) Math.round(r * a + ((under >> 16) & 0xFF) * (1 - a));
        int gg = (int) Math.round(g * a + ((under >> 8) & 0xFF) * (1 - a));
        int bb = (int) Math.round(b * a + (under & 0xFF) * (1 - a));
        return 0xFF000000 | rr << 16 | gg << 8 | bb;
    }
}
