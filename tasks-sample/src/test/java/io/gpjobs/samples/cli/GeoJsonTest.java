package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class GeoJsonTest {
    /** A square with a square hole, then a second square: RFC 7946 orientation (exterior CCW, hole CW). */
    private static final String TWO_POLYGONS = """
            {"type":"Feature","properties":{"name":"x"},"geometry":{"type":"MultiPolygon","coordinates":[
              [[[0.0,0.0],[10.0,0.0],[10.0,10.0],[0.0,10.0],[0.0,0.0]], [[2.0,2.0],[2.0,8.0],[8.0,8.0],[8.0,2.0],[2.0,2.0]]],
              [[[20.0,0.0],[30.0,0.0],[30.0,10.0],[20.0,10.0],[20.0,0.0]]]]}}
            """;

    private static JsonNode read(String json) throws Exception {
        return CliProcess.MAPPER.readTree(json);
    }

    @Test
    void polygonsWithHolesGoToEsriRingsAndBackUnchanged() throws Exception {
        JsonNode feature = read(TWO_POLYGONS);
        ObjectNode esri = GeoJson.toEsri(feature, "test");
        assertThat(esri.path("geometryType").asText()).isEqualTo("esriGeometryPolygon");
        JsonNode rings = esri.path("features").get(0).path("geometry").path("rings");
        assertThat(rings).hasSize(3);
        assertThat(GeoJson.signedArea(rings.get(0))).as("outer ring clockwise").isNegative();
        assertThat(GeoJson.signedArea(rings.get(1))).as("hole counter-clockwise").isPositive();
        assertThat(GeoJson.signedArea(rings.get(2))).as("outer ring clockwise").isNegative();

        JsonNode back = GeoJsonWriter.featureCollection(esri, "test");
        assertThat(GeoJsonChecker.problems(back)).isEmpty();
        JsonNode geometry = back.path("features").get(0).path("geometry");
        assertThat(geometry.path("type").asText()).isEqualTo("MultiPolygon");
        assertThat(geometry.path("coordinates")).isEqualTo(feature.path("geometry").path("coordinates"));
        assertThat(back.path("features").get(0).path("properties").path("name").asText()).isEqualTo("x");
    }

    @Test
    void aRingInTheWrongOrientationIsTurnedAndOneMixedFileIsRefused() throws Exception {
        JsonNode clockwise = read("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}");
        JsonNode ring = GeoJson.toEsri(clockwise, "t").path("features").get(0).path("geometry").path("rings").get(0);
        assertThat(GeoJson.signedArea(ring)).isNegative();

        JsonNode mixed = read("{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\","
                + "\"coordinates\":[[1,2],[3,4]]}}]}");
        assertThatThrownBy(() -> GeoJson.toEsri(mixed, "input 'In' (m.geojson)")).isInstanceOf(UsageException.class)
                .hasMessageContaining("input 'In' (m.geojson), feature 1: a LineString among point geometries");
    }

    @Test
    void propertyTypesWidenOverAllFeatures() throws Exception {
        JsonNode fc = read("{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"a\":1,\"b\":1,\"c\":{\"k\":1}}},"
                + "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"a\":2.5,\"b\":\"two\",\"c\":null}}]}");
        JsonNode fields = GeoJson.toEsri(fc, "t").path("fields");
        assertThat(fields.get(0).path("type").asText()).isEqualTo("esriFieldTypeOID");
        assertThat(fields.get(1).path("type").asText()).isEqualTo("esriFieldTypeDouble");
        assertThat(fields.get(2).path("type").asText()).isEqualTo("esriFieldTypeString");
        assertThat(fields.get(3).path("type").asText()).isEqualTo("esriFieldTypeString");
        JsonNode attributes = GeoJson.toEsri(fc, "t").path("features").get(0).path("attributes");
        assertThat(attributes.path("b").asText()).isEqualTo("1");
        assertThat(attributes.path("c").asText()).isEqualTo("{\"k\":1}");
    }

    @Test
    void utmAndWebMercatorBecomeLongitudeLatitude() throws Exception {
        // the bundled Jernbanetorget station (UTM 32N) is at about 10.752 E, 59.911 N
        double[] oslo = LonLat.from(read("{\"wkid\":32632}")).convert(597890.75, 6642893.8);
        assertThat(oslo[0]).isCloseTo(10.752, within(0.002));
        assertThat(oslo[1]).isCloseTo(59.911, within(0.001));
        // the central meridian of zone 33S at the equator's false northing
        double[] south = LonLat.from(read("{\"wkid\":32733}")).convert(500_000, 10_000_000);
        assertThat(south[0]).isCloseTo(15.0, within(1e-9));
        assertThat(south[1]).isCloseTo(0.0, within(1e-9));
        double[] mercator = LonLat.from(read("{\"wkid\":102100,\"latestWkid\":3857}")).convert(20037508.342789244, 0);
        assertThat(mercator[0]).isCloseTo(180.0, within(1e-9));
        assertThat(LonLat.from(read("{\"wkid\":25832}"))).isNull();
    }
}
