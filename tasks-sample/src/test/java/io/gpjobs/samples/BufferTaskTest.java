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
import io.gpjobs.value.Feature;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GeometryType;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class BufferTaskTest {

    private static GPFeatureRecordSetLayer output(TaskRun run) {
        return run.output("Output_Features", GPFeatureRecordSetLayer.class);
    }

    private static Geometry geometry(Feature f) {
        return EsriGeometries.toJts(f.geometry());
    }

    @Test
    void buffersTheBundledBikeStations() {
        TaskRun run = TaskTester.of(new BufferTask())
                .input("Input_Features", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Distance", FeatureJson.distance(250, "esriMeters"))
                .run();

        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasMessage(MessageType.INFORMATIVE, "Buffered 36 features by 250.0 esriMeters into 36 features.")
                .hasNoMessages(MessageType.WARNING);
        GPFeatureRecordSetLayer out = output(run);
        assertThat(out.geometryType()).isEqualTo(GeometryType.POLYGON);
        assertThat(out.spatialReference().wkid()).isEqualTo(32632);
        assertThat(out.fields()).extracting(GPField::name)
                .containsExactly("OBJECTID", "ORIG_FID", "NAME", "DOCKS", "BUFF_DIST");
        assertThat(out.features()).hasSize(36);
        Feature first = out.features().get(0);
        assertThat(first.attributes()).containsEntry("NAME", "Jernbanetorget").containsEntry("ORIG_FID", 1L)
                .containsEntry("BUFF_DIST", 250.0);
        for (Feature f : out.features()) {
            assertThat(geometry(f).getArea()).isCloseTo(Math.PI * 250 * 250, Percentage.withPercentage(0.5));
        }
        assertThat(run).progressPercents().startsWith(0).endsWith(100);
    }

    @Test
    void convertsDistanceUnitsToMeters() {
        String points = FeatureJson.points(32632, new double[] {597000, 6643000});
        double km = width(TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(0.25, "esriKilometers")).run());
        double feet = width(TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(250 / 0.3048, "esriIntFeet")).run());
        double miles = width(TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(1, "esriMiles")).run());
        assertThat(km).isCloseTo(500, within(1e-6));
        assertThat(feet).isCloseTo(500, within(1e-6));
        assertThat(miles).isCloseTo(2 * 1609.344, within(0.01));
    }

    private static double width(TaskRun run) {
        assertThat(run).hasStatus(JobStatus.SUCCEEDED);
        return geometry(output(run).features().get(0)).getEnvelopeInternal().getWidth();
    }

    @Test
    void buffersGeographicCoordinatesInMeters() {
        TaskRun run = TaskTester.of(new BufferTask())
                .input("Input_Features", FeatureJson.points(4326, new double[] {10, 60}))
                .input("Distance", FeatureJson.distance(10, "esriKilometers"))
                .run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasMessageContaining(MessageType.INFORMATIVE, "local azimuthal equidistant projection");
        Envelope e = geometry(output(run).features().get(0)).getEnvelopeInternal();
        // WGS 84 at 60°N: 111 412 m per degree of latitude, 55 800 m per degree of longitude.
        assertThat(e.getMaxY() - 60).isCloseTo(10_000 / 111_412.0, Percentage.withPercentage(0.2));
        assertThat(e.getMaxX() - 10).isCloseTo(10_000 / 55_800.0, Percentage.withPercentage(0.2));
        assertThat(output(run).spatialReference().wkid()).isEqualTo(4326);
    }

    @Test
    void aGeographicLookingWkidWithProjectedCoordinatesIsBufferedInMeters() {
        // EPSG 4087 (World Equidistant Cylindrical) is a projected system inside the geographic wkid range.
        TaskRun run = TaskTester.of(new BufferTask())
                .input("Input_Features", FeatureJson.points(4087, new double[] {1_113_194, 6_679_169}))
                .input("Distance", FeatureJson.distance(100, "esriMeters")).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED).hasMessage(MessageType.WARNING, "parameter 'Input_Features': "
                + "coordinates exceed longitude/latitude bounds, so wkid 4087 is treated as a projected system in "
                + "meters.");
        assertThat(geometry(output(run).features().get(0)).getEnvelopeInternal().getWidth())
                .isCloseTo(200, within(1e-6));
    }

    @Test
    void buffersWebMercatorInGroundMeters() {
        double[] xy = Geodesy.geographicToWebMercator(10, 60);
        String json = FeatureJson.points(102100, xy);
        TaskRun run = TaskTester.of(new BufferTask()).input("Input_Features", json)
                .input("Distance", FeatureJson.distance(1000, "esriMeters")).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED);
        // At 60° a ground meter is two Web Mercator units.
        assertThat(geometry(output(run).features().get(0)).getEnvelopeInternal().getWidth())
                .isCloseTo(4000, Percentage.withPercentage(0.5));
    }

    @Test
    void dissolveAllMergesOverlappingBuffersIntoOneFeature() {
        TaskRun run = TaskTester.of(new BufferTask())
                .input("Input_Features", FeatureJson.points(32632, new double[] {0, 0}, new double[] {100, 0},
                        new double[] {5000, 0}))
                .input("Distance", FeatureJson.distance(100, "esriMeters"))
                .input("Dissolve_Option", "ALL")
                .run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED);
        GPFeatureRecordSetLayer out = output(run);
        assertThat(out.features()).hasSize(1);
        assertThat(out.fields()).extracting(GPField::name).containsExactly("OBJECTID", "BUFF_DIST");
        Geometry merged = geometry(out.features().get(0));
        assertThat(merged.getNumGeometries()).isEqualTo(2);
        assertThat(merged.getArea()).isLessThan(3 * Math.PI * 100 * 100).isGreaterThan(2 * Math.PI * 100 * 100);
    }

    @Test
    void negativeDistanceShrinksPolygonsAndKeepsHoles() {
        String donut = "{\"geometryType\":\"esriGeometryPolygon\",\"spatialReference\":{\"wkid\":32632},"
                + "\"fields\":[{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\"}],\"features\":[{\"geometry\":"
                + "{\"rings\":[[[0,0],[0,100],[100,100],[100,0],[0,0]],[[40,40],[60,40],[60,60],[40,60],[40,40]]]},"
                + "\"attributes\":{\"OBJECTID\":7}}]}";
        TaskRun run = TaskTester.of(new BufferTask()).input("Input_Features", donut)
                .input("Distance", FeatureJson.distance(-5, "esriMeters")).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED);
        Feature f = output(run).features().get(0);
        assertThat(f.attributes()).containsEntry("ORIG_FID", 7L);
        // 90 x 90 outer square minus the hole grown to 30 x 30 with rounded corners.
        assertThat(geometry(f).getArea()).isCloseTo(8100 - (400 + 4 * 20 * 5 + Math.PI * 25), within(1.0));
    }

    @Test
    void emptyInputGivesAnEmptyOutputWithAWarning() {
        TaskRun run = TaskTester.of(new BufferTask())
                .input("Input_Features", FeatureJson.points(32632))
                .input("Distance", FeatureJson.distance(10, "esriMeters")).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasMessage(MessageType.WARNING, "Input_Features has no features; the output is empty.")
                .hasOutput("Output_Features", GPFeatureRecordSetLayer.class, fs -> {
                    assertThat(fs.features()).isEmpty();
                    assertThat(fs.fields()).extracting(GPField::type).contains(FieldType.OID, FieldType.DOUBLE);
                });
    }

    @Test
    void unknownAndAngularUnitsFailNamingTheParameter() {
        String points = FeatureJson.points(32632, new double[] {0, 0});
        TaskRun unknown = TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(5, "esriUnknownUnits")).run();
        assertThat(unknown).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "parameter 'Distance': units 'esriUnknownUnits'");
        TaskRun degrees = TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(0.1, "esriDecimalDegrees")).run();
        assertThat(degrees).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "'esriDecimalDegrees' are not a linear unit");
        // A unit name that does not exist at all is refused by the engine's validation before the job is made.
        assertThatThrownBy(() -> TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(5, "esriFurlongs")).run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Distance");
    }

    @Test
    void negativeDistanceForPointsAndZeroDistanceFail() {
        String points = FeatureJson.points(32632, new double[] {0, 0});
        assertThat(TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(-5, "esriMeters")).run())
                .hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "only applies to polygons");
        assertThat(TaskTester.of(new BufferTask()).input("Input_Features", points)
                .input("Distance", FeatureJson.distance(0, "esriMeters")).run())
                .hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "parameter 'Distance' must not be zero");
    }

    @Test
    void dissolveOptionOutsideItsChoiceListIsRejected() {
        assertThatThrownBy(() -> TaskTester.of(new BufferTask())
                .input("Input_Features", FeatureJson.points(32632, new double[] {0, 0}))
                .input("Distance", FeatureJson.distance(5, "esriMeters"))
                .input("Dissolve_Option", "SOME").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Dissolve_Option")
                .hasMessageContaining("SOME");
    }

    @Test
    void featuresWithoutGeometryAreSkippedWithAWarning() {
        String json = "{\"geometryType\":\"esriGeometryPoint\",\"spatialReference\":{\"wkid\":32632},"
                + "\"fields\":[{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\"}],\"features\":["
                + "{\"attributes\":{\"OBJECTID\":1}},{\"geometry\":{\"x\":5,\"y\":5},\"attributes\":{\"OBJECTID\":2}}]}";
        TaskRun run = TaskTester.of(new BufferTask()).input("Input_Features", json)
                .input("Distance", FeatureJson.distance(5, "esriMeters")).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasMessage(MessageType.WARNING, "Input_Features: feature 1 has no geometry; skipped.");
        assertThat(output(run).features()).singleElement()
                .satisfies(f -> assertThat(f.attributes()).containsEntry("ORIG_FID", 2L));
    }

    @Test
    void inputWithoutSpatialReferenceIsTakenAsMetersWithAWarning() {
        TaskRun run = TaskTester.of(new BufferTask())
                .input("Input_Features", FeatureJson.points(null, new double[] {0, 0}))
                .input("Distance", FeatureJson.distance(5, "esriMeters")).run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasMessageContaining(MessageType.WARNING, "no spatial reference");
    }

    @Test
    void honoursCancellationBetweenFeatures() {
        TaskRun run = TaskTester.of(new BufferTask())
                .input("Input_Features", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Distance", FeatureJson.distance(250, "esriMeters"))
                .cancelAfterProgressSteps(3)
                .run();
        assertThat(run).hasStatus(JobStatus.CANCELLED).hasNoOutputs();
        assertThat(run.progress()).hasSize(3);
    }
}
