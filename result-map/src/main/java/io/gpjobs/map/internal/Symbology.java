package io.gpjobs.map.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.value.GeometryType;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A layer's symbology: an Esri renderer (simple, unique value or class breaks) read from drawing info, or the
 * default for its geometry type, and the labels of its {@code labelingInfo} ({@link Labeling}). Immutable and
 * thread-safe.
 */
public final class Symbology {

    /**
     * One symbol.
     *
     * @param kind    {@code esriSMS}, {@code esriSLS} or {@code esriSFS}
     * @param color   the marker, line or fill colour (alpha included), or null for none
     * @param outline the outline colour of a marker or fill, or null for none
     * @param width   the line or outline width in pixels
     * @param size    the marker size in pixels
     */
    public record Symbol(String kind, Color color, Color outline, float width, int size) {
    }

    /** A legend entry: a label and its symbol; a raster class has a fill symbol. */
    public record Entry(String label, Symbol symbol) {
    }

    private record Class(double min, double max, String value, Entry entry) {
    }

    private final JsonNode json;
    private final String type;
    private final String field;
    private final Symbol defaultSymbol;
    private final List<Class> classes;
    private final Labeling labeling;

    private Symbology(JsonNode json, String type, String field, Symbol defaultSymbol, List<Class> classes,
                      Labeling labeling) {
        this.json = json;
        this.type = type;
        this.field = field;
        this.defaultSymbol = defaultSymbol;
        this.classes = List.copyOf(classes);
        this.labeling = labeling;
    }

    /** The default symbology of a layer of {@code geometryType} (null for a raster): the fixed map symbols. */
    public static Symbology defaultFor(GeometryType geometryType) {
        Symbol s = geometryType == null ? null : defaultSymbol(geometryType);
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        if (s != null) {
            ObjectNode r = info.putObject("renderer").put("type", "simple");
            r.set("symbol", symbolJson(s));
            r.put("label", "");
            r.put("description", "");
        }
        info.put("transparency", 0);
        return new Symbology(info, "simple", null, s, List.of(), Labeling.NONE);
    }

    private static Symbol defaultSymbol(GeometryType t) {
        return switch (t) {
            case POLYLINE -> new Symbol("esriSLS", MapRenderer.LINE, null, 3f, 0);
            case POLYGON, ENVELOPE -> new Symbol("esriSFS", MapRenderer.FILL, MapRenderer.OUTLINE, 1f, 0);
            default -> new Symbol("esriSMS", MapRenderer.POINT, null, 0f, MapRenderer.POINT_SIZE);
        };
    }

    /**
     * Reads drawing info.
     *
     * @param info      {@code {"renderer":{…},"transparency":n,"labelingInfo":[…]}}; without a renderer, labels over
     *                  the geometry type's default symbology
     * @param parameter the output parameter, named in errors
     * @param geometryType the layer's geometry type, or null for a raster
     * @throws IllegalArgumentException naming the parameter when the renderer or a symbol is not understood
     */
    public static Symbology parse(JsonNode info, String parameter, GeometryType geometryType) {
        Objects.requireNonNull(info, "info");
        String where = "drawing info of output '" + parameter + "'";
        Labeling labels = Labeling.parse(info.get("labelingInfo"), where, geometryType);
        if (!info.has("renderer") && info.has("labelingInfo")) {
            Symbology plain = defaultFor(geometryType);
            ObjectNode served = (ObjectNode) plain.json;
            served.set("labelingInfo", info.get("labelingInfo").deepCopy());
            return new Symbology(served, plain.type, null, plain.defaultSymbol, List.of(), labels);
        }
        JsonNode r = info.path("renderer");
        if (!r.isObject()) {
            throw new IllegalArgumentException(where + ": expected {\"renderer\":{…}}, got " + info);
        }
        double transparency = info.path("transparency").asDouble(0);
        if (transparency < 0 || transparency > 100) {
            throw new IllegalArgumentException(where + ": transparency must be 0..100, got " + transparency);
        }
        double opacity = 1 - transparency / 100;
        String type = r.path("type").asText("");
        Symbol fallback = r.hasNonNull("defaultSymbol") ? symbol(r.get("defaultSymbol"), where, opacity)
                : geometryType == null ? null : defaultSymbol(geometryType);
        List<Class> classes = new ArrayList<>();
        String field = r.path("field1").asText(r.path("field").asText(null));
        switch (type) {
            case "simple" -> {
                Symbol s = symbol(r.path("symbol"), where, opacity);
                classes.add(new Class(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null,
                        new Entry(r.path("label").asText(""), s)));
                field = null;
            }
            case "uniqueValue" -> {
                requireField(field, where, type);
                for (JsonNode u : array(r, "uniqueValueInfos", where)) {
                    classes.add(new Class(Double.NaN, Double.NaN, u.path("value").asText(),
                            new Entry(u.path("label").asText(u.path("value").asText()),
                                    symbol(u.path("symbol"), where, opacity))));
                }
            }
            case "classBreaks" -> {
                double min = r.path("minValue").asDouble(Double.NEGATIVE_INFINITY);
                for (JsonNode b : array(r, "classBreakInfos", where)) {
                    double lower = b.has("classMinValue") ? b.get("classMinValue").asDouble() : min;
                    if (!b.path("classMaxValue").isNumber()) {
                        throw new IllegalArgumentException(where + ": each class break needs a numeric "
                                + "classMaxValue, got " + b);
                    }
                    double upper = b.get("classMaxValue").asDouble();
                    classes.add(new Class(lower, upper, null, new Entry(b.path("label").asText(
                            lower + " - " + upper), symbol(b.path("symbol"), where, opacity))));
                    min = upper;
                }
            }
            default -> throw new IllegalArgumentException(where + ": renderer type must be simple, uniqueValue or "
                    + "classBreaks, got '" + type + "'");
        }
        return new Symbology(info.deepCopy(), type, field, fallback, classes, labels);
    }

    private static void requireField(String field, String where, String type) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException(where + ": a " + type + " renderer needs field1");
        }
    }

    private static Iterable<JsonNode> array(JsonNode r, String name, String where) {
        JsonNode a = r.path(name);
        if (!a.isArray() || a.isEmpty()) {
            throw new IllegalArgumentException(where + ": '" + name + "' must be a non-empty array, got " + a);
        }
        return a;
    }

    private static Symbol symbol(JsonNode s, String where, double opacity) {
        String kind = s.path("type").asText("");
        return switch (kind) {
            case "esriSMS" -> new Symbol(kind, color(s.path("color"), where, opacity),
                    s.path("outline").isObject() ? color(s.path("outline").path("color"), where, opacity) : null,
                    (float) s.path("outline").path("width").asDouble(0), Math.max(1, s.path("size").asInt(8)));
            case "esriSLS" -> new Symbol(kind, color(s.path("color"), where, opacity), null,
                    (float) Math.max(0.5, s.path("width").asDouble(1)), 0);
            case "esriSFS" -> new Symbol(kind, color(s.path("color"), where, opacity),
                    s.path("outline").isObject() ? color(s.path("outline").path("color"), where, opacity) : null,
                    (float) s.path("outline").path("width").asDouble(1), 0);
            default -> throw new IllegalArgumentException(where + ": symbol type must be esriSMS, esriSLS or esriSFS, "
                    + "got " + s);
        };
    }

    static Color color(JsonNode c, String where, double opacity) {
        if (c.isNull() || c.isMissingNode()) {
            return null;
        }
        if (!c.isArray() || (c.size() != 3 && c.size() != 4)) {
            throw new IllegalArgumentException(where + ": a colour is [r,g,b,a] with values 0..255, got " + c);
        }
        int[] v = new int[4];
        v[3] = 255;
        for (int i = 0; i < c.size(); i++) {
            v[i] = c.get(i).asInt(-1);
            if (!c.get(i).isNumber() || v[i] < 0 || v[i] > 255) {
                throw new IllegalArgumentException(where + ": a colour is [r,g,b,a] with values 0..255, got " + c);
            }
        }
        return new Color(v[0], v[1], v[2], (int) Math.round(v[3] * opacity));
    }

    /** The symbol of a feature with these attributes, or null to leave it undrawn. */
    public Symbol symbolFor(Map<String, Object> attributes) {
        if ("simple".equals(type)) {
            return classes.isEmpty() ? defaultSymbol : classes.get(0).entry().symbol();
        }
        Object v = field == null ? null : attributes.get(field);
        Symbol s = "uniqueValue".equals(type) ? unique(v) : v instanceof Number n ? classed(n.doubleValue()) : null;
        return s != null ? s : defaultSymbol;
    }

    private Symbol unique(Object v) {
        String text = v == null ? null : v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue())
                : v.toString();
        for (Class c : classes) {
            if (c.value().equals(text)) {
                return c.entry().symbol();
            }
        }
        return null;
    }

    private Symbol classed(double v) {
        for (int i = 0; i < classes.size(); i++) {
            Class c = classes.get(i);
            // the first class includes its minimum, the others start just above the previous maximum
            if ((i == 0 ? v >= c.min() : v > c.min()) && v <= c.max()) {
                return c.entry().symbol();
            }
        }
        return null;
    }

    /** The ARGB colour of a raster cell value by a class-breaks renderer, or null when this does not class cells. */
    public Integer cellColor(double v) {
        if (!"classBreaks".equals(type)) {
            return null;
        }
        Symbol s = classed(v);
        s = s != null ? s : defaultSymbol;
        return s == null || s.color() == null ? 0 : s.color().getRGB();
    }

    /** Whether this is a renderer read from drawing info that classes raster cells. */
    public boolean classesCells() {
        return "classBreaks".equals(type);
    }

    /** The legend entries: one per class or value, the default symbol last when it is labelled. */
    public List<Entry> legend() {
        List<Entry> out = new ArrayList<>();
        classes.forEach(c -> out.add(c.entry()));
        return out;
    }

    /** The labels the author defined ({@link Labeling#NONE} when none). */
    Labeling labeling() {
        return labeling;
    }

    /** The drawing info JSON ({@code drawingInfo} of the layer resource, {@code labelingInfo} included); a copy. */
    public JsonNode json() {
        return json.deepCopy();
    }

    private static ObjectNode symbolJson(Symbol s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", s.kind());
        o.set("color", colorJson(s.color()));
        if (s.kind().equals("esriSMS")) {
            o.put("style", "esriSMSCircle").put("size", s.size());
        } else if (s.kind().equals("esriSLS")) {
            o.put("style", "esriSLSSolid").put("width", s.width());
        } else {
            o.put("style", "esriSFSSolid");
            ObjectNode outline = o.putObject("outline").put("type", "esriSLS").put("style", "esriSLSSolid");
            outline.set("color", colorJson(s.outline()));
            outline.put("width", s.width());
        }
        return o;
    }

    private static ArrayNode colorJson(Color c) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(c.getRed()).add(c.getGreen()).add(c.getBlue()).add(c.getAlpha());
        return a;
    }
}
