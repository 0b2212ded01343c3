package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes the small object types: linear and areal units, data files and rasters. */
final class SimpleCodec {
    private SimpleCodec() {
    }

    static GPLinearUnit readLinearUnit(JsonNode n) {
        if (n.isTextual()) {
            return linearLiteral(n.asText());
        }
        Json.requireObject("GPLinearUnit", n);
        double d = Json.requireNumber("GPLinearUnit", n, "distance");
        String units = Json.optText("GPLinearUnit", n, "units");
        return new GPLinearUnit(d, units == null ? LinearUnit.METERS : linearUnit(units));
    }

    private static LinearUnit linearUnit(String name) {
        try {
            return LinearUnit.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GPLinearUnit: " + e.getMessage(), e);
        }
    }

    /** JSON object text, or {@code "<distance> <unit>"} such as {@code 5 Miles}. */
    static GPLinearUnit linearLiteral(String s) {
        String t = s.strip();
        if (t.startsWith("{")) {
            return readLinearUnit(Json.parse("GPLinearUnit", t));
        }
        String[] parts = t.split("\\s+", 2);
        double d = ScalarCodec.doubleLiteralFor("GPLinearUnit", parts[0], s);
        return new GPLinearUnit(d, parts.length == 1 ? LinearUnit.METERS : linearUnit(parts[1]));
    }

    static ObjectNode writeLinearUnit(GPLinearUnit v) {
        ObjectNode o = Json.object();
        o.set("distance", Json.number(v.distance()));
        return o.put("units", v.units().wireName());
    }

    static GPArealUnit readArealUnit(JsonNode n) {
        if (n.isTextual()) {
            return arealLiteral(n.asText());
        }
        Json.requireObject("GPArealUnit", n);
        double a = Json.requireNumber("GPArealUnit", n, "area");
        String units = Json.optText("GPArealUnit", n, "units");
        return new GPArealUnit(a, units == null ? ArealUnit.SQUARE_METERS : arealUnit(units));
    }

    private static ArealUnit arealUnit(String name) {
        try {
            return ArealUnit.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GPArealUnit: " + e.getMessage(), e);
        }
    }

    /** JSON object text, or {@code "<area> <unit>"} such as {@code 3 SquareKilometers}. */
    static GPArealUnit arealLiteral(String s) {
        String t = s.strip();
        if (t.startsWith("{")) {
            return readArealUnit(Json.parse("GPArealUnit", t));
        }
        String[] parts = t.split("\\s+", 2);
        double a = ScalarCodec.doubleLiteralFor("GPArealUnit", parts[0], s);
        return new GPArealUnit(a, parts.length == 1 ? ArealUnit.SQUARE_METERS : arealUnit(parts[1]));
    }

    static ObjectNode writeArealUnit(GPArealUnit v) {
        ObjectNode o = Json.object();
        o.set("area", Json.number(v.area()));
        return o.put("units", v.units().wireName());
    }

    static GPDataFile readDataFile(JsonNode n) {
        if (n.isTextual() && isUrl(n.asText())) {
            return GPDataFile.ofUrl(n.asText().strip());
        }
        Json.requireObject("GPDataFile", n);
        String url = Json.optText("GPDataFile", n, "url");
        String item = Json.optText("GPDataFile", n, "itemID");
        String portal = Json.optText("GPDataFile", n, "portalItemID");
        if (GPDataFile.count(url) + GPDataFile.count(item) + GPDataFile.count(portal) != 1) {
            throw Json.bad("GPDataFile", "expected exactly one of url, itemID, portalItemID", n);
        }
        return new GPDataFile(url, item, portal);
    }

    static ObjectNode writeDataFile(GPDataFile v) {
        ObjectNode o = Json.object();
        putIf(o, "url", v.url());
        putIf(o, "itemID", v.itemID());
        putIf(o, "portalItemID", v.portalItemID());
        return o;
    }

    static GPRasterDataLayer readRaster(JsonNode n) {
        if (n.isTextual() && isUrl(n.asText())) {
            return GPRasterDataLayer.ofUrl(n.asText().strip(), null);
        }
        Json.requireObject("GPRasterDataLayer", n);
        String url = Json.optText("GPRasterDataLayer", n, "url");
        String item = Json.optText("GPRasterDataLayer", n, "itemID");
        if (GPDataFile.count(url) + GPDataFile.count(item) != 1) {
            throw Json.bad("GPRasterDataLayer", "expected exactly one of url, itemID", n);
        }
        return new GPRasterDataLayer(url, item, Json.optText("GPRasterDataLayer", n, "format"),
                Json.optText("GPRasterDataLayer", n, "type"));
    }

    static ObjectNode writeRaster(GPRasterDataLayer v) {
        ObjectNode o = Json.object();
        putIf(o, "url", v.url());
        putIf(o, "itemID", v.itemID());
        putIf(o, "format", v.format());
        putIf(o, "type", v.type());
        return o;
    }

    static boolean isUrl(String s) {
        String t = s.strip();
        return t.startsWith("http://") || t.startsWith("https://");
    }

    static void putIf(ObjectNode o, String name, String v) {
        if (v != null) {
            o.put(name, v);
        }
    }
}
