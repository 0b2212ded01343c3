package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class GeodesyTest {

    @Test
    void gaussianRadiusMatchesWgs84CurvatureAtSixtyDegrees() {
        // M(60°) = 6 383 453.9 m and N(60°) = 6 394 209.2 m on WGS 84; sqrt(M·N) = 6 388 829 m.
        assertThat(Geodesy.gaussianRadius(60)).isCloseTo(6_388_829, within(2.0));
        // At the equator M = 6 335 439.3 m and N = a = 6 378 137 m.
        assertThat(Geodesy.gaussianRadius(0)).isCloseTo(Math.sqrt(6_335_439.3 * 6_378_137.0), within(2.0));
    }

    @Test
    void localEquidistantKeepsDistancesFromTheCentre() {
        Geodesy.LocalEquidistant p = new Geodesy.LocalEquidistant(10.75, 59.91);
        // Any point projected lands at its great-circle distance from the centre.
        double[] xy = p.forward(11.2, 60.3);
        double expected = Geodesy.distanceMeters(10.75, 59.91, 11.2, 60.3);
        assertThat(Math.hypot(xy[0], xy[1])).isCloseTo(expected, Percentage.withPercentage(0.05));
        double[] back = p.inverse(xy[0], xy[1]);
        assertThat(back[0]).isCloseTo(11.2, within(1e-9));
        assertThat(back[1]).isCloseTo(60.3, within(1e-9));
    }

    @Test
    void oneKilometreNorthAndEastAtSixtyDegreesMatchTheEllipsoid() {
        Geodesy.LocalEquidistant p = new Geodesy.LocalEquidistant(10, 60);
        // On WGS 84 at 60°N one degree of latitude is 111 412 m (π/180·M) and one degree of longitude 55 800 m
        // (π/180·N·cos 60°).
        double[] north = p.inverse(0, 1000);
        double[] east = p.inverse(1000, 0);
        assertThat(north[1] - 60).isCloseTo(1000 / 111_412.0, Percentage.withPercentage(0.2));
        assertThat(east[0] - 10).isCloseTo(1000 / 55_800.0, Percentage.withPercentage(0.2));
    }

    @Test
    void webMercatorRoundTripsAndMatchesKnownValues() {
        // 3857 of (10°E, 60°N): x = 1 113 194.9 m, y = 8 399 737.9 m.
        double[] xy = Geodesy.geographicToWebMercator(10, 60);
        assertThat(xy[0]).isCloseTo(1_113_194.9, within(0.1));
        assertThat(xy[1]).isCloseTo(8_399_737.9, within(0.1));
        double[] ll = Geodesy.webMercatorToGeographic(xy[0], xy[1]);
        assertThat(ll[0]).isCloseTo(10, within(1e-9));
        assertThat(ll[1]).isCloseTo(60, within(1e-9));
    }

    @Test
    void coordinateSystemKinds() {
        assertThat(CoordinateSystemKind.of(4326, null)).isEqualTo(CoordinateSystemKind.GEOGRAPHIC);
        assertThat(CoordinateSystemKind.of(4258, null)).isEqualTo(CoordinateSystemKind.GEOGRAPHIC);
        assertThat(CoordinateSystemKind.of(102100, null)).isEqualTo(CoordinateSystemKind.WEB_MERCATOR);
        assertThat(CoordinateSystemKind.of(3857, null)).isEqualTo(CoordinateSystemKind.WEB_MERCATOR);
        assertThat(CoordinateSystemKind.of(32632, null)).isEqualTo(CoordinateSystemKind.PROJECTED);
        assertThat(CoordinateSystemKind.of(null, "GEOGCS[\"GCS_WGS_1984\"]")).isEqualTo(CoordinateSystemKind.GEOGRAPHIC);
        assertThat(CoordinateSystemKind.of(null, null)).isEqualTo(CoordinateSystemKind.UNKNOWN);
        assertThat(CoordinateSystemKind.metersPerUnit("PROJCS[\"x\",UNIT[\"Foot_US\",0.3048006096012192]]"))
                .isCloseTo(0.3048006096, within(1e-9));
        assertThat(CoordinateSystemKind.metersPerUnit("PROJCS[\"x\",UNIT[\"Meter\",1.0]]")).isEqualTo(1.0);
    }
}
