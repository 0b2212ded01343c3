package io.gpjobs.map.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.value.GeometryType;
import java.awt.Color;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbologyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void uniqueValuesPickTheirSymbolAndOthersTheDefault() throws Exception {
        Symbology s = Symbology.parse(json("""
                {"renderer":{"type":"uniqueValue","field1":"kind","defaultSymbol":
                  {"type":"esriSMS","color":[0,0,0,255],"size":4},"uniqueValueInfos":[
                  {"value":"a","label":"A","symbol":{"type":"esriSMS","color":[255,0,0,255],"size":10}},
                  {"value":"7","label":"Seven","symbol":{"type":"esriSMS","color":[0,255,0,255],"size":6}}]},
                 "transparency":50}"""), "Out", GeometryType.POINT);
        assertThat(s.symbolFor(Map.of("kind", "a")).color()).isEqualTo(new Color(255, 0, 0, 128));
        assertThat(s.symbolFor(Map.of("kind", 7L)).size()).isEqualTo(6);
        assertThat(s.symbolFor(Map.of("kind", "z")).size()).isEqualTo(4);
        assertThat(s.legend()).extracting(Symbology.Entry::label).containsExactly("A", "Seven");
        assertThat(s.json().at("/renderer/field1").asText()).isEqualTo("kind");
    }

    @Test
    void classBreaksIncludeTheFirstMinimumAndEachMaximum() throws Exception {
        Symbology s = Symbology.parse(json("""
                {"renderer":{"type":"classBreaks","field":"n","minValue":0,"classBreakInfos":[
                  {"classMaxValue":1,"symbol":{"type":"esriSFS","color":[1,1,1,255]}},
                  {"classMaxValue":5,"symbol":{"type":"esriSFS","color":[5,5,5,255]}}]}}"""), "Out",
                GeometryType.POLYGON);
        assertThat(s.symbolFor(Map.of("n", 0L)).color().getRed()).isEqualTo(1);
        assertThat(s.symbolFor(Map.of("n", 1.0)).color().getRed()).isEqualTo(1);
        assertThat(s.symbolFor(Map.of("n", 1.5)).color().getRed()).isEqualTo(5);
        assertThat(s.cellColor(4)).isEqualTo(new Color(5, 5, 5).getRGB());
        // outside every class and no default symbol given: the geometry type's default
        assertThat(s.symbolFor(Map.of("n", 9L)).color()).isEqualTo(MapRenderer.FILL);
    }

    @Test
    void aRendererThatIsNotUnderstoodIsRefusedNamingTheOutput() {
        assertThatThrownBy(() -> Symbology.parse(json("{\"renderer\":{\"type\":\"heatmap\"}}"), "Output_Raster",
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Output_Raster")
                .hasMessageContaining("heatmap");
        assertThatThrownBy(() -> Symbology.parse(json("{\"renderer\":{\"type\":\"simple\",\"symbol\":{\"type\":"
                + "\"esriSFS\",\"color\":[300,0,0]}}}"), "Out", GeometryType.POLYGON))
                .hasMessageContaining("Out").hasMessageContaining("[300,0,0]");
    }

    @Test
    void theDefaultIsServedAsASimpleRenderer() {
        JsonNode info = Symbology.defaultFor(GeometryType.POLYLINE).json();
        assertThat(info.at("/renderer/type").asText()).isEqualTo("simple");
        assertThat(info.at("/renderer/symbol/type").asText()).isEqualTo("esriSLS");
        assertThat(info.at("/renderer/symbol/color").toString()).isEqualTo("[0,92,230,255]");
    }
}
