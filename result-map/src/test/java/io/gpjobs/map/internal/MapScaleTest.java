package io.gpjobs.map.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gpjobs.InvalidInputException;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.ResultMap;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scale bar states a true ground distance at the map's centre, and the north arrow points to true north. */
class MapScaleTest {
    private static final double A = 6378137.0;
    private static final double E2 = 0.00669437999014; // WGS 84 first eccentricity squared
    private static final double OSLO_LON = 10.75;
    private static final double OSLO_LAT = 59.91;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void vincentyGivesThePublishedDistanceFromFlindersPeakToBuninyong() {
        // Vincenty's own worked example (Survey Review 1975, as republished by Geoscience Australia): 54,972.271 m
        double d = Geodesic.distance(144 + 25 / 60.0 + 29.52440 / 3600, -(37 + 57 / 60.0 + 3.72030 / 3600),
                143 + 55 / 60.0 + 35.38390 / 3600, -(37 + 39 / 60.0 + 10.15610 / 3600));
        assertThat(d).isCloseTo(54_972.271, within(0.01));
    }

    /** Web Mercator x of a longitude, and y of a latitude, on its sphere of radius a. */
    private static double mercX(double lon) {
        return A * Math.toRadians(lon);
    }

    private static double mercY(double lat) {
        return A * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
    }

    /**
     * Ground metres per Web Mercator unit along a parallel: the parallel's radius on the ellipsoid (N cos phi) over
     * the sphere's a, a closed form independent of the code under test.
     */
    private static double groundPerMercatorUnit(double lat) {
        double s = Math.sin(Math.toRadians(lat));
        return Math.cos(Math.toRadians(lat)) / Math.sqrt(1 - E2 * s * s);
    }

    private static Envelope osloMercator(double halfWidth) {
        double x = mercX(OSLO_LON);
        double y = mercY(OSLO_LAT);
        return new Envelope(x - halfWidth, y - halfWidth * 0.75, x + halfWidth, y + halfWidth * 0.75,
                SpatialReference.ofWkid(3857));
    }

    @Test
    void inWebMercatorAtSixtyDegreesNorthAPixelSpansAboutHalfItsNominalSize() {
        Envelope bbox = osloMercator(4_000);
        MapScale s = MapScale.of(bbox, null, 800, 600, "scaleBar");
        double unitsPerPixel = 8_000 / 800.0;
        assertThat(s.metresPerPixel()).isCloseTo(unitsPerPixel * groundPerMercatorUnit(OSLO_LAT),
                within(unitsPerPixel * 1e-5));
        assertThat(s.metresPerPixel()).isLessThan(unitsPerPixel * 0.51); // the naive reading would be 2x too long
        assertThat(s.northDegrees()).isCloseTo(0, within(1e-6));
        assertThat(s.scale()).isCloseTo(s.metresPerPixel() * 96 / 0.0254, within(1e-6));
    }

    @Test
    void inUtmTheNorthArrowTurnsByTheMeridianConvergence() {
        // UTM zone 32N (central meridian 9 E): a map in it, centred at Oslo, and the same centre in WGS 84
        Envelope utm = new Envelope(592_000, 6_640_000, 602_000, 6_650_000, SpatialReference.ofWkid(32632));
        MapScale s = MapScale.of(utm, null, 500, 500, "northArrow");
        double[] centre = io.gpjobs.map.Reprojection.between(SpatialReference.ofWkid(32632),
                SpatialReference.ofWkid(4326), "t").point(597_000, 6_645_000);
        // meridian convergence gamma = atan(tan(lon - lon0) sin(lat)); true north lies counter-clockwise of grid
        // north east of the central meridian
        double gamma = Math.toDegrees(Math.atan(Math.tan(Math.toRadians(centre[0] - 9))
                * Math.sin(Math.toRadians(centre[1]))));
        assertThat(gamma).isGreaterThan(1.0);
        assertThat(s.northDegrees()).isCloseTo(-gamma, within(0.02));
        // UTM's scale factor is close to 1 here (0.9996 at the central meridian): 20 m per pixel, give or take 0.1%
        assertThat(s.metresPerPixel()).isCloseTo(20.0, within(0.02));
    }

    @Test
    void niceLengthsAreOneTwoOrFiveTimesAPowerOfTen() {
        MapScale s = new MapScale(7.3, 0);
        assertThat(s.niceLength(100)).isEqualTo(500.0); // 730 m fit
        assertThat(new MapScale(13, 0).niceLength(100)).isEqualTo(1000.0); // 1,300 m fit
        assertThat(new MapScale(0.9, 0).niceLength(100)).isEqualTo(50.0); // 90 m fit
        assertThat(new MapScale(0.021, 0).niceLength(100)).isEqualTo(2.0); // 2.1 m fit
        assertThat(MapScale.label(500)).isEqualTo("500 m");
        assertThat(MapScale.label(2000)).isEqualTo("2 km");
        assertThat(MapScale.label(0.5)).isEqualTo("0.5 m");
    }

    private static MapData emptyMap(SpatialReference sr) {
        return new MapData(new ResultMap("j0", "S", "T", List.of(), sr, null, 1000), List.of());
    }

    /** The longest run of pure black pixels in one row of the region, and the row. */
    private static int[] longestBlackRun(BufferedImage img, int x0, int y0, int x1, int y1) {
        int[] best = {0, -1};
        for (int y = y0; y < y1; y++) {
            int run = 0;
            for (int x = x0; x < x1; x++) {
                run = img.getRGB(x, y) == 0xFF000000 ? run + 1 : 0;
                if (run > best[0]) {
                    best = new int[] {run, y};
                }
            }
        }
        return best;
    }

    private static int blackPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) < 0x404040 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void theScaleBarIsDrawnOnRequestAndItsLengthIsTheGroundDistanceItStates() {
        Envelope bbox = osloMercator(4_000);
        ExportRequest plain = ExportRequest.of(bbox, 800, 600);
        BufferedImage without = MapRenderer.render(emptyMap(null), plain);
        assertThat(blackPixels(without, 0, 300, 400, 600)).isZero();

        BufferedImage with = MapRenderer.render(emptyMap(null), plain.withScaleBar(true));
        int[] run = longestBlackRun(with, 0, 300, 400, 600);
        double metresPerPixel = 10.0 * groundPerMercatorUnit(OSLO_LAT); // 8,000 units over 800 px
        MapDecorations.Bar stated = MapDecorations.Bar.of(MapScale.of(bbox, null, 800, 600, "scaleBar"), 800);
        assertThat(run[0]).isEqualTo(stated.pixels());
        assertThat(run[0] * metresPerPixel).isCloseTo(stated.metres(), within(metresPerPixel));
        assertThat(stated.label()).isEqualTo("1 km"); // 200 px (a quarter of 800) span 1,003 m at Oslo
        assertThat(blackPixels(with, 400, 0, 800, 300)).as("no north arrow unless asked").isZero();
    }

    @Test
    void theNorthArrowIsDrawnOnRequestOnly() {
        ExportRequest plain = ExportRequest.of(osloMercator(4_000), 400, 300);
        assertThat(blackPixels(MapRenderer.render(emptyMap(null), plain), 300, 0, 400, 80)).isZero();
        BufferedImage with = MapRenderer.render(emptyMap(null), plain.withNorthArrow(true));
        assertThat(blackPixels(with, 300, 0, 400, 80)).isGreaterThan(40);
        assertThat(blackPixels(with, 0, 150, 200, 300)).as("no scale bar unless asked").isZero();
    }

    @Test
    void badValuesAndMapsWithoutASpatialReferenceAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> ExportRequest.fromRequest(Map.of("bbox", "0,0,1,1", "scaleBar", "yes")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("scaleBar").hasMessageContaining("yes");
        assertThatThrownBy(() -> ExportRequest.fromRequest(Map.of("bbox", "0,0,1,1", "northArrow", "1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("northArrow");
        ExportRequest r = ExportRequest.fromRequest(Map.of("bbox", "0,0,1,1", "scaleBar", "true", "northArrow",
                "TRUE"));
        assertThat(r.scaleBar()).isTrue();
        assertThat(r.northArrow()).isTrue();
        ExportRequest noSr = ExportRequest.of(new Envelope(0, 0, 10, 10, null), 100, 100).withScaleBar(true);
        assertThatThrownBy(() -> MapRenderer.render(emptyMap(null), noSr)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("scaleBar").hasMessageContaining("no spatial reference");
        // the map's own spatial reference serves when the bbox has none
        assertThat(MapRenderer.render(emptyMap(SpatialReference.ofWkid(4326)),
                ExportRequest.of(new Envelope(10, 59, 11, 60, null), 200, 200).withNorthArrow(true))).isNotNull();
        ExportRequest unknown = ExportRequest.of(new Envelope(0, 0, 10, 10, SpatialReference.ofWkid(999999)), 100,
                100).withNorthArrow(true);
        assertThatThrownBy(() -> MapRenderer.render(emptyMap(null), unknown)).hasMessageContaining("northArrow")
                .hasMessageContaining("999999");
    }
}
