package io.gpjobs.map.internal;

import io.gpjobs.value.SpatialReference;

/** Reads the spatial reference of a {@code .prj} file (Esri WKT). Stateless. */
final class Prj {
    private static final java.util.regex.Pattern UTM =
            java.util.regex.Pattern.compile("PROJCS\\[\"WGS_1984_UTM_Zone_(\\d{1,2})([NS])\"");
    private Prj() {
    }

    /** WGS 84, Web Mercator and WGS 84 UTM zones become their wkid; any other WKT is kept as WKT; blank gives null. */
    static SpatialReference spatialReference(String wkt) {
        String w = wkt == null ? "" : wkt.strip();
        if (w.isEmpty()) {
            return null;
        }
        if (w.startsWith("PROJCS") && (w.contains("Mercator_Auxiliary_Sphere") || w.contains("Web_Mercator"))) {
            return new SpatialReference(102100, 3857, null, null, null);
        }
        java.util.regex.Matcher utm = UTM.matcher(w);
        if (utm.lookingAt()) {
            int zone = Integer.parseInt(utm.group(1));
            if (zone >= 1 && zone <= 60) {
                return SpatialReference.ofWkid((utm.group(2).equals("N") ? 32600 : 32700) + zone);
            }
        }
        if (w.startsWith("GEOGCS") && w.contains("WGS_1984") && !w.contains("PROJCS")) {
            return SpatialReference.WGS84;
        }
        return new SpatialReference(null, null, null, null, w);
    }
}
