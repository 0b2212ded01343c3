package io.gpjobs.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gpjobs.InvalidInputException;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.SpatialReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReprojectionTest {

    private static final SpatialReference WGS84 = SpatialReference.ofWkid(4326);
    private static final SpatialReference WEB_MERCATOR = SpatialReference.ofWkid(3857);

    @Test
    void wgs84ToWebMercatorAndBack() {
        double[] m = Reprojection.between(WGS84, WEB_MERCATOR, "outSR").point(10, 50);
        assertThat(m[0]).isCloseTo(1113194.9079, within(1e-3));
        assertThat(m[1]).isCloseTo(6446275.8410, within(1e-3));
        double[] g = Reprojection.between(SpatialReference.ofWkid(102100), WGS84, "outSR").point(m[0], m[1]);
        assertThat(g[0]).isCloseTo(10, within(1e-9));
        assertThat(g[1]).isCloseTo(50, within(1e-9));
    }

    @Test
    void latitudesBeyondWebMercatorAreClampedNotInfinite() {
        double[] pole = Reprojection.between(WGS84, WEB_MERCATOR, "outSR").point(0, 90);
        assertThat(pole[1]).isCloseTo(20037508.34, within(0.01));
    }

    @Test
    void anyEpsgProjectionNotOnlyWebMercator() {
        // UTM zone 33N: the central meridian 15°E on the equator is the false easting, 500 km
        double[] utm = Reprojection.between(WGS84, SpatialReference.ofWkid(32633), "outSR").point(15, 0);
        assertThat(utm[0]).isCloseTo(500000, within(1e-6));
        assertThat(utm[1]).isCloseTo(0, within(1e-6));
        // British National Grid (datum shift included): Greenwich observatory, about 538890 E, 177320 N
        double[] bng = Reprojection.between(WGS84, SpatialReference.ofWkid(27700), "outSR").point(-0.0015, 51.4778);
        assertThat(bng[0]).isCloseTo(538890, within(20.0));
        assertThat(bng[1]).isCloseTo(177320, within(20.0));
    }

    @Test
    void esriWkidsConvertToo() {
        // ESRI 102003, USA Contiguous Albers Equal Area: its origin is 96°W 37.5°N
        double[] a = Reprojection.between(WGS84, SpatialReference.ofWkid(102003), "outSR").point(-96, 37.5);
        assertThat(a[0]).isCloseTo(0, within(1e-6));
        assertThat(a[1]).isCloseTo(0, within(1e-6));
    }

    @Test
    void geometriesKeepTheirShapeAndTakeTheNewSpatialReference() {
        Reprojection r = Reprojection.between(WGS84, SpatialReference.ofWkid(32633), "outSR");
        Geometry.Polygon square = new Geometry.Polygon(List.of(List.of(List.of(14.0, 0.0, 1.0), List.of(16.0, 0.0, 2.0),
                List.of(16.0, 1.0, 7.0), List.of(14.0, 0.0, 1.0))), true, false, WGS84);
        Geometry.Polygon out = (Geometry.Polygon) r.geometry(square, SpatialReference.ofWkid(32633));
        assertThat(out.spatialReference().wkid()).isEqualTo(32633);
        assertThat(out.rings().get(0)).hasSize(4);
        assertThat(out.rings().get(0).get(0).get(0)).isLessThan(500000);
        assertThat(out.rings().get(0).get(1).get(0)).isGreaterThan(500000);
        assertThat(out.rings().get(0).get(2)).hasSize(3).element(2).isEqualTo(7.0);
    }

    @Test
    void equalOrMissingSpatialReferencesAreTheIdentity() {
        assertThat(Reprojection.between(WEB_MERCATOR, SpatialReference.ofWkid(102100), "outSR").isIdentity()).isTrue();
        assertThat(Reprojection.between(null, WEB_MERCATOR, "outSR").isIdentity()).isTrue();
        assertThat(Reprojection.between(WGS84, WEB_MERCATOR, "outSR").isIdentity()).isFalse();
    }

    @Test
    void unknownWkidIsAClearErrorNamingTheParameterAndValue() {
        assertThatThrownBy(() -> Reprojection.between(WGS84, SpatialReference.ofWkid(999999), "outSR"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outSR").hasMessageContaining("999999");
        assertThatThrownBy(() -> Reprojection.requireKnown(SpatialReference.ofWkid(123456789), "Output_Wkid"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Output_Wkid").hasMessageContaining("123456789");
    }

    @Test
    void envelopesCoverTheirCurvedOutline() {
        Geometry.Envelope e = Reprojection.between(WGS84, SpatialReference.ofWkid(32633), "bbox")
                .envelope(new Geometry.Envelope(10, 40, 20, 50, WGS84));
        // the widest east-west extent of a UTM-projected box is on its southern edge
        double[] sw = Reprojection.between(WGS84, SpatialReference.ofWkid(32633), "bbox").point(10, 40);
        assertThat(e.xmin()).isCloseTo(sw[0], within(1.0));
        // parallels curve in transverse Mercator: the southern edge is lowest on the central meridian, not at a corner
        double[] south = Reprojection.between(WGS84, SpatialReference.ofWkid(32633), "bbox").point(15, 40);
        assertThat(e.ymin()).isCloseTo(south[1], within(1.0)).isLessThan(sw[1]);
    }
}
