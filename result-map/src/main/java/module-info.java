/**
 * gpjobs result-map: the result map service of GP services published with "view results with a map service" —
 * one dynamic map per succeeded asynchronous job, a layer per geodata output, with query and PNG export. Only
 * {@code io.gpjobs.map} is exported. Rendering uses {@code java.desktop} (run headless).
 */
module io.gpjobs.map {
    requires transitive io.gpjobs.core;
    requires java.desktop;
    requires proj4j;
    requires proj4j.epsg; // the EPSG database, read as resources

    exports io.gpjobs.map;
}
