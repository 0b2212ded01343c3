package io.gpjobs.samples;

import io.gpjobs.value.Geometry;
import io.gpjobs.value.GeometryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Converts between the Esri JSON geometries of GP values and JTS geometries (x and y only; z and m are dropped).
 *
 * <p>Esri polygons list their rings flat: outer rings clockwise, holes counter-clockwise. Because clients do not
 * always honour the winding, rings are assigned by nesting instead: a ring inside an even number of other rings is
 * an outer ring, a ring inside an odd number is a hole of the smallest ring that contains it. Polygons that are
 * still invalid (self-intersections) are repaired with JTS's {@link GeometryFixer}. Written polygons have clockwise
 * outer rings and counter-clockwise holes.
 *
 * <p>Thread-safe (stateless).
 */
final class EsriGeometries {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private EsriGeometries() {
    }

    /** The shared JTS geometry factory (floating precision, no SRID). */
    static GeometryFactory factory() {
        return FACTORY;
    }

    /** The JTS geometry of an Esri geometry; null stays null. */
    static org.locationtech.jts.geom.Geometry toJts(Geometry esri) {
        if (esri == null) {
            return null;
        }
        if (esri instanceof Geometry.Point p) {
            return FACTORY.createPoint(new Coordinate(p.x(), p.y()));
        }
        if (esri instanceof Geometry.Multipoint mp) {
            return FACTORY.createMultiPointFromCoords(coordinates(mp.points()));
        }
        if (esri instanceof Geometry.Polyline pl) {
            List<LineString> lines = new ArrayList<>();
            for (List<List<Double>> path : pl.paths()) {
                if (path.size() >= 2) {
                    lines.add(FACTORY.createLineString(coordinates(path)));
                }
            }
            return lines.size() == 1 ? lines.get(0) : FACTORY.createMultiLineString(lines.toArray(LineString[]::new));
        }
        if (esri instanceof Geometry.Polygon pg) {
            return polygon(pg.rings());
        }
        if (esri instanceof Geometry.Envelope e) {
            return FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(e.xmin(), e.xmax(), e.ymin(), e.ymax()));
        }
        throw new IllegalArgumentException("unsupported geometry " + esri.type().wireName());
    }

    /**
     * The Esri geometry of a JTS geometry, as {@code type}: points for {@link GeometryType#POINT} (the first point),
     * multipoints, polylines or polygons (an empty JTS geometry gives an empty one of that type).
     */
    static Geometry toEsri(org.locationtech.jts.geom.Geometry g, GeometryType type) {
        switch (type) {
            case POINT -> {
                Coordinate c = g.getCoordinate();
                if (c == null) {
                    throw new IllegalArgumentException("cannot write an empty point");
                }
                return Geometry.Point.of(c.x, c.y);
            }
            case MULTIPOINT -> {
                return new Geometry.Multipoint(vertices(g.getCoordinates(), false), false, false, null);
            }
            case POLYLINE -> {
                List<List<List<Double>>> paths = new ArrayList<>();
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    if (g.getGeometryN(i) instanceof LineString ls && !ls.isEmpty()) {
                        paths.add(vertices(ls.getCoordinates(), false));
                    }
                }
                return new Geometry.Polyline(paths, false, false, null);
            }
            case POLYGON -> {
                List<List<List<Double>>> rings = new ArrayList<>();
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                        rings.add(vertices(p.getExteriorRing().getCoordinates(), true));
                        for (int h = 0; h < p.getNumInteriorRing(); h++) {
                            rings.add(vertices(p.getInteriorRingN(h).getCoordinates(), false));
                        }
                    }
                }
                return new Geometry.Polygon(rings, false, false, null);
            }
            default -> throw new IllegalArgumentException("cannot write a " + type.wireName());
        }
    }

    private static Coordinate[] coordinates(List<List<Double>> vertices) {
        Coordinate[] cs = new Coordinate[vertices.size()];
        for (int i = 0; i < cs.length; i++) {
            List<Double> v = vertices.get(i);
            cs[i] = new Coordinate(v.get(0), v.get(1));
        }
        return cs;
    }

    /** Vertices as Esri lists; rings are oriented clockwise when {@code clockwise}, else counter-clockwise. */
    private static List<List<Double>> vertices(Coordinate[] cs, boolean clockwise) {
        boolean ring = cs.length >= 4 && cs[0].equals2D(cs[cs.length - 1]);
        if (ring && Orientation.isCCW(cs) == clockwise) {
            cs = cs.clone();
            for (int i = 0, j = cs.length - 1; i < j; i++, j--) {
                Coordinate t = cs[i];
                cs[i] = cs[j];
                cs[j] = t;
            }
        }
        List<List<Double>> out = new ArrayList<>(cs.length);
        for (Coordinate c : cs) {
            out.add(List.of(c.x, c.y));
        }
        return out;
    }

    private static org.locationtech.jts.geom.Geometry polygon(List<List<List<Double>>> esriRings) {
        List<LinearRing> rings = new ArrayList<>();
        for (List<List<Double>> r : esriRings) {
            Coordinate[] cs = coordinates(r);
            if (cs.length == 0) {
                continue;
            }
            if (!cs[0].equals2D(cs[cs.length - 1])) {
                Coordinate[] closed = new Coordinate[cs.length + 1];
                System.arraycopy(cs, 0, closed, 0, cs.length);
                closed[cs.length] = cs[0].copy();
                cs = closed;
            }
            if (cs.length >= 4) {
                rings.add(FACTORY.createLinearRing(cs));
            }
        }
        if (rings.isEmpty()) {
            return FACTORY.createPolygon();
        }
        // Largest first, so every ring's containers come before it.
        List<Polygon> filled = new ArrayList<>();
        for (LinearRing r : rings) {
            filled.add(FACTORY.createPolygon(r));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rings.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> filled.get(i).getArea()).reversed());
        List<Integer> shells = new ArrayList<>();
        List<List<LinearRing>> holes = new ArrayList<>();
        List<PreparedGeometry> prepared = new ArrayList<>();
        PreparedGeometryFactory pf = new PreparedGeometryFactory();
        int[] shellOf = new int[rings.size()];
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            int depth = 0;
            int innermost = -1;
            org.locationtech.jts.geom.Point probe = filled.get(i).getInteriorPoint();
            for (int m = 0; m < k; m++) {
                int j = order.get(m);
                if (prepared.get(m).contains(probe)) {
                    depth++;
                    innermost = j;
                }
            }
            prepared.add(pf.create(filled.get(i)));
            if (depth % 2 == 0) {
                shellOf[i] = shells.size();
                shells.add(i);
                holes.add(new ArrayList<>());
            } else {
                holes.get(shellOf[innermost]).add(rings.get(i));
                shellOf[i] = -1;
            }
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int s = 0; s < shells.size(); s++) {
            polygons[s] = FACTORY.createPolygon(rings.get(shells.get(s)), holes.get(s).toArray(LinearRing[]::new));
        }
        org.locationtech.jts.geom.Geometry result = polygons.length == 1 ? polygons[0]
                : FACTORY.createMultiPolygon(polygons);
        if (!result.isValid()) {
            result = GeometryFixer.fix(result);
        }
        return result instanceof MultiPolygon || result instanceof Polygon ? result
                : FACTORY.createPolygon();
    }
}
