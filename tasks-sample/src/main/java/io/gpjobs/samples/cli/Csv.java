package io.gpjobs.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An Esri JSON feature or record set as CSV (RFC 4180): a header of the field names, one row per feature; points
 * get {@code x} and {@code y} columns in the set's own coordinates (what {@code CsvToPoints} reads back). Other
 * geometries have no CSV form. Stateless.
 */
final class Csv {
    private Csv() {
    }

    /**
     * The CSV text of {@code set}.
     *
     * @param what names the output in messages
     * @throws RefusedException when the set holds geometries other than points
     */
    static String of(JsonNode set, String what) {
        String geometryType = set.path("geometryType").asText("");
        boolean hasGeometry = false;
        for (JsonNode f : set.path("features")) {
            hasGeometry |= f.path("geometry").isObject();
        }
        boolean points = geometryType.equals("esriGeometryPoint");
        if (hasGeometry && !points) {
            throw new RefusedException(what + " holds " + geometryType.replace("esriGeometry", "").toLowerCase()
                    + " geometries, which CSV cannot hold; write it with --format geojson or esrijson");
        }
        List<String> names = new ArrayList<>();
        set.path("fields").forEach(f -> names.add(f.path("name").asText()));
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(names);
        if (points) {
            header.add(names.contains("x") ? "x_coord" : "x");
            header.add(names.contains("y") ? "y_coord" : "y");
        }
        row(sb, header);
        for (JsonNode f : set.path("features")) {
            List<String> cells = new ArrayList<>();
            for (String n : names) {
                JsonNode v = f.path("attributes").path(n);
                cells.add(v.isMissingNode() || v.isNull() ? "" : v.asText());
            }
            if (points) {
                JsonNode g = f.path("geometry");
                cells.add(g.path("x").isNumber() ? g.path("x").asText() : "");
                cells.add(g.path("y").isNumber() ? g.path("y").asText() : "");
            }
            row(sb, cells);
        }
        return sb.toString().stripTrailing();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                c = "\"" + c.replace("\"", "\"\"") + "\"";
            }
            sb.append(i == 0 ? "" : ",").append(c);
        }
        sb.append("\n");
    }
}
