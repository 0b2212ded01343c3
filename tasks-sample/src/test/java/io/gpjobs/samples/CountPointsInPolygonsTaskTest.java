package io.gpjobs.samples;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.testkit.TaskRun;
import io.gpjobs.testkit.TaskTester;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPRecordSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountPointsInPolygonsTaskTest {

    private static TaskTester tester(String points, String polygons) {
        return TaskTester.of(new CountPointsInPolygonsTask()).input("Input_Points", points)
                .input("Input_Polygons", polygons);
    }

    @Test
    void countsTheBundledStationsPerDistrict() {
        TaskRun run = tester(SampleData.read(SampleData.BIKE_STATIONS), SampleData.read(SampleData.DISTRICTS)).run();

        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Total_Count", new GPLong(36))
                .hasMessage(MessageType.INFORMATIVE, "Counted 36 points in 6 polygons.");
        GPFeatureRecordSetLayer polygons = run.output("Output_Polygons", GPFeatureRecordSetLayer.class);
        assertThat(polygons.fields()).extracting(GPField::name)
                .containsExactly("OBJECTID", "DISTRICT", "CODE", "POINT_COUNT");
        Map<Object, Object> counts = new LinkedHashMap<>();
        for (Feature f : polygons.features()) {
            counts.put(f.attributes().get("DISTRICT"), f.attributes().get("POINT_COUNT"));
        }
        // Expected from an independent point-in-ring count over the same files.
        assertThat(counts).containsExactly(Map.entry("Sentrum", 9L), Map.entry("Frogner", 7L),
                Map.entry("St. Hanshaugen", 7L), Map.entry("Grunerlokka", 5L), Map.entry("Gamle Oslo", 5L),
                Map.entry("Nordre Aker", 3L));
        GPRecordSet table = run.output("Summary_Table", GPRecordSet.class);
        assertThat(table.fields()).extracting(GPField::name).containsExactly("POLYGON_OID", "POINT_COUNT", "PERCENT");
        assertThat(table.rows()).hasSize(6);
        assertThat(table.rows().get(0)).containsEntry("POLYGON_OID", 1L).containsEntry("POINT_COUNT", 9L)
                .containsEntry("PERCENT", 25.0);
        assertThat(polygons.features().get(0).geometry()).isNotNull();
        assertThat(run).progress().extracting(JobProgress::message)
                .containsExactly("Indexing 6 polygons", "Counting 36 point features");
    }

    @Test
    void boundaryAndOverlapPointsCountInEveryPolygonTheyTouch() {
        TaskRun run = tester(FeatureJson.points(32632, new double[] {5, 5}, new double[] {10, 5},
                        new double[] {15, 5}, new double[] {50, 50}),
                FeatureJson.squares(32632, new double[] {0, 0, 10}, new double[] {8, 0, 10}))
                .input("Count_Field", "N").run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Total_Count", new GPLong(3))
                .hasMessage(MessageType.INFORMATIVE, "1 points are outside every polygon.");
        GPFeatureRecordSetLayer out = run.output("Output_Polygons", GPFeatureRecordSetLayer.class);
        assertThat(out.features()).extracting(f -> f.attributes().get("N")).containsExactly(2L, 2L);
    }

    @Test
    void emptyPointsGiveZeroCountsWithAWarning() {
        TaskRun run = tester(FeatureJson.points(32632), FeatureJson.squares(32632, new double[] {0, 0, 10})).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Total_Count", new GPLong(0))
                .hasMessage(MessageType.WARNING, "Input_Points has no features; every count is 0.");
        assertThat(run.output("Summary_Table", GPRecordSet.class).rows().get(0)).containsEntry("PERCENT", 0.0);
    }

    @Test
    void emptyPolygonsFail() {
        TaskRun run = tester(FeatureJson.points(32632, new double[] {1, 1}), FeatureJson.squares(32632)).run();
        assertThat(run).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "parameter 'Input_Polygons' has no features");
    }

    @Test
    void wrongGeometryTypesAreRejectedNamingTheParameter() {
        String squares = FeatureJson.squares(32632, new double[] {0, 0, 10});
        assertThatThrownBy(() -> tester(squares, squares).run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Input_Points")
                .hasMessageContaining("esriGeometryPolygon");
        String points = FeatureJson.points(32632, new double[] {1, 1});
        assertThatThrownBy(() -> tester(points, points).run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Input_Polygons")
                .hasMessageContaining("esriGeometryPoint");
    }

    @Test
    void differentSpatialReferencesFail() {
        TaskRun run = tester(FeatureJson.points(4326, new double[] {10, 60}),
                FeatureJson.squares(32632, new double[] {0, 0, 10})).run();
        assertThat(run).hasStatus(JobStatus.FAILED).hasMessageContaining(MessageType.ERROR,
                "Input_Points (wkid 4326) and Input_Polygons (wkid 32632) must be in the same spatial reference");
    }

    @Test
    void countFieldMustBeANewValidName() {
        String points = FeatureJson.points(32632, new double[] {1, 1});
        String squares = FeatureJson.squares(32632, new double[] {0, 0, 10});
        assertThat(tester(points, squares).input("Count_Field", "zone").run()).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "already has a field named 'ZONE'");
        assertThat(tester(points, squares).input("Count_Field", "2 bad").run()).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "parameter 'Count_Field'")
                .hasMessageContaining(MessageType.ERROR, "'2 bad'");
    }
}
