package io.gpjobs.map.internal;

import io.gpjobs.InvalidInputException;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;

/**
 * The coordinate conversions the result map does on the fly: none between equal spatial references, and WGS 84
 * (4326) to and from Web Mercator (3857/102100) on the sphere. Both are separable (x depends on x only, y on y
 * only), so envelopes convert to envelopes exactly. Immutable.
 */
public abstract class Projection {

    private static final double R = 6378137.0;
    private static final double MAX_LAT = 85.05112877980659;

    private Projection() {
    }

    /** Converts x. */
    public abstract double x(double x);

    /** Converts y. */
    public abstract double y(double y);

    /** Whether this is the identity. */
    public boolean isIdentity() {
        return false;
    }

    /** Converts an envelope (the spatial reference is dropped). */
    public Envelope envelope(Envelope e) {
        return new Envelope(x(e.xmin()), y(e.ymin()), x(e.xmax()), y(e.ymax()), null);
    }

    private static final Projection IDENTITY = new Projection() {
        @Override
        public double x(double x) {
            return x;
        }

        @Override
        public double y(double y) {
            return y;
        }

        @Override
        public boolean isIdentity() {
            return true;
        }
    };

    private static final Projection TO_MERCATOR = new Projection() {
        @Override
        public double x(double lon) {
            return Math.toRadians(lon) * R;
        }

        @Override
        public double y(double lat) {
            double clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
            return R * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2));
        }
    };

    private static final Projection TO_GEOGRAPHIC = new Projection() {
        @Override
        public double x(double mx) {
            return Math.toDegrees(mx / R);
        }

        @Override
        public double y(double my) {
            return Math.toDegrees(2 * Math.atan(Math.exp(my / R)) - Math.PI / 2);
        }
    };

    /**
     * The conversion from {@code from} to {@code to}; the identity when either is null or they are the same.
     *
     * @param what the parameter named in the error
     * @throws InvalidInputException naming both when no conversion is known
     */
    public static Projection between(SpatialReference from, SpatialReference to, String what) {
        if (from == null || to == null || QueryRunner.sameSpatialReference(from, to)) {
            return IDENTITY;
        }
        Integer a = wkid(from);
        Integer b = wkid(to);
        if (a != null && b != null && a == 4326 && b == 3857) {
            return TO_MERCATOR;
        }
        if (a != null && b != null && a == 3857 && b == 4326) {
            return TO_GEOGRAPHIC;
        }
        throw new InvalidInputException(what + ": cannot convert between " + describe(from) + " and "
                + describe(to) + "; only WGS 84 (4326) and Web Mercator (3857/102100) convert to each other, other "
                + "coordinates must be in the layer's spatial reference");
    }

    private static Integer wkid(SpatialReference sr) {
        Integer w = sr.latestWkid() != null ? sr.latestWkid() : sr.wkid();
        return w == null ? null : (w == 102100 || w == 900913 ? 3857 : w);
    }

    private static String describe(SpatialReference sr) {
        Integer w = wkid(sr);
        return w != null ? "wkid " + w : "a WKT spatial reference";
    }
}
