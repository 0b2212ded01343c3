package io.gpjobs.map.internal;

import io.gpjobs.value.SpatialReference;

/** Reads the spatial reference of a {@code .prj} file (Esri WKT). Stateless. */
final class Prj {
    private Prj() {
    }

    /** WGS 84 and Web Mercator become their wkid; any other WKT is kept as WKT; blank gives null. */
    static SpatialReference spatialReference(String wkt) {
        String w = wkt == null ? "" : wkt.strip();
        if (w.isEmpty()) {
            return null;
        }
        if (w.startsWith("PROJCS") && (w.contains("Mercator_Auxiliary_Sphere") || w.contains("Web_Mercator"))) {
            return new SpatialReference(102100, 3857, null, null, null);
        }
        if (w.startsWith("GEOGCS") && w.contains("WGS_1984") && !w.contains("PROJCS")) {
            return SpatialReference.WGS84;
        }
        return new SpatialReference(null, null, null, null, w);
    }
}
