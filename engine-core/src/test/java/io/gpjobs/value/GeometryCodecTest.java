package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeometryCodecTest {

    private static final SpatialReference WEB_MERCATOR = new SpatialReference(102100, 3857, null, null, null);

    private static Geometry roundTrip(String canonical) {
        Geometry g = GPValueCodec.readGeometry(Json.parse("test", canonical));
        assertThat(Json.text(GPValueCodec.writeGeometry(g))).isEqualTo(canonical);
        assertThat(GPValueCodec.readGeometry(GPValueCodec.writeGeometry(g))).isEqualTo(g);
        return g;
    }

    @Test
    void allFiveKindsWithSpatialReferences() {
        assertThat(roundTrip("{\"x\":-118.15,\"y\":33.8,\"spatialReference\":{\"wkid\":4326}}"))
                .isEqualTo(new Geometry.Point(-118.15, 33.8, null, null, SpatialReference.WGS84));
        assertThat(roundTrip("{\"x\":1,\"y\":2,\"z\":3,\"m\":4,\"spatialReference\":{\"wkid\":102100,\"latestWkid\":3857}}"))
                .isEqualTo(new Geometry.Point(1, 2, 3.0, 4.0, WEB_MERCATOR));
        assertThat(roundTrip("{\"points\":[[1,2],[3.5,4]],\"spatialReference\":{\"wkid\":4326}}"))
                .isEqualTo(new Geometry.Multipoint(List.of(List.of(1.0, 2.0), List.of(3.5, 4.0)), false, false,
                        SpatialReference.WGS84));
        assertThat(roundTrip("{\"hasZ\":true,\"paths\":[[[0,0,1],[10,0,2]],[[5,5,3],[6,6,4]]],"
                + "\"spatialReference\":{\"wkid\":102100,\"latestWkid\":3857,\"vcsWkid\":5703,\"latestVcsWkid\":5703}}"))
                .isEqualTo(new Geometry.Polyline(List.of(
                        List.of(List.of(0.0, 0.0, 1.0), List.of(10.0, 0.0, 2.0)),
                        List.of(List.of(5.0, 5.0, 3.0), List.of(6.0, 6.0, 4.0))), true, false,
                        new SpatialReference(102100, 3857, 5703, 5703, null)));
        Geometry polygon = roundTrip("{\"rings\":[[[0,0],[0,10],[10,10],[10,0],[0,0]]],\"spatialReference\":{\"wkt\":\"PROJCS[x]\"}}");
        assertThat(polygon.type()).isEqualTo(GeometryType.POLYGON);
        assertThat(polygon.spatialReference()).isEqualTo(new SpatialReference(null, null, null, null, "PROJCS[x]"));
        assertThat(((Geometry.Polygon) polygon).rings().get(0)).hasSize(5);
        assertThat(roundTrip("{\"xmin\":-10,\"ymin\":-5.5,\"xmax\":10,\"ymax\":5.5,\"spatialReference\":{\"wkid\":4326}}"))
                .isEqualTo(new Geometry.Envelope(-10, -5.5, 10, 5.5, SpatialReference.WGS84));
        assertThat(roundTrip("{\"hasM\":true,\"points\":[[1,2,7]]}")).isEqualTo(
                new Geometry.Multipoint(List.of(List.of(1.0, 2.0, 7.0)), false, true, null));
    }

    @Test
    void emptyPointAndBareWkid() {
        Geometry empty = roundTrip("{\"x\":null}");
        assertThat(((Geometry.Point) empty).x()).isNaN();
        assertThat(GPValueCodec.readSpatialReference(Json.NODES.numberNode(3857))).isEqualTo(SpatialReference.ofWkid(3857));
        assertThat(GPValueCodec.readSpatialReference(Json.parse("t", "{}"))).isNull();
        assertThat(Json.text(GPValueCodec.writeSpatialReference(WEB_MERCATOR))).isEqualTo("{\"wkid\":102100,\"latestWkid\":3857}");
    }

    @Test
    void geometriesAreImmutableCopies() {
        List<Double> vertex = new ArrayList<>(List.of(1.0, 2.0));
        List<List<Double>> points = new ArrayList<>(List.of(vertex));
        Geometry.Multipoint mp = new Geometry.Multipoint(points, false, false, null);
        vertex.set(0, 99.0);
        points.clear();
        assertThat(mp.points()).containsExactly(List.of(1.0, 2.0));
        assertThatThrownBy(() -> mp.points().add(List.of(0.0, 0.0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void zAndMAreDroppedUnlessKept() {
        Geometry.Polyline zm = new Geometry.Polyline(List.of(List.of(List.of(0.0, 1.0, 2.0, 3.0))), true, true, WEB_MERCATOR);
        assertThat(zm.withZM(false, false)).isEqualTo(
                new Geometry.Polyline(List.of(List.of(List.of(0.0, 1.0))), false, false, WEB_MERCATOR));
        assertThat(zm.withZM(true, false)).isEqualTo(
                new Geometry.Polyline(List.of(List.of(List.of(0.0, 1.0, 2.0))), true, false, WEB_MERCATOR));
        assertThat(zm.withZM(false, true)).isEqualTo(
                new Geometry.Polyline(List.of(List.of(List.of(0.0, 1.0, 3.0))), false, true, WEB_MERCATOR));
        assertThat(zm.withZM(true, true)).isEqualTo(zm);
        assertThat(new Geometry.Point(1, 2, 3.0, 4.0, null).withZM(false, true))
                .isEqualTo(new Geometry.Point(1, 2, null, 4.0, null));
        GPFeatureRecordSetLayer fs = new GPFeatureRecordSetLayer(GeometryType.POLYLINE, WEB_MERCATOR, true, true,
                List.of(), List.of(new Feature(zm, java.util.Map.of("a", 1L))), false, null);
        GPFeatureRecordSetLayer flat = fs.withZM(false, false);
        assertThat(GPValueCodec.toJson(flat)).isEqualTo("{\"geometryType\":\"esriGeometryPolyline\",\"spatialReference\":"
                + "{\"wkid\":102100,\"latestWkid\":3857},\"fields\":[],\"features\":[{\"geometry\":{\"paths\":[[[0,1]]]},"
                + "\"attributes\":{\"a\":1}}],\"exceededTransferLimit\":false}");
        assertThat(fs.withZM(true, true)).isSameAs(fs);
    }

    @Test
    void badGeometries() {
        assertThatThrownBy(() -> GPValueCodec.readGeometry(Json.parse("t", "{\"foo\":1}")))
                .hasMessage("geometry: expected x/y, points, paths, rings or xmin/ymin/xmax/ymax, got {\"foo\":1}");
        assertThatThrownBy(() -> GPValueCodec.readGeometry(Json.parse("t", "{\"x\":1}")))
                .hasMessage("esriGeometryPoint: 'y' is required, got {\"x\":1}");
        assertThatThrownBy(() -> GPValueCodec.readGeometry(Json.parse("t", "{\"paths\":[[[0,\"a\"]]]}")))
                .hasMessage("esriGeometryPolyline: vertex values must be numbers, got [0,\"a\"]");
        assertThatThrownBy(() -> GPValueCodec.readGeometry(Json.parse("t", "{\"rings\":[[[0,0,0]]]}")))
                .hasMessage("esriGeometryPolygon: a vertex needs 2 values (x, y), got [0.0, 0.0, 0.0]");
        assertThatThrownBy(() -> GPValueCodec.readGeometry(Json.parse("t", "{\"xmin\":5,\"ymin\":0,\"xmax\":1,\"ymax\":1}")))
                .hasMessage("esriGeometryEnvelope: Envelope minimum exceeds maximum: x 5.0..1.0, y 0.0..1.0");
        assertThatThrownBy(() -> GPValueCodec.readGeometry(Json.parse("t", "{\"x\":1,\"y\":2,\"spatialReference\":{\"wkid\":\"x\"}}")))
                .hasMessage("spatialReference: 'wkid' must be an integer, got \"x\"");
    }
}
