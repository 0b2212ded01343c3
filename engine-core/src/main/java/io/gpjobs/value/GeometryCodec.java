package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes Esri JSON geometries and spatial references. */
final class GeometryCodec {
    private static final java.util.Set<String> GEOMETRY_MEMBERS = java.util.Set.of("x", "y", "z", "m", "points",
            "paths", "rings", "curvePaths", "curveRings", "xmin", "ymin", "xmax", "ymax", "zmin", "zmax", "mmin",
            "mmax", "hasZ", "hasM", "spatialReference", "ids");

    private GeometryCodec() {
    }

    static SpatialReference readSpatialReference(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return SpatialReference.ofWkid(n.intValue());
        }
        Json.requireObject("spatialReference", n);
        Integer wkid = Json.optInt("spatialReference", n, "wkid");
        Integer latest = Json.optInt("spatialReference", n, "latestWkid");
        String wkt = Json.optText("spatialReference", n, "wkt");
        if (wkid == null && latest == null && wkt == null) {
            return null; // {} or only keys we do not use: an unknown spatial reference
        }
        return new SpatialReference(wkid, latest, Json.optInt("spatialReference", n, "vcsWkid"),
                Json.optInt("spatialReference", n, "latestVcsWkid"), wkt);
    }

    static ObjectNode writeSpatialReference(SpatialReference sr) {
        ObjectNode o = Json.object();
        putInt(o, "wkid", sr.wkid());
        putInt(o, "latestWkid", sr.latestWkid());
        putInt(o, "vcsWkid", sr.vcsWkid());
        putInt(o, "latestVcsWkid", sr.latestVcsWkid());
        if (sr.wkt() != null) {
            o.put("wkt", sr.wkt());
        }
        return o;
    }

    private static void putInt(ObjectNode o, String name, Integer v) {
        if (v != null) {
            o.put(name, v);
        }
    }

    /** Reads a geometry whose type is told by its keys (x, points, paths, rings, xmin). */
    static Geometry read(JsonNode n) {
        Json.requireObject("geometry", n);
        GeometryType t = n.has("x") ? GeometryType.POINT : n.has("points") ? GeometryType.MULTIPOINT
                : n.has("paths") ? GeometryType.POLYLINE : n.has("rings") ? GeometryType.POLYGON
                : n.has("xmin") ? GeometryType.ENVELOPE : null;
        if (t == null) {
            throw Json.bad("geometry", "expected x/y, points, paths, rings or xmin/ymin/xmax/ymax", n);
        }
        return read(t, n, true);
    }

    /** Reads a geometry of a known type; its own spatial reference is kept only when {@code withSr}. */
    static Geometry read(GeometryType type, JsonNode n, boolean withSr) {
        String what = type.wireName();
        Json.requireObject(what, n);
        Json.onlyMembers(what, n, GEOMETRY_MEMBERS, "an Esri JSON " + what + " geometry");
        SpatialReference sr = withSr ? readSpatialReference(n.get("spatialReference")) : null;
        boolean hasZ = Boolean.TRUE.equals(Json.optBoolean(what, n, "hasZ"));
        boolean hasM = Boolean.TRUE.equals(Json.optBoolean(what, n, "hasM"));
        try {
            switch (type) {
                case POINT: {
                    JsonNode x = Json.member(n, "x");
                    if (x == null || (x.isTextual() && x.asText().equals("NaN"))) {
                        return new Geometry.Point(Double.NaN, Double.NaN, null, null, sr);
                    }
                    return new Geometry.Point(Json.number(what, "x", x), Json.requireNumber(what, n, "y"),
                            optNumber(what, n, "z"), optNumber(what, n, "m"), sr);
                }
                case MULTIPOINT:
                    return new Geometry.Multipoint(vertices(what, required(what, n, "points")), hasZ, hasM, sr);
                case POLYLINE:
                    return new Geometry.Polyline(parts(what, required(what, n, "paths")), hasZ, hasM, sr);
                case POLYGON:
                    return new Geometry.Polygon(parts(what, required(what, n, "rings")), hasZ, hasM, sr);
                case ENVELOPE:
                    return new Geometry.Envelope(Json.requireNumber(what, n, "xmin"), Json.requireNumber(what, n, "ymin"),
                            Json.requireNumber(what, n, "xmax"), Json.requireNumber(what, n, "ymax"), sr);
                default:
                    throw new IllegalStateException(type.toString());
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(what)) {
                throw e;
            }
            // a record's own check: say it for the wire type; the message already shows the value
            throw new IllegalArgumentException(what + ": " + e.getMessage().replaceFirst("^[A-Za-z]+: ", ""), e);
        }
    }

    private static Double optNumber(String what, JsonNode n, String name) {
        JsonNode v = Json.member(n, name);
        return v == null ? null : Json.number(what, name, v);
    }

    private static JsonNode required(String what, JsonNode n, String name) {
        JsonNode v = Json.member(n, name);
        if (v == null || !v.isArray()) {
            String hint = n.has("curvePaths") || n.has("curveRings") ? " (true curves are not supported)" : "";
            throw Json.bad(what, "'" + name + "' must be an array" + hint, n);
        }
        return v;
    }

    private static List<List<List<Double>>> parts(String what, JsonNode arr) {
        List<List<List<Double>>> out = new ArrayList<>();
        for (JsonNode part : arr) {
            if (!part.isArray()) {
                throw Json.bad(what, "each part must be an array of vertices", part);
            }
            out.add(vertices(what, part));
        }
        return out;
    }

    private static List<List<Double>> vertices(String what, JsonNode arr) {
        List<List<Double>> out = new ArrayList<>();
        for (JsonNode v : arr) {
            if (!v.isArray()) {
                throw Json.bad(what, "a vertex must be an array [x, y, …]", v);
            }
            List<Double> c = new ArrayList<>();
            for (JsonNode d : v) {
                if (!d.isNumber()) {
                    throw Json.bad(what, "vertex values must be numbers", v);
                }
                if (!Double.isFinite(d.doubleValue())) {
                    throw Json.bad(what, "vertex values must be finite numbers", v);
                }
                c.add(d.doubleValue());
            }
            out.add(c);
        }
        return out;
    }

    /** Writes a geometry; its spatial reference too when {@code withSr} and it has one. */
    static ObjectNode write(Geometry g, boolean withSr) {
        ObjectNode o = Json.object();
        if (g instanceof Geometry.Point p) {
            if (Double.isNaN(p.x())) {
                o.putNull("x");
            } else {
                o.set("x", Json.number(p.x()));
                o.set("y", Json.number(p.y()));
                if (p.z() != null) {
                    o.set("z", Json.number(p.z()));
                }
                if (p.m() != null) {
                    o.set("m", Json.number(p.m()));
                }
            }
        } else if (g instanceof Geometry.Multipoint mp) {
            flags(o, mp.hasZ(), mp.hasM());
            o.set("points", vertices(mp.points()));
        } else if (g instanceof Geometry.Polyline pl) {
            flags(o, pl.hasZ(), pl.hasM());
            o.set("paths", parts(pl.paths()));
        } else if (g instanceof Geometry.Polygon pg) {
            flags(o, pg.hasZ(), pg.hasM());
            o.set("rings", parts(pg.rings()));
        } else if (g instanceof Geometry.Envelope e) {
            o.set("xmin", Json.number(e.xmin()));
            o.set("ymin", Json.number(e.ymin()));
            o.set("xmax", Json.number(e.xmax()));
            o.set("ymax", Json.number(e.ymax()));
        }
        if (withSr && g.spatialReference() != null) {
            o.set("spatialReference", writeSpatialReference(g.spatialReference()));
        }
        return o;
    }

    private static void flags(ObjectNode o, boolean hasZ, boolean hasM) {
        if (hasZ) {
            o.put("hasZ", true);
        }
        if (hasM) {
            o.put("hasM", true);
        }
    }

    private static ArrayNode parts(List<List<List<Double>>> parts) {
        ArrayNode a = Json.NODES.arrayNode();
        parts.forEach(p -> a.add(vertices(p)));
        return a;
    }

    private static ArrayNode vertices(List<List<Double>> vs) {
        ArrayNode a = Json.NODES.arrayNode();
        for (List<Double> v : vs) {
            ArrayNode c = a.addArray();
            v.forEach(d -> c.add(Json.number(d)));
        }
        return a;
    }
}
