package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.InvalidInputException;
import io.gpjobs.testkit.TaskTester;
import org.junit.jupiter.api.Test;

/** The samples declare their domains, so absurd values are refused at submit, before anything is stored or run. */
class SampleDomainsTest {

    @Test
    void bufferDistanceBeyondHalfTheEarthIsRefusedInAnyUnit() {
        for (String distance : new String[] {FeatureJson.distance(1e308, "esriMeters"),
                FeatureJson.distance(30_000, "esriKilometers"), FeatureJson.distance(-20_000, "esriMiles")}) {
            assertThatThrownBy(() -> TaskTester.of(new BufferTask())
                    .input("Input_Features", FeatureJson.points(32632, new double[] {0, 0}))
                    .input("Distance", distance).run())
                    .as(distance).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("parameter 'Distance'").hasMessageContaining("out of range");
        }
    }

    @Test
    void pointDensityCellSizeAndRadiusHaveDomains() {
        assertThatThrownBy(() -> TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS)).input("Cell_Size", "1e300").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parameter 'Cell_Size'")
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> TaskTester.of(new PointDensityTask())
                .input("Input_Points", SampleData.read(SampleData.BIKE_STATIONS))
                .input("Search_Radius", FeatureJson.distance(0, "esriMeters")).run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parameter 'Search_Radius'");
    }

    @Test
    void projectRefusesANonPositiveWkidAtSubmit() {
        assertThatThrownBy(() -> TaskTester.of(new ProjectTask())
                .input("Input_Features", FeatureJson.points(4326, new double[] {0, 0}))
                .input("Output_Wkid", "-3857").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parameter 'Output_Wkid'");
    }
}
