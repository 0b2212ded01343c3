package io.gpjobs.samples;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * The coordinate arithmetic the sample tools need to measure in meters when coordinates are not in meters.
 *
 * <p><b>Geographic coordinates</b> (longitude/latitude in degrees) are measured in a <em>local azimuthal
 * equidistant projection</em> centred on the feature: distances from the centre are true, and for features and
 * distances up to a few hundred kilometres every other distance is within a fraction of a percent. The sphere used
 * has the Gaussian mean radius of curvature of the WGS 84 ellipsoid at the centre's latitude, which keeps the
 * north–south and east–west scale within 0.1&nbsp;% of the ellipsoid's near the centre. Features that contain a pole
 * or span more than a hemisphere are outside its range. Near the antimeridian, result longitudes may pass ±180 so
 * that rings stay continuous.
 *
 * <p><b>Web Mercator</b> (auxiliary sphere) coordinates are first converted to longitude/latitude exactly, then
 * handled as geographic, because a Web Mercator "meter" is only a meter on the equator.
 *
 * <p>Thread-safe (stateless).
 */
final class Geodesy {

    /** Semi-major axis of WGS 84, which is also the radius of the Web Mercator sphere. */
    static final double WGS84_A = 6_378_137.0;
    private static final double WGS84_F = 1 / 298.257223563;
    private static final double WGS84_E2 = WGS84_F * (2 - WGS84_F);

    private Geodesy() {
    }

    /** The Gaussian mean radius of curvature of WGS 84 at {@code latitude} degrees: sqrt(M·N). */
    static double gaussianRadius(double latitude) {
        double s = Math.sin(Math.toRadians(latitude));
        return WGS84_A * Math.sqrt(1 - WGS84_E2) / (1 - WGS84_E2 * s * s);
    }

    /** A copy of {@code geometry} with each coordinate transformed by {@code op}. */
    static Geometry transform(Geometry geometry, CoordinateOp op) {
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double[] xy = op.apply(seq.getX(i), seq.getY(i));
                seq.setOrdinate(i, CoordinateSequence.X, xy[0]);
                seq.setOrdinate(i, CoordinateSequence.Y, xy[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }

    /** Web Mercator (auxiliary sphere) meters to longitude/latitude degrees. */
    static double[] webMercatorToGeographic(double x, double y) {
        double lon = Math.toDegrees(x / WGS84_A);
        double lat = Math.toDegrees(2 * Math.atan(Math.exp(y / WGS84_A)) - Math.PI / 2);
        return new double[] {lon, lat};
    }

    /** Longitude/latitude degrees to Web Mercator (auxiliary sphere) meters. */
    static double[] geographicToWebMercator(double lon, double lat) {
        double x = WGS84_A * Math.toRadians(lon);
        double y = WGS84_A * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
        return new double[] {x, y};
    }

    /** Great-circle distance in meters between two longitude/latitude points on the sphere of {@link #gaussianRadius}
     *  at their mean latitude (haversine). */
    static double distanceMeters(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * gaussianRadius((lat1 + lat2) / 2) * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** A coordinate transformation. */
    @FunctionalInterface
    interface CoordinateOp {
        double[] apply(double x, double y);
    }

    /**
     * A spherical azimuthal equidistant projection centred on {@code (lon0, lat0)} degrees, in meters, on the sphere
     * of {@link #gaussianRadius} at {@code lat0}.
     */
    static final class LocalEquidistant {
        private final double lon0;
        private final double sinLat0;
        private final double cosLat0;
        private final double radius;

        LocalEquidistant(double lon0, double lat0) {
            if (!(lat0 >= -90 && lat0 <= 90) || !Double.isFinite(lon0)) {
                throw new IllegalArgumentException("not a longitude/latitude centre: " + lon0 + ", " + lat0);
            }
            this.lon0 = Math.toRadians(lon0);
            this.sinLat0 = Math.sin(Math.toRadians(lat0));
            this.cosLat0 = Math.cos(Math.toRadians(lat0));
            this.radius = gaussianRadius(lat0);
        }

        /** Longitude/latitude degrees to projected meters. */
        double[] forward(double lon, double lat) {
            double phi = Math.toRadians(lat);
            double dl = Math.toRadians(lon) - lon0;
            double sinPhi = Math.sin(phi);
            double cosPhi = Math.cos(phi);
            double cosC = Math.max(-1, Math.min(1, sinLat0 * sinPhi + cosLat0 * cosPhi * Math.cos(dl)));
            double c = Math.acos(cosC);
            double k = c < 1e-12 ? 1 : c / Math.sin(c);
            double x = radius * k * cosPhi * Math.sin(dl);
            double y = radius * k * (cosLat0 * sinPhi - sinLat0 * cosPhi * Math.cos(dl));
            return new double[] {x, y};
        }

        /** Projected meters to longitude/latitude degrees. */
        double[] inverse(double x, double y) {
            double rho = Math.hypot(x, y);
            if (rho < 1e-9) {
                return new double[] {Math.toDegrees(lon0), Math.toDegrees(Math.asin(sinLat0))};
            }
            double c = rho / radius;
            double sinC = Math.sin(c);
            double cosC = Math.cos(c);
            double phi = Math.asin(Math.max(-1, Math.min(1, cosC * sinLat0 + y * sinC * cosLat0 / rho)));
            double lambda = lon0 + Math.atan2(x * sinC, rho * cosLat0 * cosC - y * sinLat0 * sinC);
            return new double[] {Math.toDegrees(lambda), Math.toDegrees(phi)};
        }
    }
}
