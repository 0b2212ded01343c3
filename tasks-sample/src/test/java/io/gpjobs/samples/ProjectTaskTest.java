package io.gpjobs.samples;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.testkit.TaskRun;
import io.gpjobs.testkit.TaskTester;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPRasterDataLayer;
import io.gpjobs.value.Geometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTaskTest {

    @TempDir
    Path dir;

    @Test
    void projectsPointsToUtmKeepingTheirAttributes() {
        TaskRun run = TaskTester.of(new ProjectTask())
                .input("Input_Features", FeatureJson.points(4326, new double[] {9, 0}, new double[] {10.75, 59.91}))
                .input("Output_Wkid", "32632").run();

        assertThat(run).hasStatus(JobStatus.SUCCEEDED);
        GPFeatureRecordSetLayer out = run.output("Output_Features", GPFeatureRecordSetLayer.class);
        assertThat(out.spatialReference().wkid()).isEqualTo(32632);
        assertThat(out.features()).hasSize(2);
        Geometry.Point onMeridian = (Geometry.Point) out.features().get(0).geometry();
        assertThat(onMeridian.x()).isCloseTo(500000, within(1e-6)); // 9°E is UTM 32's central meridian
        assertThat(onMeridian.y()).isCloseTo(0, within(1e-6));
        Geometry.Point oslo = (Geometry.Point) out.features().get(1).geometry();
        assertThat(oslo.x()).isCloseTo(597_900, within(500.0));
        assertThat(oslo.y()).isCloseTo(6_643_000, within(1_000.0));
    }

    @Test
    void anUnknownWkidFailsTheJobNamingTheParameterAndValue() {
        TaskRun run = TaskTester.of(new ProjectTask())
                .input("Input_Features", FeatureJson.points(4326, new double[] {9, 0}))
                .input("Output_Wkid", "98765").run();

        assertThat(run).hasStatus(JobStatus.FAILED);
        assertThat(run.messages(MessageType.ERROR)).anySatisfy(m -> assertThat(m)
                .contains("Output_Wkid").contains("98765"));
    }

    @Test
    void featuresWithoutASpatialReferenceAreRefusedByName() {
        TaskRun run = TaskTester.of(new ProjectTask())
                .input("Input_Features", FeatureJson.points(null, new double[] {9, 0}))
                .input("Output_Wkid", "3857").run();

        assertThat(run).hasStatus(JobStatus.FAILED);
        assertThat(run.messages(MessageType.ERROR)).anySatisfy(m -> assertThat(m)
                .contains("Input_Features").contains("spatial reference"));
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(io.gpjobs.spi.Task.class).stream().map(p -> p.get().definition().name()))
                .contains(ProjectTask.NAME);
    }

    @Test
    void csvPointsInWgs84ChainThroughProjectIntoPointDensity() throws IOException {
        Path csv = dir.resolve("sensors.csv");
        Files.writeString(csv, SampleData.read(SampleData.AIR_SENSORS_CSV), StandardCharsets.UTF_8);
        TaskRun points = TaskTester.of(new CsvToPointsTask())
                .input("Input_File", "{\"url\":\"" + csv.toUri() + "\"}").run();
        assertThat(points).hasStatus(JobStatus.SUCCEEDED);
        GPFeatureRecordSetLayer wgs84 = points.output("Output_Points", GPFeatureRecordSetLayer.class);
        assertThat(wgs84.spatialReference().wkid()).isEqualTo(4326);

        // PointDensity refuses geographic coordinates; projected first, the same points make a density grid
        TaskRun refused = TaskTester.of(new PointDensityTask()).input("Input_Points", wgs84).run();
        assertThat(refused).hasStatus(JobStatus.FAILED);

        TaskRun projected = TaskTester.of(new ProjectTask()).input("Input_Features", wgs84)
                .input("Output_Wkid", "32632").run();
        assertThat(projected).hasStatus(JobStatus.SUCCEEDED);
        GPFeatureRecordSetLayer utm = projected.output("Output_Features", GPFeatureRecordSetLayer.class);
        assertThat(utm.features()).hasSameSizeAs(wgs84.features());

        TaskRun density = TaskTester.of(new PointDensityTask()).input("Input_Points", utm)
                .input("Cell_Size", "100").input("Search_Radius", FeatureJson.distance(1, "esriKilometers")).run();
        assertThat(density).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Output_Raster", GPRasterDataLayer.ofUrl("scratch/point_density.asc", "asc"));
        String grid = density.fileText("scratch/point_density.asc").orElseThrow();
        // the grid lies where Oslo is in UTM 32N, so the projection (not just a relabel) happened
        double xll = Double.parseDouble(grid.lines().filter(l -> l.startsWith("xllcorner")).findFirst()
                .orElseThrow().split(" ")[1]);
        assertThat(xll).isBetween(585_000.0, 610_000.0);
        assertThat(grid.lines().skip(6).flatMap(l -> java.util.Arrays.stream(l.split(" ")))
                .mapToDouble(Double::parseDouble).max().orElseThrow()).isGreaterThan(0);
    }
}
