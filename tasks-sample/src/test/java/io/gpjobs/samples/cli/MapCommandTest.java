package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import io.gpjobs.samples.cli.CliProcess.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code map} command, in process on a temporary jobs directory: a PointDensity job's result map is printed
 * (a raster layer, no layer for the scalar output) and drawn into a PNG whose pixels show the task's class colours.
 */
class MapCommandTest {
    /** The colour of the top class of PointDensity's class-breaks renderer. */
    private static final int CLASS_TOP = 0xFFBD0026;

    @TempDir
    Path tmp;

    @BeforeAll
    static void headlessAndReadingPng() {
        System.setProperty("java.awt.headless", "true");
        // On the module path this test's module does not read java.desktop (only result-map does): let it read it
        // to decode the PNG.
        ModuleLayer.boot().findModule("java.desktop").ifPresent(MapCommandTest.class.getModule()::addReads);
    }

    Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--jobs-dir", tmp.resolve("jobs").toString(), "--progress", "none"));
        all.addAll(List.of(args));
        int exit = GpJobsCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mapOfAPointDensityJobIsPrintedAndDrawn() throws Exception {
        Path points = tmp.resolve("points.json");
        Files.writeString(points, "{\"geometryType\":\"esriGeometryPoint\",\"spatialReference\":{\"wkid\":32632},"
                + "\"fields\":[],\"features\":[{\"geometry\":{\"x\":500000,\"y\":6600000}},"
                + "{\"geometry\":{\"x\":503000,\"y\":6600000}},{\"geometry\":{\"x\":500000,\"y\":6603000}},"
                + "{\"geometry\":{\"x\":500100,\"y\":6600100}},{\"geometry\":{\"x\":500200,\"y\":6600050}}]}");
        Run submit = cli("submit", "PointDensity", "Input_Points=@" + points);
        assertThat(submit.exit()).as(submit.toString()).isZero();
        String jobId = submit.json().get(0).get("jobId").asText();

        Path png = tmp.resolve("out/map.png");
        Run map = cli("map", jobId, "--png", png.toString());
        assertThat(map.exit()).as(map.toString()).isZero();
        JsonNode json = map.json().get(0);
        assertThat(json.get("layers")).hasSize(1);
        assertThat(json.get("layers").get(0).get("name").asText()).isEqualTo("Output_Raster");
        assertThat(json.get("layers").get(0).get("type").asText()).isEqualTo("Raster Layer");
        assertThat(json.get("spatialReference").get("wkid").asInt()).isEqualTo(32632);
        assertThat(map.err()).contains("wrote the result map of job " + jobId);

        try (var files = Files.list(png.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactly("map.png");
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y));
            }
        }
        // PointDensity defines class-breaks symbology: five points close together are all in its top class; only
        // class colours (not a continuous ramp) and the clear background appear
        assertThat(colours).as("dense cells drawn with the task's top class colour, empty cells clear")
                .contains(CLASS_TOP, 0xFFFFFFFF)
                .isSubsetOf(Set.of(0xFFFFFFFF, 0xFFFFFFB2, 0xFFFECC5C, 0xFFFD8D3C, 0xFFF03B20, CLASS_TOP));
        byte[] first = Files.readAllBytes(png);
        assertThat(cli("map", jobId, "--png", png.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(png)).as("the same map gives the same bytes").isEqualTo(first);
    }

    @Test
    void badUsesOfTheMapCommandExitWithTwo() {
        Run png = cli("jobs", "--png", tmp.resolve("x.png").toString());
        assertThat(png.exit()).isEqualTo(GpJobsCli.USAGE);
        assertThat(png.err()).contains("'--png' applies to the map and demo commands only, not 'jobs'");
        Run unknown = cli("map", "j" + "0".repeat(32));
        assertThat(unknown.exit()).isEqualTo(GpJobsCli.USAGE);
        assertThat(unknown.err()).contains("no job j" + "0".repeat(32) + " in ");
        Run none = cli("map");
        assertThat(none.exit()).isEqualTo(GpJobsCli.USAGE);
        assertThat(none.err()).contains("needs a job id");
    }
}
