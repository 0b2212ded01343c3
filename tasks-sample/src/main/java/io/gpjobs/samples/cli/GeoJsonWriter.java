package io.gpjobs.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an Esri JSON feature set or record set (a job's result) into an RFC 7946 GeoJSON FeatureCollection:
 * coordinates in WGS 84 longitude/latitude ({@link LonLat}), a point as Point, a multipoint as MultiPoint, a
 * polyline as LineString or MultiLineString, a polygon as Polygon or MultiPolygon with outer rings
 * counter-clockwise and each hole, clockwise, in the outer ring that contains it; attributes become properties; a
 * feature without geometry (or a record set's row) gets {@code "geometry": null}.
 *
 * <p>Stateless and thread-safe.
 */
final class GeoJsonWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeoJsonWriter() {
    }

    /**
     * The FeatureCollection of an Esri feature or record set.
     *
     * @param what names the output in messages
     * @throws RefusedException when its spatial reference cannot be converted to longitude/latitude
     */
    static ObjectNode featureCollection(JsonNode esri, String what) {
        JsonNode sr = esri.path("spatialReference");
        LonLat lonLat = LonLat.from(sr);
        if (lonLat == null) {
            throw new RefusedException(what + " is in the spatial reference " + sr + "; GeoJSON holds WGS 84 "
                    + "longitude/latitude (RFC 7946), and the command line converts only from WGS 84, Web Mercator "
                    + "and the WGS 84 UTM zones: write it with --format esrijson or csv, or project it first");
        }
        ObjectNode fc = NODES.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (JsonNode f : esri.path("features")) {
            ObjectNode feature = features.addObject().put("type", "Feature");
            JsonNode g = f.path("geometry");
            feature.set("geometry", g.isObject() ? geometry(g, lonLat) : NODES.nullNode());
            ObjectNode props = feature.putObject("properties");
            f.path("attributes").properties().forEach(e -> props.set(e.getKey(), e.getValue()));
        }
        return fc;
    }

    private static JsonNode geometry(JsonNode g, LonLat lonLat) {
        if (g.has("x")) {
            if (!g.path("x").isNumber() || !g.path("y").isNumber()) {
                return NODES.nullNode(); // an empty point ("x": null or "NaN")
            }
            ArrayNode p = position(g.path("x").asDouble(), g.path("y").asDouble(), g.path("z"), lonLat);
            return NODES.objectNode().put("type", "Point").set("coordinates", p);
        }
        if (g.has("points")) {
            return NODES.objectNode().put("type", "MultiPoint").set("coordinates", positions(g.path("points"), lonLat));
        }
        if (g.has("paths")) {
            ArrayNode lines = NODES.arrayNode();
            g.path("paths").forEach(path -> lines.add(positions(path, lonLat)));
            return lines.size() == 1 ? NODES.objectNode().put("type", "LineString").set("coordinates", lines.get(0))
                    : NODES.objectNode().put("type", "MultiLineString").set("coordinates", lines);
        }
        if (g.has("rings")) {
            List<List<ArrayNode>> polygons = polygons(g.path("rings"), lonLat);
            if (polygons.isEmpty()) {
                return NODES.nullNode();
            }
            ArrayNode coordinates = NODES.arrayNode();
            for (List<ArrayNode> polygon : polygons) {
                coordinates.addArray().addAll(polygon);
            }
            return polygons.size() == 1 ? NODES.objectNode().put("type", "Polygon").set("coordinates",
                    coordinates.get(0)) : NODES.objectNode().put("type", "MultiPolygon").set("coordinates", coordinates);
        }
        return NODES.nullNode();
    }

    /**
     * Groups Esri rings into polygons: a clockwise ring (Esri's outer ring) starts a polygon; a counter-clockwise
     * one is a hole of the outer ring that contains its first vertex (an outer ring itself when none does). Rings
     * come out in GeoJSON's orientation.
     */
    private static List<List<ArrayNode>> polygons(JsonNode esriRings, LonLat lonLat) {
        List<ArrayNode> outers = new ArrayList<>();
        List<ArrayNode> holes = new ArrayList<>();
        for (JsonNode r : esriRings) {
            ArrayNode ring = positions(r, lonLat);
            if (ring.size() < 4) {
                continue; // degenerate
            }
            (GeoJson.signedArea(ring) < 0 ? outers : holes).add(ring);
        }
        List<List<ArrayNode>> polygons = new ArrayList<>();
        for (ArrayNode outer : outers) {
            List<ArrayNode> polygon = new ArrayList<>();
            polygon.add(GeoJson.reversed(outer)); // counter-clockwise
            polygons.add(polygon);
        }
        for (ArrayNode hole : holes) {
            List<ArrayNode> home = null;
            for (int i = 0; i < outers.size() && home == null; i++) {
                if (contains(outers.get(i), hole.get(0).get(0).asDouble(), hole.get(0).get(1).asDouble())) {
                    home = polygons.get(i);
                }
            }
            if (home == null) {
                List<ArrayNode> polygon = new ArrayList<>();
                polygon.add(hole); // already counter-clockwise: an outer ring of its own
                polygons.add(polygon);
            } else {
                home.add(GeoJson.reversed(hole)); // clockwise
            }
        }
        return polygons;
    }

    /** Even-odd ray casting. */
    private static boolean contains(ArrayNode ring, double x, double y) {
        boolean inside = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            double xi = ring.get(i).get(0).asDouble();
            double yi = ring.get(i).get(1).asDouble();
            double xj = ring.get(j).get(0).asDouble();
            double yj = ring.get(j).get(1).asDouble();
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static ArrayNode positions(JsonNode vertices, LonLat lonLat) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode v : vertices) {
            out.add(position(v.get(0).asDouble(), v.get(1).asDouble(), v.size() > 2 ? v.get(2) : null, lonLat));
        }
        return out;
    }

    private static ArrayNode position(double x, double y, JsonNode z, LonLat lonLat) {
        double[] ll = lonLat.convert(x, y);
        ArrayNode p = NODES.arrayNode().add(round(ll[0])).add(round(ll[1]));
        if (z != null && z.isNumber()) {
            p.add(z.asDouble());
        }
        return p;
    }

    /** Nine decimals of a degree (about 0.1 mm): converted coordinates need no more. */
    private static double round(double degrees) {
        return Math.round(degrees * 1e9) / 1e9;
    }
}
