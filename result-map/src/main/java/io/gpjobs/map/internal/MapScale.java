package io.gpjobs.map.internal;

import io.gpjobs.InvalidInputException;
import io.gpjobs.map.Reprojection;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.math.BigDecimal;

/**
 * The scale of an exported map at its centre: the ground distance one pixel spans horizontally there, measured on
 * the WGS 84 ellipsoid (so Web Mercator's stretch away from the equator is accounted for), and the direction of
 * true north on the image. Immutable.
 *
 * @param metresPerPixel ground metres per image pixel, horizontally, at the map's centre
 * @param northDegrees   the direction of north on the image in degrees clockwise from straight up
 */
public record MapScale(double metresPerPixel, double northDegrees) {

    /** The screen resolution ArcGIS assumes for a map's scale (96 dpi), in metres per pixel. */
    private static final double METRES_PER_SCREEN_PIXEL = 0.0254 / 96;
    private static final SpatialReference WGS84 = SpatialReference.ofWkid(4326);

    /**
     * The scale of a map drawn over {@code bbox} into {@code width} x {@code height} pixels.
     *
     * @param bbox      the drawn extent; its spatial reference, else {@code fallback}, says what its units are
     * @param fallback  the map's own spatial reference, or null
     * @param parameter the request parameter named in an error (for example {@code scaleBar})
     * @throws InvalidInputException naming the parameter when the map has no spatial reference with a known wkid,
     *                               or its centre is outside what the spatial reference can represent
     */
    public static MapScale of(Envelope bbox, SpatialReference fallback, int width, int height, String parameter) {
        SpatialReference sr = bbox.spatialReference() != null ? bbox.spatialReference() : fallback;
        if (sr == null) {
            throw new InvalidInputException("parameter '" + parameter + "': the map has no spatial reference, so "
                    + "its ground distances are unknown");
        }
        Reprojection toGeo = Reprojection.between(sr, WGS84, parameter);
        Reprojection fromGeo = Reprojection.between(WGS84, sr, parameter);
        double uppX = (bbox.xmax() - bbox.xmin()) / width;
        double uppY = (bbox.ymax() - bbox.ymin()) / height;
        double cx = (bbox.xmin() + bbox.xmax()) / 2;
        double cy = (bbox.ymin() + bbox.ymax()) / 2;
        // measured over 1% of the image width either side of the centre: the local scale, without the curvature
        // of a long span
        double half = Math.max(1, width / 100.0) * uppX;
        double[] west = toGeo.point(cx - half, cy);
        double[] east = toGeo.point(cx + half, cy);
        double[] centre = toGeo.point(cx, cy);
        double metres = Geodesic.distance(west[0], west[1], east[0], east[1]);
        double step = Math.min(0.001, (90 - Math.abs(centre[1])) / 2);
        double[] north = fromGeo.point(centre[0], centre[1] + step);
        if (!Double.isFinite(metres) || !Double.isFinite(north[0]) || metres <= 0) {
            throw new InvalidInputException("parameter '" + parameter + "': the centre of the map (" + cx + ", "
                    + cy + ") is outside what its spatial reference can represent");
        }
        double dx = (north[0] - cx) / uppX;
        double dy = (north[1] - cy) / uppY;
        return new MapScale(metres / (2 * half / uppX), Math.toDegrees(Math.atan2(dx, dy)));
    }

    /** The map's scale as ArcGIS states it: the denominator of 1 : n at 96 dpi. */
    public double scale() {
        return metresPerPixel / METRES_PER_SCREEN_PIXEL;
    }

    /**
     * The longest "nice" ground distance (1, 2 or 5 times a power of ten, in metres) that fits in {@code maxPixels}.
     */
    public double niceLength(int maxPixels) {
        double max = metresPerPixel * maxPixels;
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double f : new double[] {5, 2, 1}) {
            if (f * power <= max) {
                return f * power;
            }
        }
        return power / 2; // rounding put max just under the power of ten
    }

    /** A ground distance in metres as a scale bar states it: {@code 500 m}, {@code 2 km}, {@code 0.5 m}. */
    public static String label(double metres) {
        boolean km = metres >= 1000;
        BigDecimal v = BigDecimal.valueOf(km ? metres / 1000 : metres).stripTrailingZeros();
        return v.toPlainString() + (km ? " km" : " m");
    }
}
