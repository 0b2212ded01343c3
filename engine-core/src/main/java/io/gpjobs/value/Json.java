package io.gpjobs.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one shared Jackson mapper of the value package and small helpers for reading wire JSON. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_SHOWN = 120;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses JSON text; the message names the text (truncated) when it is not JSON. */
    static JsonNode parse(String what, String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(what + ": expected JSON, got empty text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not valid JSON: " + show(text), e);
        }
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The value as shown in an error message: JSON text (or the raw string), quoted and cut to a readable length. */
    static String show(Object value) {
        String s = value instanceof JsonNode n ? text(n) : String.valueOf(value);
        if (s.length() > MAX_SHOWN) {
            s = s.substring(0, MAX_SHOWN) + "…(" + s.length() + " chars)";
        }
        return value instanceof JsonNode ? s : "'" + s + "'";
    }

    static IllegalArgumentException bad(String type, String problem, Object value) {
        return new IllegalArgumentException(type + ": " + problem + ", got " + show(value));
    }

    private static final java.util.Set<String> GEOJSON_TYPES = java.util.Set.of("FeatureCollection", "Feature",
            "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection");

    /**
     * Refuses a GeoJSON object (a {@code type} member naming a GeoJSON type): read as Esri JSON it would pass as an
     * empty value.
     *
     * @param expected the shape that was expected, said in the error
     */
    static void refuseGeoJson(String type, JsonNode obj, String expected) {
        JsonNode kind = obj.get("type");
        if (kind != null && kind.isTextual() && GEOJSON_TYPES.contains(kind.asText())) {
            throw new IllegalArgumentException(type + ": expected " + expected + ", got a GeoJSON " + kind.asText()
                    + " (GeoJSON is not read; send Esri JSON)");
        }
    }

    /**
     * Refuses an object with a member outside {@code allowed} (after {@link #refuseGeoJson}): for shapes whose
     * members are a closed set, a reader that skipped what it does not know would read another format as empty.
     *
     * @param expected the shape that was expected, said in the error
     */
    static void onlyMembers(String type, JsonNode obj, java.util.Set<String> allowed, String expected) {
        refuseGeoJson(type, obj, expected);
        for (java.util.Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw bad(type, "unexpected member '" + name + "'; expected " + expected, obj);
            }
        }
    }

    static ObjectNode requireObject(String type, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw bad(type, "expected a JSON object", node);
        }
        return (ObjectNode) node;
    }

    /** A present, non-null member, or null. */
    static JsonNode member(JsonNode obj, String name) {
        JsonNode n = obj.get(name);
        return n == null || n.isNull() ? null : n;
    }

    static String optText(String type, JsonNode obj, String name) {
        JsonNode n = member(obj, name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw bad(type, "'" + name + "' must be a string", n);
        }
        return n.asText();
    }

    static String requireText(String type, JsonNode obj, String name) {
        String s = optText(type, obj, name);
        if (s == null || s.isBlank()) {
            throw bad(type, "'" + name + "' is required", obj);
        }
        return s;
    }

    static Boolean optBoolean(String type, JsonNode obj, String name) {
        JsonNode n = member(obj, name);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw bad(type, "'" + name + "' must be true or false", n);
        }
        return n.booleanValue();
    }

    static Integer optInt(String type, JsonNode obj, String name) {
        JsonNode n = member(obj, name);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw bad(type, "'" + name + "' must be an integer", n);
        }
        return n.intValue();
    }

    static double requireNumber(String type, JsonNode obj, String name) {
        JsonNode n = member(obj, name);
        if (n == null) {
            throw bad(type, "'" + name + "' is required", obj);
        }
        return number(type, name, n);
    }

    static double number(String type, String name, JsonNode n) {
        double d;
        if (n.isNumber()) {
            d = n.doubleValue();
        } else if (n.isTextual()) {
            try {
                d = Double.parseDouble(n.asText().strip());
            } catch (NumberFormatException e) {
                throw bad(type, "'" + name + "' must be a number", n);
            }
        } else {
            throw bad(type, "'" + name + "' must be a number", n);
        }
        if (!Double.isFinite(d)) {
            throw bad(type, "'" + name + "' must be a finite number", n);
        }
        return d;
    }

    /** Writes a double as an integer when it is one, so {@code 10} stays {@code 10} rather than {@code 10.0}. */
    static JsonNode number(double d) {
        // -0.0 stays a double so that it reads back as -0.0
        if (d == Math.rint(d) && Math.abs(d) < 1e15 && Double.doubleToRawLongBits(d) != Long.MIN_VALUE) {
            return NODES.numberNode((long) d);
        }
        return NODES.numberNode(d);
    }
}
