package io.gpjobs.samples;

import java.util.Locale;
import java.util.Set;

/**
 * How the sample tools treat a feature set's spatial reference when they measure distances.
 *
 * <ul>
 *   <li>{@link #GEOGRAPHIC}: a wkid in 4000–4999 (EPSG geographic 2D systems such as 4326, 4269, 4258) or
 *       104000–104999 (Esri geographic systems), or a WKT that starts with {@code GEOGCS}/{@code GEOGCRS}. The
 *       wkid ranges are a heuristic: tools treat such input as projected when its coordinates exceed
 *       longitude/latitude bounds;
 *   <li>{@link #WEB_MERCATOR}: wkid 3857, 102100, 102113, 900913 or 3785;
 *   <li>{@link #PROJECTED}: any other wkid or a {@code PROJCS} WKT, whose linear unit is taken to be the meter
 *       (true of UTM, Web Mercator and most national grids) unless its WKT names a foot unit;
 *   <li>{@link #UNKNOWN}: no spatial reference; coordinates are taken to be meters.
 * </ul>
 */
enum CoordinateSystemKind {
    GEOGRAPHIC, WEB_MERCATOR, PROJECTED, UNKNOWN;

    private static final Set<Integer> WEB_MERCATOR_WKIDS = Set.of(3857, 102100, 102113, 900913, 3785);

    /** Classifies a spatial reference given by wkid (preferred when both are known) or WKT; both may be null. */
    static CoordinateSystemKind of(Integer wkid, String wkt) {
        if (wkid != null) {
            if (WEB_MERCATOR_WKIDS.contains(wkid)) {
                return WEB_MERCATOR;
            }
            if ((wkid >= 4000 && wkid <= 4999) || (wkid >= 104000 && wkid <= 104999)) {
                return GEOGRAPHIC;
            }
            return PROJECTED;
        }
        if (wkt != null && !wkt.isBlank()) {
            String w = wkt.strip().toUpperCase(Locale.ROOT);
            if (w.startsWith("GEOGCS") || w.startsWith("GEOGCRS") || w.startsWith("GEODCRS")) {
                return GEOGRAPHIC;
            }
            if (w.contains("WEB_MERCATOR") || w.contains("PSEUDO-MERCATOR") || w.contains("PSEUDO_MERCATOR")) {
                return WEB_MERCATOR;
            }
            return PROJECTED;
        }
        return UNKNOWN;
    }

    /** Meters per coordinate unit of a projected WKT: a foot unit when the WKT names one, else 1. */
    static double metersPerUnit(String wkt) {
        if (wkt == null) {
            return 1.0;
        }
        String w = wkt.toUpperCase(Locale.ROOT);
        int unit = w.lastIndexOf("UNIT[");
        if (unit < 0) {
            return 1.0;
        }
        String tail = w.substring(unit);
        if (tail.contains("FOOT_US") || tail.contains("US SURVEY FOOT")) {
            return 1200.0 / 3937.0;
        }
        if (tail.contains("FOOT")) {
            return 0.3048;
        }
        return 1.0;
    }
}
