package io.gpjobs.map.internal;

import io.gpjobs.map.Reprojection;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import java.util.ArrayList;
import java.util.List;

/** Extents of Esri JSON geometries and their intersection with envelopes (planar). Stateless. */
public final class Geometries {
    private Geometries() {
    }

    /** The vertices of a geometry's parts: a point is one part of one vertex; an envelope one closed ring. */
    static List<List<List<Double>>> parts(Geometry g) {
        if (g instanceof Geometry.Point p) {
            return Double.isFinite(p.x()) && Double.isFinite(p.y()) ? List.of(List.of(List.of(p.x(), p.y())))
                    : List.of();
        }
        if (g instanceof Geometry.Multipoint m) {
            return m.points().stream().map(List::of).toList();
        }
        if (g instanceof Geometry.Polyline l) {
            return l.paths();
        }
        if (g instanceof Geometry.Polygon p) {
            return p.rings();
        }
        Envelope e = (Envelope) g;
        return List.of(List.of(List.of(e.xmin(), e.ymin()), List.of(e.xmin(), e.ymax()), List.of(e.xmax(), e.ymax()),
                List.of(e.xmax(), e.ymin()), List.of(e.xmin(), e.ymin())));
    }

    /** The geometry with each vertex converted by {@code p} (z and m kept; the spatial reference dropped). */
    public static Geometry transform(Geometry g, Reprojection p) {
        return p.isIdentity() || g == null ? g : p.geometry(g, null);
    }

    /** The extent of a geometry, or null when it has no vertex. */
    public static Envelope extent(Geometry g) {
        if (g == null) {
            return null;
        }
        double xmin = Double.POSITIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (List<List<Double>> part : parts(g)) {
            for (List<Double> v : part) {
                xmin = Math.min(xmin, v.get(0));
                ymin = Math.min(ymin, v.get(1));
                xmax = Math.max(xmax, v.get(0));
                ymax = Math.max(ymax, v.get(1));
            }
        }
        return xmin > xmax ? null : new Envelope(xmin, ymin, xmax, ymax, null);
    }

    /** The union of two extents, either of which may be null. */
    public static Envelope union(Envelope a, Envelope b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new Envelope(Math.min(a.xmin(), b.xmin()), Math.min(a.ymin(), b.ymin()), Math.max(a.xmax(), b.xmax()),
                Math.max(a.ymax(), b.ymax()), a.spatialReference());
    }

    /** Whether two envelopes share at least one point. */
    static boolean overlaps(Envelope a, Envelope b) {
        return a.xmin() <= b.xmax() && b.xmin() <= a.xmax() && a.ymin() <= b.ymax() && b.ymin() <= a.ymax();
    }

    /**
     * Whether a geometry and an envelope share at least one point: a vertex inside the envelope, an edge crossing
     * it, or (for polygons) the envelope inside the polygon.
     */
    public static boolean intersects(Geometry g, Envelope env) {
        Envelope ext = extent(g);
        if (ext == null || !overlaps(ext, env)) {
            return false;
        }
        boolean areal = g instanceof Geometry.Polygon || g instanceof Envelope;
        boolean linear = areal || g instanceof Geometry.Polyline;
        List<List<List<Double>>> parts = parts(g);
        for (List<List<Double>> part : parts) {
            for (int i = 0; i < part.size(); i++) {
                List<Double> a = part.get(i);
                if (inside(a.get(0), a.get(1), env)) {
                    return true;
                }
                if (linear && i + 1 < part.size()) {
                    List<Double> b = part.get(i + 1);
                    if (segmentHitsEnvelope(a.get(0), a.get(1), b.get(0), b.get(1), env)) {
                        return true;
                    }
                }
            }
        }
        return areal && containsPoint(parts, (env.xmin() + env.xmax()) / 2, (env.ymin() + env.ymax()) / 2);
    }

    private static boolean inside(double x, double y, Envelope e) {
        return x >= e.xmin() && x <= e.xmax() && y >= e.ymin() && y <= e.ymax();
    }

    /** Even-odd point-in-polygon over all rings (holes subtract). */
    static boolean containsPoint(List<List<List<Double>>> rings, double x, double y) {
        boolean in = false;
        for (List<List<Double>> ring : rings) {
            int n = ring.size();
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double xi = ring.get(i).get(0);
                double yi = ring.get(i).get(1);
                double xj = ring.get(j).get(0);
                double yj = ring.get(j).get(1);
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                    in = !in;
                }
            }
        }
        return in;
    }

    private static boolean segmentHitsEnvelope(double x1, double y1, double x2, double y2, Envelope e) {
        List<double[]> edges = new ArrayList<>(4);
        edges.add(new double[] {e.xmin(), e.ymin(), e.xmax(), e.ymin()});
        edges.add(new double[] {e.xmax(), e.ymin(), e.xmax(), e.ymax()});
        edges.add(new double[] {e.xmax(), e.ymax(), e.xmin(), e.ymax()});
        edges.add(new double[] {e.xmin(), e.ymax(), e.xmin(), e.ymin()});
        for (double[] d : edges) {
            if (segmentsIntersect(x1, y1, x2, y2, d[0], d[1], d[2], d[3])) {
                return true;
            }
        }
        return false;
    }

    private static boolean segmentsIntersect(double ax, double ay, double bx, double by, double cx, double cy,
                                             double dx, double dy) {
        double d1 = cross(cx, cy, dx, dy, ax, ay);
        double d2 = cross(cx, cy, dx, dy, bx, by);
        double d3 = cross(ax, ay, bx, by, cx, cy);
        double d4 = cross(ax, ay, bx, by, dx, dy);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(cx, cy, dx, dy, ax, ay)) || (d2 == 0 && onSegment(cx, cy, dx, dy, bx, by))
                || (d3 == 0 && onSegment(ax, ay, bx, by, cx, cy)) || (d4 == 0 && onSegment(ax, ay, bx, by, dx, dy));
    }

    private static double cross(double ax, double ay, double bx, double by, double px, double py) {
        return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }

    private static boolean onSegment(double ax, double ay, double bx, double by, double px, double py) {
        return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
    }
}
