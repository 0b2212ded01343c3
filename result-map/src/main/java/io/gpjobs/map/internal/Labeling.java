package io.gpjobs.map.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.value.GeometryType;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The labels an author defines in a layer's drawing info: Esri's {@code labelingInfo}, an array of label classes
 * {@code {"labelExpression":"[FIELD]","labelPlacement":…,"symbol":{"type":"esriTS",…},"where":…,"minScale":…,
 * "maxScale":…}}. A label expression joins field references {@code [FIELD]} and double-quoted text with {@code &}
 * or {@code +} (as {@code "n = " & [COUNT]}); the text symbol gives {@code color}, {@code font}
 * ({@code family}, {@code size} in points, {@code weight} {@code bold}, {@code style} {@code italic}),
 * {@code haloColor}, {@code haloSize} (points), {@code xoffset}, {@code yoffset}. Points take the nine
 * {@code esriServerPointLabelPlacement…} placements (default above right), polygons
 * {@code esriServerPolygonPlacementAlwaysHorizontal} (inside, at the widest part), lines any
 * {@code esriServerLinePlacement…} (horizontal, at the line's middle; above, centred on or below it). Immutable
 * and thread-safe.
 */
final class Labeling {

    /** Points per pixel at the 96 dpi of an export. */
    static final double PX_PER_PT = 96.0 / 72.0;

    /** An empty labeling: nothing is labelled. */
    static final Labeling NONE = new Labeling(List.of());

    /**
     * One label class.
     *
     * @param expression the parts of the label: field names (in {@code fields}) or literal text
     * @param fields     for each part, whether it names a field
     * @param placement  the Esri placement name
     * @param color      the text colour
     * @param halo       the halo colour, or null for none
     * @param haloPx     the halo width in pixels
     * @param font       the font, sized in pixels
     * @param dx         the x offset in pixels
     * @param dy         the y offset in pixels (positive up)
     * @param where      a where clause on the layer's fields choosing the features labelled, or null for all
     * @param minScale   labels hide when the map is zoomed out past 1 : minScale (0 for no limit)
     * @param maxScale   labels hide when the map is zoomed in past 1 : maxScale (0 for no limit)
     */
    record LabelClass(List<String> expression, List<Boolean> fields, String placement, Color color, Color halo,
                      float haloPx, Font font, double dx, double dy, String where, double minScale,
                      double maxScale) {

        /** The label text of a feature; empty when every field it names is null or missing. */
        String text(Map<String, Object> attributes) {
            StringBuilder b = new StringBuilder();
            boolean any = false;
            for (int i = 0; i < expression.size(); i++) {
                if (!fields.get(i)) {
                    b.append(expression.get(i));
                    continue;
                }
                Object v = attribute(attributes, expression.get(i));
                if (v != null) {
                    any = true;
                    b.append(v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                            ? Long.toString(d.longValue()) : v.toString());
                }
            }
            return any ? b.toString().strip() : "";
        }

        /** Whether this class labels at a map scale of 1 : {@code scale} (NaN when unknown: always). */
        boolean visibleAt(double scale) {
            return Double.isNaN(scale) || ((minScale == 0 || scale <= minScale) && (maxScale == 0 || scale >= maxScale));
        }

        boolean scaleDependent() {
            return minScale != 0 || maxScale != 0;
        }
    }

    private final List<LabelClass> classes;

    private Labeling(List<LabelClass> classes) {
        this.classes = List.copyOf(classes);
    }

    /** The label classes, in drawing order. */
    List<LabelClass> classes() {
        return classes;
    }

    /** Whether any label is defined. */
    boolean isEmpty() {
        return classes.isEmpty();
    }

    /**
     * Reads {@code labelingInfo}.
     *
     * @param info         the array, or a missing or null node for none
     * @param where        the drawing info's name in errors
     * @param geometryType the layer's geometry type (null: not yet known, any placement is accepted)
     * @throws IllegalArgumentException naming the drawing info and the member when something is not understood
     */
    static Labeling parse(JsonNode info, String where, GeometryType geometryType) {
        if (info == null || info.isNull() || info.isMissingNode()) {
            return NONE;
        }
        if (!info.isArray()) {
            throw new IllegalArgumentException(where + ": labelingInfo must be an array of label classes, got "
                    + info);
        }
        List<LabelClass> out = new ArrayList<>();
        for (JsonNode c : info) {
            String w = where + ": label class " + c;
            if (c.has("labelExpressionInfo") && !c.has("labelExpression")) {
                throw new IllegalArgumentException(w + ": labelExpressionInfo (Arcade) is not supported; give a "
                        + "labelExpression such as \"[FIELD]\"");
            }
            List<String> parts = new ArrayList<>();
            List<Boolean> isField = new ArrayList<>();
            expression(c.path("labelExpression").asText(""), w, parts, isField);
            String placement = placement(c.path("labelPlacement").asText(""), w, geometryType);
            JsonNode s = c.path("symbol");
            if (!s.path("type").asText("").equals("esriTS")) {
                throw new IllegalArgumentException(w + ": symbol must be a text symbol {\"type\":\"esriTS\",…}");
            }
            JsonNode f = s.path("font");
            double pt = f.path("size").asDouble(10);
            if (!(pt > 0 && pt <= 72)) {
                throw new IllegalArgumentException(w + ": font size must be 0..72 points, got " + f.path("size"));
            }
            int style = (f.path("weight").asText("").equalsIgnoreCase("bold") ? Font.BOLD : Font.PLAIN)
                    | (f.path("style").asText("").equalsIgnoreCase("italic") ? Font.ITALIC : Font.PLAIN);
            Font font = new Font(f.path("family").asText(Font.SANS_SERIF), style, 1)
                    .deriveFont((float) (pt * PX_PER_PT));
            Color color = Symbology.color(s.path("color"), w, 1);
            Color halo = Symbology.color(s.path("haloColor"), w, 1);
            double haloPt = s.path("haloSize").asDouble(halo == null ? 0 : 1);
            double minScale = c.path("minScale").asDouble(0);
            double maxScale = c.path("maxScale").asDouble(0);
            if (minScale < 0 || maxScale < 0) {
                throw new IllegalArgumentException(w + ": minScale and maxScale must be >= 0");
            }
            String filter = c.path("where").asText("").isBlank() ? null : c.get("where").asText();
            out.add(new LabelClass(parts, isField, placement, color == null ? Color.BLACK : color, halo,
                    (float) (haloPt * PX_PER_PT), font, s.path("xoffset").asDouble(0) * PX_PER_PT,
                    s.path("yoffset").asDouble(0) * PX_PER_PT, filter, minScale, maxScale));
        }
        return new Labeling(out);
    }

    /** Splits {@code [A] & " text " + [B]} into its parts. */
    private static void expression(String e, String where, List<String> parts, List<Boolean> isField) {
        int i = 0;
        boolean expectPart = true;
        while (i < e.length()) {
            char ch = e.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (expectPart && ch == '[') {
                int end = e.indexOf(']', i);
                if (end < 0 || end == i + 1) {
                    throw new IllegalArgumentException(where + ": labelExpression '" + e + "' has an unclosed or "
                            + "empty [field] at " + i);
                }
                parts.add(e.substring(i + 1, end).strip());
                isField.add(true);
                i = end + 1;
                expectPart = false;
            } else if (expectPart && ch == '"') {
                StringBuilder lit = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= e.length()) {
                        throw new IllegalArgumentException(where + ": labelExpression '" + e + "' has an unclosed "
                                + "string at " + i);
                    }
                    if (e.charAt(j) == '"' && j + 1 < e.length() && e.charAt(j + 1) == '"') {
                        lit.append('"'); // "" is a quote inside a string
                        j += 2;
                    } else if (e.charAt(j) == '"') {
                        break;
                    } else {
                        lit.append(e.charAt(j++));
                    }
                }
                parts.add(lit.toString());
                isField.add(false);
                i = j + 1;
                expectPart = false;
            } else if (!expectPart && (ch == '&' || ch == '+')) {
                i++;
                expectPart = true;
            } else {
                throw new IllegalArgumentException(where + ": labelExpression '" + e + "' is not [FIELD] and "
                        + "\"text\" joined by & or +: unexpected '" + ch + "' at " + i);
            }
        }
        if (parts.isEmpty() || expectPart) {
            throw new IllegalArgumentException(where + ": labelExpression '" + e + "' must name a [FIELD] or text");
        }
    }

    private static String placement(String p, String where, GeometryType type) {
        String point = "esriServerPointLabelPlacement";
        String line = "esriServerLinePlacement";
        String polygon = "esriServerPolygonPlacementAlwaysHorizontal";
        boolean isPoint = p.matches(point + "(Above|Below|Center)(Left|Center|Right)");
        boolean isLine = p.matches(line + "(Above|Below|Center)(After|Along|Before|End|Start)");
        if (p.isEmpty()) {
            return type == GeometryType.POLYGON || type == GeometryType.ENVELOPE ? polygon
                    : type == GeometryType.POLYLINE ? line + "AboveAlong" : point + "AboveRight";
        }
        boolean fits = type == null ? isPoint || isLine || p.equals(polygon)
                : switch (type) {
                    case POLYGON, ENVELOPE -> p.equals(polygon);
                    case POLYLINE -> isLine;
                    default -> isPoint;
                };
        if (!fits) {
            throw new IllegalArgumentException(where + ": labelPlacement '" + p + "' is not a placement for "
                    + (type == null ? "any geometry" : type.wireName().toLowerCase(Locale.ROOT)) + "; expected "
                    + (type == GeometryType.POLYGON || type == GeometryType.ENVELOPE ? polygon
                    : type == GeometryType.POLYLINE ? line + "(Above|Below|Center)(After|Along|Before|End|Start)"
                    : point + "(Above|Below|Center)(Left|Center|Right)"));
        }
        return p;
    }

    /** An attribute by field name, the exact name first, else ignoring case as Esri field names do. */
    static Object attribute(Map<String, Object> attributes, String field) {
        Object v = attributes.get(field);
        if (v != null || attributes.containsKey(field)) {
            return v;
        }
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue();
            }
        }
        return null;
    }
}
