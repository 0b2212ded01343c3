package io.gpjobs.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GeoJSON (RFC 7946) at the command line's edge: a GeoJSON input becomes the Esri JSON feature set the engine
 * takes, and an Esri JSON result becomes a GeoJSON FeatureCollection. The engine's GP values stay Esri JSON.
 *
 * <p>Reading: a FeatureCollection, a Feature or a bare geometry; one geometry family per file (points, multipoints,
 * lines or polygons, single and multi parts mixed); properties become fields (integer, double or string, whichever
 * fits every value; booleans as 0/1, nested values as JSON text) after an {@code OBJECTID} unless one is there;
 * coordinates are WGS 84 (wkid 4326) unless the file carries a pre-RFC {@code crs} naming an EPSG code; polygon
 * rings are re-oriented the Esri way (outer rings clockwise). Writing: longitude/latitude (see {@link LonLat}),
 * outer rings counter-clockwise and holes clockwise, each hole in the polygon that contains it.
 *
 * <p>Stateless and thread-safe.
 */
final class GeoJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "MultiPoint", "LineString",
            "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection");

    private GeoJson() {
    }

    /** Whether {@code node} is GeoJSON (its {@code type} is a GeoJSON object type), not Esri JSON. */
    static boolean isGeoJson(JsonNode node) {
        String type = node.path("type").asText("");
        return node.isObject() && (type.equals("FeatureCollection") || type.equals("Feature")
                || GEOMETRY_TYPES.contains(type));
    }

    // ---- GeoJSON -> Esri JSON ----

    /**
     * The Esri JSON feature set of a GeoJSON document.
     *
     * @param source names the input in messages, e.g. {@code input 'Input_Features' (stations.geojson)}
     * @throws UsageException naming the source and the feature when the document cannot be a feature set
     */
    static ObjectNode toEsri(JsonNode doc, String source) {
        List<JsonNode> features = new ArrayList<>();
        switch (doc.path("type").asText()) {
            case "FeatureCollection" -> {
                if (!doc.path("features").isArray()) {
                    throw new UsageException(source + ": a FeatureCollection needs a 'features' array");
                }
                doc.path("features").forEach(features::add);
            }
            case "Feature" -> features.add(doc);
            default -> features.add(NODES.objectNode().put("type", "Feature").set("geometry", doc));
        }
        ObjectNode sr = NODES.objectNode().put("wkid", crsWkid(doc, source));
        String family = null;
        List<ObjectNode> geometries = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String where = source + ", feature " + i;
            if (!f.path("type").asText().equals("Feature")) {
                throw new UsageException(where + ": expected a Feature, got type '" + f.path("type").asText() + "'");
            }
            JsonNode g = f.path("geometry");
            if (g.isNull() || g.isMissingNode()) {
                geometries.add(null);
                continue;
            }
            String type = g.path("type").asText();
            String fam = family(type, where);
            if (family != null && !family.equals(fam)) {
                throw new UsageException(where + ": a " + type + " among " + family.substring(12).toLowerCase()
                        + " geometries; a feature set holds one geometry type (split the file by type)");
            }
            family = fam;
            geometries.add(geometry(g, type, where));
        }
        Map<String, FieldKind> fields = new LinkedHashMap<>();
        for (JsonNode f : features) {
            f.path("properties").properties().forEach(e -> fields.merge(e.getKey(), FieldKind.of(e.getValue()),
                    FieldKind::widen));
        }
        boolean addOid = fields.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("OBJECTID"));
        ObjectNode set = NODES.objectNode();
        set.put("geometryType", family == null ? "esriGeometryPoint" : family);
        set.set("spatialReference", sr);
        ArrayNode fieldArray = set.putArray("fields");
        if (addOid) {
            fieldArray.addObject().put("name", "OBJECTID").put("type", "esriFieldTypeOID").put("alias", "OBJECTID");
        }
        fields.forEach((name, kind) -> {
            ObjectNode fd = fieldArray.addObject().put("name", name).put("type", kind.esriType).put("alias", name);
            if (kind == FieldKind.STRING) {
                fd.put("length", 255);
            }
        });
        ArrayNode out = set.putArray("features");
        for (int i = 0; i < features.size(); i++) {
            ObjectNode feature = out.addObject();
            if (geometries.get(i) != null) {
                feature.set("geometry", geometries.get(i));
            }
            ObjectNode attributes = feature.putObject("attributes");
            if (addOid) {
                attributes.put("OBJECTID", i + 1);
            }
            JsonNode props = features.get(i).path("properties");
            fields.forEach((name, kind) -> attributes.set(name, kind.value(props.path(name))));
        }
        return set;
    }

    private static int crsWkid(JsonNode doc, String source) {
        JsonNode crs = doc.path("crs");
        if (crs.isMissingNode() || crs.isNull()) {
            return 4326;
        }
        String name = crs.path("properties").path("name").asText("");
        if (name.endsWith("CRS84") || name.endsWith("CRS:84")) {
            return 4326;
        }
        int colon = name.lastIndexOf(':');
        if (name.toUpperCase().contains("EPSG") && colon >= 0) {
            try {
                return Integer.parseInt(name.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new UsageException(source + ": cannot read its 'crs' " + crs + "; RFC 7946 GeoJSON has no crs and is "
                + "WGS 84 longitude/latitude, or name an EPSG code such as \"urn:ogc:def:crs:EPSG::32632\"");
    }

    private static String family(String type, String where) {
        return switch (type) {
            case "Point" -> "esriGeometryPoint";
            case "MultiPoint" -> "esriGeometryMultipoint";
            case "LineString", "MultiLineString" -> "esriGeometryPolyline";
            case "Polygon", "MultiPolygon" -> "esriGeometryPolygon";
            case "GeometryCollection" -> throw new UsageException(where + ": a GeometryCollection cannot be a feature "
                    + "of a feature set; split it into features of one geometry type");
            default -> throw new UsageException(where + ": unknown geometry type '" + type + "'");
        };
    }

    private static ObjectNode geometry(JsonNode g, String type, String where) {
        JsonNode c = g.path("coordinates");
        if (!c.isArray()) {
            throw new UsageException(where + ": the " + type + " has no 'coordinates' array");
        }
        ObjectNode o = NODES.objectNode();
        boolean[] hasZ = {false};
        switch (type) {
            case "Point" -> {
                double[] p = position(c, where);
                o.put("x", p[0]).put("y", p[1]);
                if (p.length > 2) {
                    o.put("z", p[2]);
                    hasZ[0] = true;
                }
            }
            case "MultiPoint" -> o.set("points", positions(c, where, hasZ));
            case "LineString" -> o.putArray("paths").add(positions(c, where, hasZ));
            case "MultiLineString" -> {
                ArrayNode paths = o.putArray("paths");
                c.forEach(line -> paths.add(positions(line, where, hasZ)));
            }
            case "Polygon" -> o.set("rings", rings(List.of(c), where, hasZ));
            default -> {
                List<JsonNode> polygons = new ArrayList<>();
                c.forEach(polygons::add);
                o.set("rings", rings(polygons, where, hasZ));
            }
        }
        if (hasZ[0]) {
            o.put("hasZ", true);
        }
        return o;
    }

    /** Esri rings of GeoJSON polygons: each closed, outer rings clockwise, holes counter-clockwise. */
    private static ArrayNode rings(List<JsonNode> polygons, String where, boolean[] hasZ) {
        ArrayNode rings = NODES.arrayNode();
        for (JsonNode polygon : polygons) {
            for (int r = 0; r < polygon.size(); r++) {
                ArrayNode ring = positions(polygon.get(r), where, hasZ);
                if (ring.size() < 3) {
                    throw new UsageException(where + ": a polygon ring has " + ring.size() + " positions; it needs 4");
                }
                if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                    ring.add(ring.get(0).deepCopy());
                }
                boolean clockwise = signedArea(ring) < 0;
                rings.add(clockwise == (r == 0) ? ring : reversed(ring));
            }
        }
        return rings;
    }

    private static ArrayNode positions(JsonNode array, String where, boolean[] hasZ) {
        if (!array.isArray()) {
            throw new UsageException(where + ": expected an array of positions, got " + array);
        }
        ArrayNode out = NODES.arrayNode();
        for (JsonNode p : array) {
            double[] xy = position(p, where);
            ArrayNode v = out.addArray().add(xy[0]).add(xy[1]);
            if (xy.length > 2) {
                v.add(xy[2]);
                hasZ[0] = true;
            }
        }
        return out;
    }

    private static double[] position(JsonNode p, String where) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new UsageException(where + ": a position must be [x, y] or [x, y, z] numbers, got " + p);
        }
        return p.size() > 2 && p.get(2).isNumber() ? new double[] {p.get(0).asDouble(), p.get(1).asDouble(),
            p.get(2).asDouble()} : new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
    }

    /** Twice the signed area of a ring of [x, y, ...] arrays: positive when counter-clockwise (y up). */
    static double signedArea(JsonNode ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            sum += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
                    - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
        }
        return sum;
    }

    /** The ring's positions in the opposite order. */
    static ArrayNode reversed(ArrayNode ring) {
        ArrayNode r = NODES.arrayNode();
        for (int i = ring.size() - 1; i >= 0; i--) {
            r.add(ring.get(i));
        }
        return r;
    }

    /** The Esri field type a GeoJSON property gets, widened over all features. */
    enum FieldKind {
        NONE("esriFieldTypeString"), INTEGER("esriFieldTypeInteger"), DOUBLE("esriFieldTypeDouble"),
        BOOLEAN("esriFieldTypeSmallInteger"), STRING("esriFieldTypeString");

        final String esriType;

        FieldKind(String esriType) {
            this.esriType = esriType;
        }

        static FieldKind of(JsonNode v) {
            if (v.isNull()) {
                return NONE;
            }
            if (v.isIntegralNumber()) {
                return v.canConvertToInt() ? INTEGER : DOUBLE;
            }
            if (v.isNumber()) {
                return DOUBLE;
            }
            return v.isBoolean() ? BOOLEAN : STRING;
        }

        static FieldKind widen(FieldKind a, FieldKind b) {
            if (a == NONE || a == b) {
                return b;
            }
            if (b == NONE) {
                return a;
            }
            if ((a == INTEGER && b == DOUBLE) || (a == DOUBLE && b == INTEGER)) {
                return DOUBLE;
            }
            return STRING;
        }

        JsonNode value(JsonNode v) {
            if (v.isMissingNode() || v.isNull()) {
                return NODES.nullNode();
            }
            return switch (this) {
                case BOOLEAN -> NODES.numberNode(v.asBoolean() ? 1 : 0);
                case STRING, NONE -> NODES.textNode(v.isValueNode() ? v.asText() : v.toString());
                default -> v;
            };
        }
    }
}
