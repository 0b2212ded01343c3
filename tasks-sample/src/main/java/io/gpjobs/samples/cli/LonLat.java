package io.gpjobs.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Converts coordinates of the spatial references GeoJSON output can come from into WGS 84 longitude/latitude, which
 * GeoJSON (RFC 7946) requires: WGS 84 itself (wkid 4326, or none), Web Mercator (3857, 102100 and their aliases) and
 * the WGS 84 UTM zones (32601–32660 north, 32701–32760 south; Krüger's series, sub-millimetre within a zone).
 * Anything else needs a projection engine, which the command line does not have.
 *
 * <p>Immutable and thread-safe.
 */
final class LonLat {
    private static final Set<Integer> WEB_MERCATOR = Set.of(3857, 102100, 102113, 900913, 3785);
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double N = F / (2 - F);
    private static final double RECTIFYING_A = A / (1 + N) * (1 + N * N / 4 + N * N * N * N / 64);
    private static final double[] BETA = {N / 2 - 2 * N * N / 3 + 37 * N * N * N / 96, N * N / 48 + N * N * N / 15,
        17 * N * N * N / 480};
    private static final double[] DELTA = {2 * N - 2 * N * N / 3 - 2 * N * N * N, 7 * N * N / 3 - 8 * N * N * N / 5,
        56 * N * N * N / 15};
    private static final double K0 = 0.9996;

    /** WGS 84 itself: coordinates pass unchanged. */
    static final LonLat IDENTITY = new LonLat(0, false);

    private final int utmZone;
    private final boolean webMercator;
    private final boolean south;

    private LonLat(int utmZoneSigned, boolean webMercator) {
        this.utmZone = Math.abs(utmZoneSigned);
        this.south = utmZoneSigned < 0;
        this.webMercator = webMercator;
    }

    /**
     * The conversion from the spatial reference {@code sr} (Esri JSON, may be null or missing).
     *
     * @return the conversion, or null when the spatial reference is not one this class converts
     */
    static LonLat from(JsonNode sr) {
        if (sr == null || sr.isMissingNode() || sr.isNull() || sr.isEmpty()) {
            return IDENTITY;
        }
        int wkid = sr.path("latestWkid").asInt(sr.path("wkid").asInt(0));
        if (wkid == 0) {
            return null; // a WKT only
        }
        if (wkid == 4326) {
            return IDENTITY;
        }
        if (WEB_MERCATOR.contains(wkid) || WEB_MERCATOR.contains(sr.path("wkid").asInt(0))) {
            return new LonLat(0, true);
        }
        if (wkid > 32600 && wkid <= 32660) {
            return new LonLat(wkid - 32600, false);
        }
        if (wkid > 32700 && wkid <= 32760) {
            return new LonLat(-(wkid - 32700), false);
        }
        return null;
    }

    /** {@code [longitude, latitude]} of {@code (x, y)}. */
    double[] convert(double x, double y) {
        if (webMercator) {
            return new double[] {Math.toDegrees(x / A), Math.toDegrees(Math.atan(Math.sinh(y / A)))};
        }
        if (utmZone == 0) {
            return new double[] {x, y};
        }
        double xi = (y - (south ? 10_000_000.0 : 0.0)) / (K0 * RECTIFYING_A);
        double eta = (x - 500_000.0) / (K0 * RECTIFYING_A);
        double xiP = xi;
        double etaP = eta;
        for (int j = 1; j <= 3; j++) {
            xiP -= BETA[j - 1] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
            etaP -= BETA[j - 1] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
        }
        double chi = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
        double phi = chi;
        for (int j = 1; j <= 3; j++) {
            phi += DELTA[j - 1] * Math.sin(2 * j * chi);
        }
        double lambda0 = utmZone * 6.0 - 183.0;
        return new double[] {lambda0 + Math.toDegrees(Math.atan2(Math.sinh(etaP), Math.cos(xiP))),
            Math.toDegrees(phi)};
    }
}
