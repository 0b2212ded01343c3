package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpjobs.value.Geometry;
import io.gpjobs.value.GeometryType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class EsriGeometriesTest {

    private static List<List<Double>> ring(double... xy) {
        List<List<Double>> r = new java.util.ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            r.add(List.of(xy[i], xy[i + 1]));
        }
        return r;
    }

    @Test
    void ringsAreAssignedByNestingWhateverTheirWinding() {
        // An outer square, a hole in it, an island in the hole, and a separate square; windings deliberately mixed.
        Geometry.Polygon esri = new Geometry.Polygon(List.of(
                ring(0, 0, 100, 0, 100, 100, 0, 100, 0, 0),         // counter-clockwise outer
                ring(20, 20, 20, 80, 80, 80, 80, 20, 20, 20),       // clockwise hole
                ring(40, 40, 40, 60, 60, 60, 60, 40, 40, 40),       // island
                ring(200, 0, 200, 10, 210, 10, 210, 0)),            // unclosed separate square
                false, false, null);
        org.locationtech.jts.geom.Geometry g = EsriGeometries.toJts(esri);
        assertThat((Object) g).isInstanceOf(MultiPolygon.class);
        assertThat(g.getNumGeometries()).isEqualTo(3);
        assertThat(g.getArea()).isCloseTo(10_000 - 3_600 + 400 + 100, within(1e-9));
        assertThat(g.isValid()).isTrue();
    }

    @Test
    void writtenPolygonsHaveClockwiseOuterRingsAndCounterClockwiseHoles() {
        Polygon donut = (Polygon) EsriGeometries.toJts(new Geometry.Polygon(List.of(
                ring(0, 0, 10, 0, 10, 10, 0, 10, 0, 0), ring(4, 4, 6, 4, 6, 6, 4, 6, 4, 4)), false, false, null));
        Geometry.Polygon esri = (Geometry.Polygon) EsriGeometries.toEsri(donut, GeometryType.POLYGON);
        assertThat(esri.rings()).hasSize(2);
        assertThat(Orientation.isCCW(coordinates(esri.rings().get(0)))).isFalse();
        assertThat(Orientation.isCCW(coordinates(esri.rings().get(1)))).isTrue();
    }

    @Test
    void pointsMultipointsLinesAndEnvelopesConvert() {
        assertThat(EsriGeometries.toJts(Geometry.Point.of(3, 4)).getCoordinate()).isEqualTo(new Coordinate(3, 4));
        var mp = new Geometry.Multipoint(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)), false, false, null);
        assertThat(EsriGeometries.toJts(mp).getNumPoints()).isEqualTo(2);
        var line = new Geometry.Polyline(List.of(ring(0, 0, 3, 4), ring(10, 10, 10, 11)), false, false, null);
        assertThat(EsriGeometries.toJts(line).getLength()).isCloseTo(6, within(1e-12));
        var env = new Geometry.Envelope(0, 0, 2, 3, null);
        assertThat(EsriGeometries.toJts(env).getArea()).isEqualTo(6);
        assertThat((Object) EsriGeometries.toJts(null)).isNull();
        assertThat(EsriGeometries.toEsri(EsriGeometries.toJts(line), GeometryType.POLYLINE)).isEqualTo(line);
    }

    private static Coordinate[] coordinates(List<List<Double>> ring) {
        return ring.stream().map(v -> new Coordinate(v.get(0), v.get(1))).toArray(Coordinate[]::new);
    }
}
