package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders JSON trees as HTML: objects as key/value tables, arrays of flat objects as tables, feature sets as a
 * summary with an attribute table, and the raw JSON (shortened) in a {@code <pre>}. Bounded in depth and rows so a
 * large result cannot produce a page of unbounded size.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonView {
    static final int MAX_ROWS = 100;
    static final int MAX_DEPTH = 5;
    static final int MAX_RAW_CHARS = 20_000;
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private JsonView() {
    }

    /** Appends {@code v} rendered as HTML. */
    static void value(Html h, JsonNode v, int depth) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            h.raw("<span class=\"muted\">null</span>");
        } else if (v.isValueNode()) {
            h.text(v.asText());
        } else if (depth >= MAX_DEPTH) {
            raw(h, v);
        } else if (isFeatureSet(v)) {
            featureSet(h, v);
        } else if (v.isObject()) {
            object(h, v, depth);
        } else {
            array(h, v, depth);
        }
    }

    /** True for a feature set or record set: an object with a {@code features} array. */
    static boolean isFeatureSet(JsonNode v) {
        return v.isObject() && v.path("features").isArray();
    }

    private static void object(Html h, JsonNode v, int depth) {
        if (v.isEmpty()) {
            h.raw("<span class=\"muted\">{}</span>");
            return;
        }
        h.raw("<table class=\"kv\">");
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            h.raw("<tr><th>").text(e.getKey()).raw("</th><td>");
            value(h, e.getValue(), depth + 1);
            h.raw("</td></tr>");
        }
        h.raw("</table>");
    }

    private static void array(Html h, JsonNode v, int depth) {
        if (v.isEmpty()) {
            h.raw("<span class=\"muted\">[]</span>");
            return;
        }
        List<String> columns = flatColumns(v);
        if (columns != null) {
            table(h, v, columns, null);
            return;
        }
        if (allScalars(v)) {
            StringBuilder joined = new StringBuilder();
            int n = 0;
            for (JsonNode x : v) {
                if (n++ == MAX_ROWS) {
                    joined.append(", … (").append(v.size() - MAX_ROWS).append(" more)");
                    break;
                }
                joined.append(n > 1 ? ", " : "").append(x.isNull() ? "null" : x.asText());
            }
            h.text(joined.toString());
            return;
        }
        h.raw("<ol start=\"0\">");
        int n = 0;
        for (JsonNode x : v) {
            if (n++ == MAX_ROWS) {
                h.raw("<li class=\"muted\">… ").text(Integer.toString(v.size() - MAX_ROWS)).raw(" more</li>");
                break;
            }
            h.raw("<li>");
            value(h, x, depth + 1);
            h.raw("</li>");
        }
        h.raw("</ol>");
    }

    /** The keys of an array whose items are all objects of scalar values, or null when it is not such an array. */
    private static List<String> flatColumns(JsonNode v) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode x : v) {
            if (!x.isObject()) {
                return null;
            }
            for (Map.Entry<String, JsonNode> e : x.properties()) {
                if (e.getValue().isContainerNode()) {
                    return null;
                }
                keys.add(e.getKey());
            }
        }
        return keys.isEmpty() || keys.size() > 30 ? null : new ArrayList<>(keys);
    }

    private static boolean allScalars(JsonNode v) {
        for (JsonNode x : v) {
            if (x.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /** A table of {@code rows} (objects) with the given columns; {@code pick} reads a row's object (null: itself). */
    private static void table(Html h, JsonNode rows, List<String> columns, String pick) {
        h.raw("<table><thead><tr>");
        columns.forEach(c -> h.raw("<th>").text(c).raw("</th>"));
        h.raw("</tr></thead><tbody>");
        int n = 0;
        for (JsonNode r : rows) {
            if (n++ == MAX_ROWS) {
                break;
            }
            JsonNode o = pick == null ? r : r.path(pick);
            h.raw("<tr>");
            for (String c : columns) {
                JsonNode x = o.get(c);
                h.raw("<td>").text(x == null || x.isNull() ? "" : x.asText()).raw("</td>");
            }
            h.raw("</tr>");
        }
        h.raw("</tbody></table>");
        if (rows.size() > MAX_ROWS) {
            h.raw("<p class=\"muted\">First ").text(Integer.toString(MAX_ROWS)).raw(" of ")
                    .text(Integer.toString(rows.size())).raw(" rows shown.</p>");
        }
    }

    /** A feature or record set: geometry type, spatial reference, count, fields, attribute table, raw JSON. */
    static void featureSet(Html h, JsonNode v) {
        JsonNode features = v.path("features");
        h.raw("<table class=\"kv\">");
        if (v.hasNonNull("geometryType")) {
            h.row("Geometry type", v.get("geometryType").asText());
        }
        JsonNode sr = v.path("spatialReference");
        if (sr.isObject()) {
            h.row("Spatial reference", sr.hasNonNull("wkid") ? "WKID " + sr.get("wkid").asText()
                    : sr.hasNonNull("wkt") ? "WKT" : sr.toString());
        }
        h.row("Features", Integer.toString(features.size()));
        List<String> columns = new ArrayList<>();
        JsonNode fields = v.path("fields");
        if (fields.isArray() && !fields.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (JsonNode f : fields) {
                String name = f.path("name").asText();
                columns.add(name);
                names.append(names.length() > 0 ? ", " : "").append(name).append(" (")
                        .append(f.path("type").asText().replace("esriFieldType", "")).append(')');
            }
            h.row("Fields", names.toString());
        }
        h.raw("</table>");
        if (columns.isEmpty()) {
            Set<String> keys = new LinkedHashSet<>();
            features.forEach(f -> f.path("attributes").fieldNames().forEachRemaining(keys::add));
            columns.addAll(keys);
        }
        if (!features.isEmpty() && !columns.isEmpty()) {
            h.raw("<h3>Attributes</h3>");
            table(h, features, columns, "attributes");
        }
        raw(h, v);
    }

    /** The raw JSON of {@code v}, pretty, cut after {@link #MAX_RAW_CHARS} characters, in a collapsed block. */
    static void raw(Html h, JsonNode v) {
        String text;
        try {
            text = PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(v);
        } catch (JsonProcessingException e) {
            text = v.toString();
        }
        if (text.length() > MAX_RAW_CHARS) {
            text = text.substring(0, MAX_RAW_CHARS) + "\n… (" + (text.length() - MAX_RAW_CHARS)
                    + " more characters; see the JSON format)";
        }
        h.raw("<details><summary>JSON</summary><pre>").text(text).raw("</pre></details>");
    }
}
