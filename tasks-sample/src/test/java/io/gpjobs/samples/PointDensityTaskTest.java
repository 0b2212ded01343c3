package io.gpjobs.samples;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.testkit.TaskRun;
import io.gpjobs.testkit.TaskTester;
import io.gpjobs.value.GPDouble;
import io.gpjobs.value.GPRasterDataLayer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointDensityTaskTest {

    /** An ASCII grid read back: its header and values. */
    private record Grid(Map<String, String> header, double[][] values) {
        static Grid parse(String text) {
            List<String> lines = text.lines().toList();
            Map<String, String> header = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                String[] kv = lines.get(i).split(" ");
                header.put(kv[0], kv[1]);
            }
            double[][] values = lines.subList(6, lines.size()).stream()
                    .map(l -> Arrays.stream(l.split(" ")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
            return new Grid(header, values);
        }

        double max() {
            return Arrays.stream(values).flatMapToDouble(Arrays::stream).max().orElseThrow();
        }
    }

    @Test
    void writesAnAsciiGridOfTheBundledStations() {
        TaskRun run = TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Cell_Size", "100")
                .input("Search_Radius", FeatureJson.distance(500, "esriMeters"))
                .run();

        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Output_Raster", GPRasterDataLayer.ofUrl("scratch/point_density.asc", "asc"))
                .hasFileText("scratch/point_density.prj", prj -> assertThat(prj)
                        .startsWith("PROJCS[\"WGS_1984_UTM_Zone_32N\""));
        Grid grid = Grid.parse(run.fileText("scratch/point_density.asc").orElseThrow());
        int ncols = Integer.parseInt(grid.header().get("ncols"));
        int nrows = Integer.parseInt(grid.header().get("nrows"));
        assertThat(grid.header()).containsEntry("cellsize", "100").containsEntry("NODATA_value", "-9999");
        assertThat(grid.values()).hasNumberOfRows(nrows);
        assertThat(List.of(grid.values())).allSatisfy(row -> assertThat(row).hasSize(ncols));
        double max = run.output("Maximum_Density", GPDouble.class).value();
        assertThat(grid.max()).isCloseTo(max, within(max * 1e-6));
        // At most all 36 stations in one 500 m circle: 36 / 0.785 km².
        assertThat(max).isGreaterThan(1 / (Math.PI * 0.25)).isLessThan(36 / (Math.PI * 0.25));
        // One step progress update per row after the 0 % of setStep.
        assertThat(run).progressPercents().hasSize(nrows + 1).startsWith(0).endsWith(100);
        assertThat(run.progress().get(0).message()).isEqualTo("Computing density");
    }

    @Test
    void densityIsPointsPerAreaOfTheNeighbourhood() {
        // Two points 100 m apart with a 1 km radius: the cells near both see 2 points in π km².
        String points = FeatureJson.points(32632, new double[] {500_000, 6_600_000}, new double[] {500_100, 6_600_000});
        TaskRun run = TaskTester.of(new PointDensityTask()).input("Input_Points", points)
                .input("Cell_Size", "50").input("Search_Radius", FeatureJson.distance(1, "esriKilometers")).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Maximum_Density", GPDouble.class, d -> assertThat(d.value())
                        .isCloseTo(2 / Math.PI, within(1e-9)));
        TaskRun hectares = TaskTester.of(new PointDensityTask()).input("Input_Points", points)
                .input("Cell_Size", "50").input("Search_Radius", FeatureJson.distance(1, "esriKilometers"))
                .input("Area_Units", "HECTARES").run();
        assertThat(hectares).hasOutput("Maximum_Density", GPDouble.class, d -> assertThat(d.value())
                .isCloseTo(2 / Math.PI / 100, within(1e-12)));
    }

    @Test
    void weightsPointsByAPopulationField() {
        TaskRun unweighted = TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Cell_Size", "100").input("Search_Radius", FeatureJson.distance(300, "esriMeters")).run();
        TaskRun weighted = TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Population_Field", "docks")
                .input("Cell_Size", "100").input("Search_Radius", FeatureJson.distance(300, "esriMeters")).run();
        double plain = unweighted.output("Maximum_Density", GPDouble.class).value();
        double docks = weighted.output("Maximum_Density", GPDouble.class).value();
        // Every station has 12 to 33 docks.
        assertThat(docks).isBetween(12 * plain, 33 * plain);
    }

    @Test
    void aNonNumericPopulationFieldFailsNamingTheNumericOnes() {
        TaskRun run = TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Population_Field", "NAME").run();
        assertThat(run).hasStatus(JobStatus.FAILED).hasMessage(MessageType.ERROR, "parameter 'Population_Field': "
                + "'NAME' is not a numeric field of Input_Points; its numeric fields are [DOCKS]");
    }

    @Test
    void unknownSearchRadiusUnitsFail() {
        TaskRun run = TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Search_Radius", FeatureJson.distance(3, "esriUnknownUnits")).run();
        assertThat(run).hasStatus(JobStatus.FAILED).hasMessageContaining(MessageType.ERROR,
                "parameter 'Search_Radius': units 'esriUnknownUnits' are not a linear unit");
    }

    @Test
    void geographicInputIsRejected() {
        TaskRun run = TaskTester.of(new PointDensityTask())
                .input("Input_Points", FeatureJson.points(4326, new double[] {10, 60}, new double[] {10.1, 60.1}))
                .run();
        assertThat(run).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "parameter 'Input_Points' is in a geographic coordinate "
                        + "system (wkid 4326)");
    }

    @Test
    void emptyInputAndSinglePointWithoutRadiusFail() {
        assertThat(TaskTester.of(new PointDensityTask()).input("Input_Points", FeatureJson.points(32632)).run())
                .hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "'Input_Points' has no points");
        assertThat(TaskTester.of(new PointDensityTask())
                .input("Input_Points", FeatureJson.points(32632, new double[] {1, 1})).run())
                .hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "parameter 'Search_Radius' is needed");
    }

    @Test
    void tooFineACellSizeFailsBeforeWritingAnything() {
        TaskRun run = TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS)).input("Cell_Size", "0.5").run();
        assertThat(run).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "parameter 'Cell_Size': a cell size of 0.5 gives a grid of");
        assertThat(run.fileNames()).isEmpty();
    }

    @Test
    void wrongGeometryTypeAndNegativeCellSizeAreRejected() {
        assertThatThrownBy(() -> TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.DISTRICTS)).run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Input_Points");
        assertThatThrownBy(() -> TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS)).input("Cell_Size", "-1").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Cell_Size");
    }

    @Test
    void honoursCancellationBetweenRows() {
        TaskRun run = TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Cell_Size", "25")
                .cancelAfterProgressSteps(3)
                .run();
        assertThat(run).hasStatus(JobStatus.CANCELLED).hasNoOutputs();
        assertThat(run.progress()).hasSize(3);
    }
}
