package io.gpjobs.samples;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;

/**
 * Buffers one geometry by a distance in meters, whatever its coordinate system (see {@link Geodesy} for how
 * geographic and Web Mercator coordinates are handled). Curves are approximated with
 * {@value #QUADRANT_SEGMENTS} segments per quarter circle.
 *
 * <p>Thread-safe (immutable).
 */
final class Buffering {

    /** Segments per quarter circle of a buffer's round ends and corners. */
    static final int QUADRANT_SEGMENTS = 16;

    private final CoordinateSystemKind kind;
    private final double metersPerUnit;

    /**
     * @param kind          how coordinates are to be read
     * @param metersPerUnit for projected and unknown systems, meters per coordinate unit
     */
    Buffering(CoordinateSystemKind kind, double metersPerUnit) {
        this.kind = kind;
        this.metersPerUnit = metersPerUnit;
    }

    /** The buffer of {@code geometry} by {@code meters} (negative shrinks polygons). */
    Geometry buffer(Geometry geometry, double meters) {
        return switch (kind) {
            case PROJECTED, UNKNOWN -> planar(geometry, meters / metersPerUnit);
            case GEOGRAPHIC -> geographic(geometry, meters);
            case WEB_MERCATOR -> {
                Geometry lonLat = Geodesy.transform(geometry, Geodesy::webMercatorToGeographic);
                yield Geodesy.transform(geographic(lonLat, meters), Geodesy::geographicToWebMercator);
            }
        };
    }

    private static Geometry planar(Geometry geometry, double distance) {
        BufferParameters params = new BufferParameters(QUADRANT_SEGMENTS);
        return BufferOp.bufferOp(geometry, distance, params);
    }

    /** Projects to a local azimuthal equidistant projection centred on the geometry, buffers, projects back. */
    private static Geometry geographic(Geometry lonLat, double meters) {
        if (lonLat.isEmpty()) {
            return lonLat.copy();
        }
        Coordinate centre = lonLat.getEnvelopeInternal().centre();
        Geodesy.LocalEquidistant projection = new Geodesy.LocalEquidistant(centre.x, centre.y);
        Geometry local = Geodesy.transform(lonLat, projection::forward);
        return Geodesy.transform(planar(local, meters), projection::inverse);
    }
}
