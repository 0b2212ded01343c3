package io.gpjobs.map;

import io.gpjobs.InvalidInputException;
import io.gpjobs.map.internal.CrsCatalog;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.MercatorProjection;

/**
 * A conversion of coordinates from one spatial reference to another, by well-known ID (any EPSG or ESRI WKID that
 * the Proj4J EPSG database defines; 102100 and 900913 are Web Mercator, 3857). This is the one place gpjobs
 * reprojects: the result map's query, identify and export, {@code outSR} on job results, and the sample
 * {@code Project} task all use it.
 *
 * <p>Equal spatial references (or a missing one on either side) give the identity, whatever their kind; a
 * spatial reference given only as WKT converts only to itself. Coordinates a projection cannot represent (a pole
 * in Mercator, a point on the far side of an azimuthal projection) become NaN. Latitudes are clamped to
 * ±85.0511° on the way into a Mercator projection, as web maps do.
 *
 * <p>Immutable and thread-safe (each thread converts with its own Proj4J transform, which is not).
 */
public final class Reprojection {

    private static final double MAX_MERCATOR_LAT = 85.05112877980659;
    private static final CRSFactory CRS = new CRSFactory();
    private static final Reprojection IDENTITY = new Reprojection(null, null);

    private final CoordinateReferenceSystem from;
    private final CoordinateReferenceSystem to;
    private final ThreadLocal<CoordinateTransform> transform;
    private final boolean clampLatitude;

    private Reprojection(CoordinateReferenceSystem from, CoordinateReferenceSystem to) {
        this.from = from;
        this.to = to;
        this.transform = from == null ? null
                : ThreadLocal.withInitial(() -> new CoordinateTransformFactory().createTransform(from, to));
        this.clampLatitude = from != null && from.getProjection().isGeographic()
                && to.getProjection() instanceof MercatorProjection;
    }

    /**
     * The conversion from {@code from} to {@code to}.
     *
     * @param from the spatial reference coordinates are in; null for the identity
     * @param to the spatial reference wanted; null for the identity
     * @param parameter the request or task parameter named in an error (for example {@code "outSR"})
     * @return the conversion, the identity when the two are the same; never null
     * @throws InvalidInputException naming the parameter and the spatial reference when a WKID is unknown or a
     *     WKT spatial reference would have to be converted
     */
    public static Reprojection between(SpatialReference from, SpatialReference to, String parameter) {
        Objects.requireNonNull(parameter, "parameter");
        if (from == null || to == null || same(from, to)) {
            return IDENTITY;
        }
        return new Reprojection(crs(from, parameter), crs(to, parameter));
    }

    /**
     * Checks that a spatial reference can be converted to and from others.
     *
     * @param sr the spatial reference; not null
     * @param parameter the parameter named in the error
     * @return {@code sr}
     * @throws InvalidInputException naming the parameter and the value when its WKID is unknown or it has none
     */
    public static SpatialReference requireKnown(SpatialReference sr, String parameter) {
        Objects.requireNonNull(sr, "sr");
        crs(sr, parameter);
        return sr;
    }

    /** Whether this conversion leaves every coordinate as it is. */
    public boolean isIdentity() {
        return from == null;
    }

    /**
     * Converts one coordinate pair.
     *
     * @return a new {@code {x, y}}; NaN members when the target projection cannot represent the point
     */
    public double[] point(double x, double y) {
        if (isIdentity() || !Double.isFinite(x) || !Double.isFinite(y)) {
            return new double[] {x, y};
        }
        double lat = clampLatitude ? Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, y)) : y;
        ProjCoordinate out = new ProjCoordinate();
        try {
            transform.get().transform(new ProjCoordinate(x, lat), out);
        } catch (RuntimeException outsideTheProjection) {
            // Proj4J signals a point outside a projection's domain with an exception
            return new double[] {Double.NaN, Double.NaN};
        }
        return Double.isFinite(out.x) && Double.isFinite(out.y) ? new double[] {out.x, out.y}
                : new double[] {Double.NaN, Double.NaN};
    }

    /**
     * Converts every vertex of a geometry (z and m kept) and gives the result the spatial reference {@code sr}.
     *
     * @param g the geometry; null gives null
     * @param sr the spatial reference the result is labelled with; may be null
     * @return the converted geometry; an envelope becomes the extent of its converted outline
     */
    public Geometry geometry(Geometry g, SpatialReference sr) {
        if (g == null) {
            return null;
        }
        if (g instanceof Geometry.Point p) {
            double[] c = point(p.x(), p.y());
            return new Geometry.Point(c[0], c[1], p.z(), p.m(), sr);
        }
        if (g instanceof Geometry.Multipoint m) {
            return new Geometry.Multipoint(vertices(m.points()), m.hasZ(), m.hasM(), sr);
        }
        if (g instanceof Geometry.Polyline l) {
            return new Geometry.Polyline(l.paths().stream().map(this::vertices).toList(), l.hasZ(), l.hasM(), sr);
        }
        if (g instanceof Geometry.Polygon pg) {
            return new Geometry.Polygon(pg.rings().stream().map(this::vertices).toList(), pg.hasZ(), pg.hasM(), sr);
        }
        Envelope e = envelope((Envelope) g);
        return new Envelope(e.xmin(), e.ymin(), e.xmax(), e.ymax(), sr);
    }

    /**
     * The extent of an envelope's converted outline (each edge sampled at 32 points, so curved edges are
     * covered); the spatial reference of the result is null.
     */
    public Envelope envelope(Envelope e) {
        if (isIdentity()) {
            return new Envelope(e.xmin(), e.ymin(), e.xmax(), e.ymax(), null);
        }
        double xmin = Double.POSITIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        int n = 32;
        for (int i = 0; i <= n; i++) {
            double fx = e.xmin() + (e.xmax() - e.xmin()) * i / n;
            double fy = e.ymin() + (e.ymax() - e.ymin()) * i / n;
            double[][] edge = {point(fx, e.ymin()), point(fx, e.ymax()), point(e.xmin(), fy), point(e.xmax(), fy)};
            for (double[] c : edge) {
                if (!Double.isNaN(c[0])) {
                    xmin = Math.min(xmin, c[0]);
                    ymin = Math.min(ymin, c[1]);
                    xmax = Math.max(xmax, c[0]);
                    ymax = Math.max(ymax, c[1]);
                }
            }
        }
        return xmin > xmax ? new Envelope(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null)
                : new Envelope(xmin, ymin, xmax, ymax, null);
    }

    private List<List<Double>> vertices(List<List<Double>> vs) {
        List<List<Double>> out = new ArrayList<>(vs.size());
        for (List<Double> v : vs) {
            List<Double> c = new ArrayList<>(v);
            double[] p = point(v.get(0), v.get(1));
            c.set(0, p[0]);
            c.set(1, p[1]);
            out.add(c);
        }
        return out;
    }

    private static boolean same(SpatialReference a, SpatialReference b) {
        Integer wa = wkid(a);
        Integer wb = wkid(b);
        if (wa != null && wb != null) {
            return wa.equals(wb);
        }
        return wa == null && wb == null && a.wkt() != null && a.wkt().equals(b.wkt());
    }

    private static Integer wkid(SpatialReference sr) {
        Integer w = sr.latestWkid() != null ? sr.latestWkid() : sr.wkid();
        return w == null ? null : (w == 102100 || w == 102113 || w == 900913 ? 3857 : w);
    }

    private static CoordinateReferenceSystem crs(SpatialReference sr, String parameter) {
        Integer w = wkid(sr);
        if (w == null) {
            throw new InvalidInputException(parameter + ": a spatial reference given only as WKT cannot be converted "
                    + "to another; give a wkid");
        }
        String params = CrsCatalog.definition(w);
        if (params == null) {
            throw new InvalidInputException(parameter + ": unknown spatial reference wkid " + w
                    + "; expected an EPSG or ESRI well-known ID such as 4326 or 3857");
        }
        try {
            return CRS.createFromParameters((w > 32767 ? "ESRI:" : "EPSG:") + w, params);
        } catch (RuntimeException e) {
            throw new InvalidInputException(parameter + ": spatial reference wkid " + w
                    + " is not supported for conversion (" + e.getMessage() + ")");
        }
    }
}
