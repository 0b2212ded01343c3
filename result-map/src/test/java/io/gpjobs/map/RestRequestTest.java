package io.gpjobs.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.InvalidInputException;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query and export requests read from REST parameters, with errors naming the parameter and the value. */
class RestRequestTest {

    @Test
    void queryParameters() {
        LayerQuery q = LayerQuery.fromRequest(Map.of("where", "POP > 1", "geometry", "1,2,3,4", "inSR", "3857",
                "outFields", "NAME, POP", "returnGeometry", "false", "resultOffset", "5", "resultRecordCount", "7",
                "time", "1000,null", "f", "json"));
        assertThat(q.where()).isEqualTo("POP > 1");
        assertThat(q.envelope()).isEqualTo(new Envelope(1, 2, 3, 4, SpatialReference.ofWkid(3857)));
        assertThat(q.outFields()).containsExactly("NAME", "POP");
        assertThat(q.returnGeometry()).isFalse();
        assertThat(q.resultOffset()).isEqualTo(5);
        assertThat(q.resultRecordCount()).isEqualTo(7);
        assertThat(q.time()).isEqualTo(new TimeExtent(Instant.ofEpochMilli(1000), null));
        assertThat(q.returnCountOnly()).isFalse();

        LayerQuery json = LayerQuery.fromRequest(Map.of("geometry",
                "{\"xmin\":0,\"ymin\":0,\"xmax\":1,\"ymax\":1,\"spatialReference\":{\"wkid\":4326}}",
                "geometryType", "esriGeometryEnvelope", "returnCountOnly", "true"));
        assertThat(json.envelope()).isEqualTo(new Envelope(0, 0, 1, 1, SpatialReference.WGS84));
        assertThat(json.returnCountOnly()).isTrue();
        assertThat(LayerQuery.fromRequest(Map.of())).isEqualTo(LayerQuery.all());
    }

    @Test
    void badQueryParametersNameParameterAndValue() {
        assertBad(Map.of("resultOffset", "x"), "parameter 'resultOffset'", "'x'");
        assertBad(Map.of("resultRecordCount", "0"), "parameter 'resultRecordCount'", "'0'");
        assertBad(Map.of("returnGeometry", "yes"), "parameter 'returnGeometry'", "'yes'");
        assertBad(Map.of("geometry", "1,2,3"), "parameter 'geometry'", "'1,2,3'");
        assertBad(Map.of("geometry", "3,2,1,4"), "parameter 'geometry'", "'3,2,1,4'");
        assertBad(Map.of("geometryType", "esriGeometryPolygon"), "parameter 'geometryType'", "esriGeometryPolygon");
        assertBad(Map.of("geometry", "{\"x\":1,\"y\":2}"), "parameter 'geometry'", "an envelope");
        assertBad(Map.of("time", "abc"), "parameter 'time'", "'abc'");
        assertBad(Map.of("time", "5,1"), "parameter 'time'", "after its end");
        assertBad(Map.of("inSR", "{bad"), "parameter 'inSR'", "'{bad'");
    }

    static void assertBad(Map<String, String> params, String... fragments) {
        assertThatThrownBy(() -> LayerQuery.fromRequest(params)).isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll(fragments);
    }

    @Test
    void exportParameters() {
        ExportRequest r = ExportRequest.fromRequest(Map.of("bbox", "0,40,40,80", "bboxSR", "102100",
                "size", "256,128", "layers", "show:2,0", "time", "5", "transparent", "true", "format", "png32",
                "f", "image"));
        assertThat(r.bbox()).isEqualTo(new Envelope(0, 40, 40, 80, SpatialReference.ofWkid(102100)));
        assertThat(r.width()).isEqualTo(256);
        assertThat(r.height()).isEqualTo(128);
        assertThat(r.layers()).containsExactly(2, 0);
        assertThat(r.time()).isEqualTo(TimeExtent.at(Instant.ofEpochMilli(5)));
        assertThat(r.transparent()).isTrue();
        assertThat(ExportRequest.fromRequest(Map.of("bbox", "0,0,1,1"))).isEqualTo(
                new ExportRequest(new Envelope(0, 0, 1, 1, null), 400, 400, List.of(), null, false));
    }

    @Test
    void badExportParametersNameParameterAndValue() {
        assertBadExport(Map.of(), "parameter 'bbox' is required");
        assertBadExport(Map.of("bbox", "0,0,1,1", "size", "10"), "parameter 'size'", "'10'");
        assertBadExport(Map.of("bbox", "0,0,1,1", "size", "0,10"), "0x10");
        assertBadExport(Map.of("bbox", "0,0,1,1", "layers", "hide:1"), "parameter 'layers'", "'hide:1'");
        assertBadExport(Map.of("bbox", "0,0,1,1", "layers", "show:a"), "parameter 'layers'", "'show:a'");
        assertBadExport(Map.of("bbox", "0,0,1,1", "format", "jpg"), "parameter 'format'", "'jpg'");
        assertBadExport(Map.of("bbox", "0,0,0,1"), "positive width");
    }

    static void assertBadExport(Map<String, String> params, String... fragments) {
        assertThatThrownBy(() -> ExportRequest.fromRequest(params)).isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll(fragments);
    }

    @Test
    void identifyParameters() {
        IdentifyRequest r = IdentifyRequest.fromRequest(Map.of("geometry", "{\"x\":1,\"y\":2}", "geometryType",
                "esriGeometryPoint", "sr", "4326", "mapExtent", "0,0,10,10", "imageDisplay", "100,50,96",
                "tolerance", "5", "layers", "visible:3,1", "returnGeometry", "false"));
        assertThat(r.point().x()).isEqualTo(1);
        assertThat(r.spatialReference()).isEqualTo(SpatialReference.WGS84);
        assertThat(r.mapExtent()).isEqualTo(new Envelope(0, 0, 10, 10, SpatialReference.WGS84));
        assertThat(r.width()).isEqualTo(100);
        assertThat(r.height()).isEqualTo(50);
        assertThat(r.toleranceInMapUnits()).isEqualTo(0.5);
        assertThat(r.layers()).containsExactly(3, 1);
        assertThat(r.returnGeometry()).isFalse();
        Map<String, String> ok = Map.of("geometry", "1,2", "mapExtent", "0,0,10,10", "imageDisplay", "100,50",
                "tolerance", "5");
        assertThat(IdentifyRequest.fromRequest(ok).layers()).isEmpty();
        for (String missing : List.of("geometry", "mapExtent", "imageDisplay", "tolerance")) {
            Map<String, String> without = new java.util.HashMap<>(ok);
            without.remove(missing);
            assertThatThrownBy(() -> IdentifyRequest.fromRequest(without)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("parameter '" + missing + "' is required");
        }
        Map<String, String> bad = new java.util.HashMap<>(ok);
        bad.put("layers", "some:1");
        assertThatThrownBy(() -> IdentifyRequest.fromRequest(bad)).hasMessageContainingAll("parameter 'layers'",
                "'some:1'");
        bad.put("layers", "all");
        bad.put("tolerance", "-1");
        assertThatThrownBy(() -> IdentifyRequest.fromRequest(bad)).hasMessageContaining("tolerance must be 0..1000");
        bad.put("tolerance", "1");
        bad.put("geometry", "{\"xmin\":0,\"ymin\":0,\"xmax\":1,\"ymax\":1}");
        assertThatThrownBy(() -> IdentifyRequest.fromRequest(bad)).hasMessageContainingAll("parameter 'geometry'",
                "a point");
    }
}
