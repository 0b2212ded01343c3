package io.gpjobs.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A structural GeoJSON validator after RFC 7946, independent of the code under test: it returns every violation
 * it finds (empty when the document is valid). Checked: the object types and their required members (§3), no
 * {@code crs} member (§4: WGS 84 only), positions of two or three numbers with longitude and latitude in range
 * (§3.1.1, §4), at least two positions in a LineString, linear rings closed with at least four positions
 * (§3.1.6), and the right-hand rule for polygon rings (§3.1.6: exterior counter-clockwise, holes clockwise),
 * which this project's writer promises.
 */
final class GeoJsonChecker {
    private static final Set<String> GEOMETRIES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");

    private final List<String> problems = new ArrayList<>();

    private GeoJsonChecker() {
    }

    /** The RFC 7946 violations of {@code doc}. */
    static List<String> problems(JsonNode doc) {
        GeoJsonChecker c = new GeoJsonChecker();
        c.object(doc, "$");
        return c.problems;
    }

    private void object(JsonNode o, String at) {
        if (!o.isObject()) {
            problems.add(at + ": not an object");
            return;
        }
        if (o.has("crs")) {
            problems.add(at + ": has a 'crs' member (RFC 7946 §4 removed it)");
        }
        String type = o.path("type").asText(null);
        if (type == null) {
            problems.add(at + ": no 'type'");
        } else if (type.equals("FeatureCollection")) {
            if (!o.path("features").isArray()) {
                problems.add(at + ": a FeatureCollection needs a 'features' array");
            }
            for (int i = 0; i < o.path("features").size(); i++) {
                JsonNode f = o.path("features").get(i);
                if (!"Feature".equals(f.path("type").asText())) {
                    problems.add(at + ".features[" + i + "]: not a Feature");
                }
                object(f, at + ".features[" + i + "]");
            }
        } else if (type.equals("Feature")) {
            if (!o.has("geometry")) {
                problems.add(at + ": a Feature needs a 'geometry' member");
            } else if (!o.get("geometry").isNull()) {
                geometry(o.get("geometry"), at + ".geometry");
            }
            if (!o.has("properties") || !(o.get("properties").isObject() || o.get("properties").isNull())) {
                problems.add(at + ": a Feature needs a 'properties' object or null");
            }
        } else if (GEOMETRIES.contains(type)) {
            geometry(o, at);
        } else {
            problems.add(at + ": unknown type '" + type + "'");
        }
    }

    private void geometry(JsonNode g, String at) {
        String type = g.path("type").asText("");
        if (!GEOMETRIES.contains(type)) {
            problems.add(at + ": unknown geometry type '" + type + "'");
            return;
        }
        if (type.equals("GeometryCollection")) {
            g.path("geometries").forEach(m -> geometry(m, at + ".geometries[]"));
            return;
        }
        JsonNode c = g.path("coordinates");
        if (!c.isArray()) {
            problems.add(at + ": no 'coordinates' array");
            return;
        }
        switch (type) {
            case "Point" -> position(c, at);
            case "MultiPoint" -> c.forEach(p -> position(p, at));
            case "LineString" -> line(c, at);
            case "MultiLineString" -> c.forEach(l -> line(l, at));
            case "Polygon" -> polygon(c, at);
            default -> c.forEach(p -> polygon(p, at));
        }
    }

    private void line(JsonNode l, String at) {
        if (!l.isArray() || l.size() < 2) {
            problems.add(at + ": a LineString needs two or more positions");
            return;
        }
        l.forEach(p -> position(p, at));
    }

    private void polygon(JsonNode rings, String at) {
        if (!rings.isArray() || rings.isEmpty()) {
            problems.add(at + ": a Polygon needs one or more rings");
            return;
        }
        for (int r = 0; r < rings.size(); r++) {
            JsonNode ring = rings.get(r);
            if (!ring.isArray() || ring.size() < 4) {
                problems.add(at + ": ring " + r + " has fewer than four positions");
                continue;
            }
            ring.forEach(p -> position(p, at));
            if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                problems.add(at + ": ring " + r + " is not closed");
            }
            double area = 0;
            for (int i = 0; i + 1 < ring.size(); i++) {
                area += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
                        - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
            }
            if (r == 0 && area <= 0) {
                problems.add(at + ": exterior ring is not counter-clockwise");
            } else if (r > 0 && area >= 0) {
                problems.add(at + ": hole " + r + " is not clockwise");
            }
        }
    }

    private void position(JsonNode p, String at) {
        if (!p.isArray() || p.size() < 2 || p.size() > 3) {
            problems.add(at + ": a position needs two or three numbers, got " + p);
            return;
        }
        for (JsonNode n : p) {
            if (!n.isNumber()) {
                problems.add(at + ": a position holds a non-number " + n);
                return;
            }
        }
        if (Math.abs(p.get(0).asDouble()) > 180 || Math.abs(p.get(1).asDouble()) > 90) {
            problems.add(at + ": " + p + " is not a longitude/latitude");
        }
    }
}
