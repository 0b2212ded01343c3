package io.gpjobs.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The drawing info the sample tasks define for their result maps, as Esri renderer JSON. */
final class SampleSymbology {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SampleSymbology() {
    }

    /** Buffers: a semi-transparent blue fill with an opaque outline, so overlapping buffers show darker. */
    static final JsonNode BUFFERS = parse("""
            {"renderer":{"type":"simple","label":"Buffer","symbol":{"type":"esriSFS","style":"esriSFSSolid",
              "color":[0,112,255,90],"outline":{"type":"esriSLS","style":"esriSLSSolid","color":[0,77,168,255],
              "width":1}}},"transparency":0}""");

    /** Polygons shaded by their point count, light to dark, each labelled with its count. */
    static JsonNode countsByClass(String countField) {
        String breaks = """
                {"renderer":{"type":"classBreaks","field":"%s","minValue":0,"classBreakInfos":[
                  {"classMaxValue":0,"label":"0","symbol":%s},
                  {"classMaxValue":3,"label":"1 - 3","symbol":%s},
                  {"classMaxValue":6,"label":"4 - 6","symbol":%s},
                  {"classMaxValue":9,"label":"7 - 9","symbol":%s},
                  {"classMaxValue":1e12,"label":"10 or more","symbol":%s}]},"transparency":0,
                 "labelingInfo":[{"labelExpression":"[%s]","labelPlacement":"esriServerPolygonPlacementAlwaysHorizontal",
                  "useCodedValues":false,"minScale":0,"maxScale":0,"symbol":{"type":"esriTS","color":[0,0,0,255],
                  "haloColor":[255,255,255,255],"haloSize":1.5,"horizontalAlignment":"center",
                  "font":{"family":"SansSerif","size":10,"weight":"bold"}}}]}"""
                .formatted(countField, fill(247, 247, 247), fill(204, 236, 230), fill(102, 194, 164),
                        fill(35, 139, 69), fill(0, 68, 27), countField);
        return parse(breaks);
    }

    /** Density cells by class breaks (per square kilometre at the default area unit); the lowest class clear. */
    static final JsonNode DENSITY = parse("""
            {"renderer":{"type":"classBreaks","field":"Value","minValue":0,"classBreakInfos":[
              {"classMaxValue":0.5,"label":"0 - 0.5","symbol":{"type":"esriSFS","color":[255,255,255,0]}},
              {"classMaxValue":2,"label":"0.5 - 2","symbol":{"type":"esriSFS","color":[255,255,178,255]}},
              {"classMaxValue":5,"label":"2 - 5","symbol":{"type":"esriSFS","color":[254,204,92,255]}},
              {"classMaxValue":10,"label":"5 - 10","symbol":{"type":"esriSFS","color":[253,141,60,255]}},
              {"classMaxValue":20,"label":"10 - 20","symbol":{"type":"esriSFS","color":[240,59,32,255]}},
              {"classMaxValue":1e12,"label":"more than 20","symbol":{"type":"esriSFS","color":[189,0,38,255]}}]},
             "transparency":0}""");

    private static String fill(int r, int g, int b) {
        return "{\"type\":\"esriSFS\",\"style\":\"esriSFSSolid\",\"color\":[" + r + "," + g + "," + b + ",255],"
                + "\"outline\":{\"type\":\"esriSLS\",\"color\":[110,110,110,255],\"width\":1}}";
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
