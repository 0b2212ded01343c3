package io.gpjobs.value;

import java.util.List;

/**
 * An Esri JSON geometry: a point, multipoint, polyline, polygon or envelope, each with an optional spatial
 * reference. Vertices are lists of 2 to 4 finite numbers: x, y, then z when {@code hasZ}, then m when
 * {@code hasM}. All implementations are immutable (lists are copied) and thread-safe.
 */
public sealed interface Geometry {

    /** The geometry type. */
    GeometryType type();

    /** The spatial reference, or null when unknown or given by the enclosing feature set. */
    SpatialReference spatialReference();

    /** This geometry without its spatial reference. */
    Geometry withoutSpatialReference();

    /**
     * This geometry with z and m values kept only where asked, as outputs are returned unless {@code returnZ} or
     * {@code returnM} is set.
     *
     * @param keepZ whether to keep z values
     * @param keepM whether to keep m values
     */
    Geometry withZM(boolean keepZ, boolean keepM);

    /**
     * A point; an empty point has NaN coordinates (written as {@code "x":null}).
     *
     * @param x                the x coordinate
     * @param y                the y coordinate
     * @param z                the z value, or null
     * @param m                the m value, or null
     * @param spatialReference the spatial reference, or null
     */
    record Point(double x, double y, Double z, Double m, SpatialReference spatialReference) implements Geometry {
        /** A 2D point without spatial reference. */
        public static Point of(double x, double y) {
            return new Point(x, y, null, null, null);
        }

        @Override
        public GeometryType type() {
            return GeometryType.POINT;
        }

        @Override
        public Point withoutSpatialReference() {
            return new Point(x, y, z, m, null);
        }

        @Override
        public Point withZM(boolean keepZ, boolean keepM) {
            return new Point(x, y, keepZ ? z : null, keepM ? m : null, spatialReference);
        }
    }

    /**
     * A multipoint.
     *
     * @param points           the vertices
     * @param hasZ             whether vertices carry z
     * @param hasM             whether vertices carry m
     * @param spatialReference the spatial reference, or null
     */
    record Multipoint(List<List<Double>> points, boolean hasZ, boolean hasM, SpatialReference spatialReference)
            implements Geometry {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when a vertex has the wrong number of values
         */
        public Multipoint {
            points = Vertices.copy("Multipoint", points, hasZ, hasM);
        }

        @Override
        public GeometryType type() {
            return GeometryType.MULTIPOINT;
        }

        @Override
        public Multipoint withoutSpatialReference() {
            return new Multipoint(points, hasZ, hasM, null);
        }

        @Override
        public Multipoint withZM(boolean keepZ, boolean keepM) {
            return new Multipoint(Vertices.withZM(points, hasZ, hasM, keepZ, keepM), hasZ && keepZ, hasM && keepM, spatialReference);
        }
    }

    /**
     * A polyline made of paths.
     *
     * @param paths            the paths, each a list of vertices
     * @param hasZ             whether vertices carry z
     * @param hasM             whether vertices carry m
     * @param spatialReference the spatial reference, or null
     */
    record Polyline(List<List<List<Double>>> paths, boolean hasZ, boolean hasM, SpatialReference spatialReference)
            implements Geometry {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when a vertex has the wrong number of values
         */
        public Polyline {
            paths = paths.stream().map(p -> Vertices.copy("Polyline", p, hasZ, hasM)).toList();
        }

        @Override
        public GeometryType type() {
            return GeometryType.POLYLINE;
        }

        @Override
        public Polyline withoutSpatialReference() {
            return new Polyline(paths, hasZ, hasM, null);
        }

        @Override
        public Polyline withZM(boolean keepZ, boolean keepM) {
            return new Polyline(paths.stream().map(p -> Vertices.withZM(p, hasZ, hasM, keepZ, keepM)).toList(), hasZ && keepZ, hasM && keepM, spatialReference);
        }
    }

    /**
     * A polygon made of rings.
     *
     * @param rings            the rings, each a list of vertices
     * @param hasZ             whether vertices carry z
     * @param hasM             whether vertices carry m
     * @param spatialReference the spatial reference, or null
     */
    record Polygon(List<List<List<Double>>> rings, boolean hasZ, boolean hasM, SpatialReference spatialReference)
            implements Geometry {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when a vertex has the wrong number of values
         */
        public Polygon {
            rings = rings.stream().map(r -> Vertices.copy("Polygon", r, hasZ, hasM)).toList();
        }

        @Override
        public GeometryType type() {
            return GeometryType.POLYGON;
        }

        @Override
        public Polygon withoutSpatialReference() {
            return new Polygon(rings, hasZ, hasM, null);
        }

        @Override
        public Polygon withZM(boolean keepZ, boolean keepM) {
            return new Polygon(rings.stream().map(p -> Vertices.withZM(p, hasZ, hasM, keepZ, keepM)).toList(), hasZ && keepZ, hasM && keepM, spatialReference);
        }
    }

    /**
     * An envelope.
     *
     * @param xmin             the minimum x
     * @param ymin             the minimum y
     * @param xmax             the maximum x
     * @param ymax             the maximum y
     * @param spatialReference the spatial reference, or null
     */
    record Envelope(double xmin, double ymin, double xmax, double ymax, SpatialReference spatialReference)
            implements Geometry {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when a minimum exceeds its maximum or a bound is not finite
         */
        public Envelope {
            if (!(Double.isFinite(xmin) && Double.isFinite(ymin) && Double.isFinite(xmax) && Double.isFinite(ymax))) {
                throw new IllegalArgumentException("Envelope bounds must be finite numbers");
            }
            if (xmin > xmax || ymin > ymax) {
                throw new IllegalArgumentException("Envelope minimum exceeds maximum: x " + xmin + ".." + xmax
                        + ", y " + ymin + ".." + ymax);
            }
        }

        @Override
        public GeometryType type() {
            return GeometryType.ENVELOPE;
        }

        @Override
        public Envelope withoutSpatialReference() {
            return new Envelope(xmin, ymin, xmax, ymax, null);
        }

        @Override
        public Envelope withZM(boolean keepZ, boolean keepM) {
            return this;
        }
    }
}
