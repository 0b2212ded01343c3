package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class GeometryOpsTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry point(double x, double y) {
        return GF.createPoint(new Coordinate(x, y));
    }

    private static Geometry square(double x0, double y0, double size) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x0, y0 + size),
                new Coordinate(x0 + size, y0 + size), new Coordinate(x0 + size, y0), new Coordinate(x0, y0)});
    }

    @Test
    void projectedBufferIsACircleOfTheDistanceInCoordinateUnits() {
        Geometry b = new Buffering(CoordinateSystemKind.PROJECTED, 1.0).buffer(point(597000, 6643000), 100);
        assertThat(b.getArea()).isCloseTo(Math.PI * 100 * 100, Percentage.withPercentage(0.5));
        assertThat(b.getEnvelopeInternal().getWidth()).isCloseTo(200, within(1e-6));
    }

    @Test
    void projectedFootSystemsBufferInFeet() {
        Geometry b = new Buffering(CoordinateSystemKind.PROJECTED, 0.3048).buffer(point(0, 0), 30.48);
        assertThat(b.getEnvelopeInternal().getWidth()).isCloseTo(200, within(1e-6));
    }

    @Test
    void geographicBufferOfTenKilometresAtSixtyNorthHasTheEllipsoidsExtent() {
        Geometry b = new Buffering(CoordinateSystemKind.GEOGRAPHIC, 1.0).buffer(point(10, 60), 10_000);
        Envelope e = b.getEnvelopeInternal();
        // WGS 84 at 60°N: 111 412 m per degree of latitude, 55 800 m per degree of longitude.
        assertThat(e.getMaxY() - 60).isCloseTo(10_000 / 111_412.0, Percentage.withPercentage(0.2));
        assertThat(60 - e.getMinY()).isCloseTo(10_000 / 111_412.0, Percentage.withPercentage(0.2));
        assertThat(e.getMaxX() - 10).isCloseTo(10_000 / 55_800.0, Percentage.withPercentage(0.2));
        // Every vertex lies 10 km from the centre along the great circle.
        for (Coordinate c : b.getCoordinates()) {
            assertThat(Geodesy.distanceMeters(10, 60, c.x, c.y)).isCloseTo(10_000, Percentage.withPercentage(0.05));
        }
    }

    @Test
    void webMercatorBufferIsTrueMetersNotMercatorUnits() {
        double[] xy = Geodesy.geographicToWebMercator(10, 60);
        Geometry b = new Buffering(CoordinateSystemKind.WEB_MERCATOR, 1.0).buffer(point(xy[0], xy[1]), 1000);
        // At 60° the Mercator scale factor is 1/cos 60° = 2: a 1 km buffer spans about 4 000 Mercator units.
        assertThat(b.getEnvelopeInternal().getWidth()).isCloseTo(4000, Percentage.withPercentage(0.5));
        for (Coordinate c : b.getCoordinates()) {
            double[] ll = Geodesy.webMercatorToGeographic(c.x, c.y);
            assertThat(Geodesy.distanceMeters(10, 60, ll[0], ll[1])).isCloseTo(1000, Percentage.withPercentage(0.05));
        }
    }

    @Test
    void negativeBufferShrinksPolygons() {
        Geometry b = new Buffering(CoordinateSystemKind.PROJECTED, 1.0).buffer(square(0, 0, 100), -10);
        assertThat(b.getArea()).isCloseTo(80 * 80, within(1e-6));
    }

    @Test
    void countsPointsInPolygonsIncludingBoundariesAndOverlaps() {
        PointCounter counter = new PointCounter(List.of(square(0, 0, 10), square(5, 0, 10), square(100, 100, 1)));
        PointCounter.Result r = counter.count(List.of(point(1, 1), point(7, 5), point(10, 10), point(50, 50),
                GF.createMultiPointFromCoords(new Coordinate[] {new Coordinate(2, 2), new Coordinate(12, 2)})));
        // (1,1) and (2,2) in the first; (7,5) and (10,10) in both first and second; (12,2) in the second only.
        assertThat(r.counts()).containsExactly(4, 3, 0);
        assertThat(r.pointsInAny()).isEqualTo(5);
        assertThat(r.pointsOutside()).isEqualTo(1);
    }

    @Test
    void densityOfOnePointIsItsWeightOverTheCircleAreaWithinTheRadius() {
        DensityGrid grid = new DensityGrid(new double[] {50}, new double[] {50}, new double[] {2}, 10, 1, 1_000_000);
        // Extent grown by the radius: 20 x 20 cells from (40, 40).
        assertThat(grid.ncols()).isEqualTo(20);
        assertThat(grid.nrows()).isEqualTo(20);
        assertThat(grid.xll()).isEqualTo(40);
        assertThat(grid.yll()).isEqualTo(40);
        double expected = 2 / (Math.PI * 100);
        double[] middle = grid.row(10); // cell centres at y = 49.5
        assertThat(middle[10]).isCloseTo(expected, within(1e-12)); // (50.5, 49.5)
        assertThat(middle[0]).isCloseTo(expected, within(1e-12)); // (40.5, 49.5) is sqrt(90.5) < 10 away
        assertThat(grid.row(0)[0]).isEqualTo(0); // (40.5, 59.5) is sqrt(180.5) > 10 away
        double total = 0;
        for (int r = 0; r < grid.nrows(); r++) {
            for (double v : grid.row(r)) {
                total += v; // cells are 1 x 1
            }
        }
        assertThat(total).isCloseTo(2, Percentage.withPercentage(3));
    }

    @Test
    void tooManyCellsIsRejectedWithTheCellSize() {
        assertThatThrownBy(() -> new DensityGrid(new double[] {0, 1000}, new double[] {0, 1000}, new double[] {1, 1},
                10, 0.5, 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cell size of 0.5");
    }
}
