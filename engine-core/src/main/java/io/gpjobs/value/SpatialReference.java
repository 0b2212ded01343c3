package io.gpjobs.value;

/**
 * An Esri JSON spatial reference: {@code {"wkid":102100,"latestWkid":3857}}, optionally with a vertical
 * coordinate system, or {@code {"wkt":"…"}}.
 *
 * @param wkid          the well-known id, or null
 * @param latestWkid    the latest well-known id, or null
 * @param vcsWkid       the vertical coordinate system's well-known id, or null
 * @param latestVcsWkid the vertical coordinate system's latest well-known id, or null
 * @param wkt           the well-known text, or null
 */
public record SpatialReference(Integer wkid, Integer latestWkid, Integer vcsWkid, Integer latestVcsWkid, String wkt) {

    /** WGS 84, {@code {"wkid":4326}}. */
    public static final SpatialReference WGS84 = ofWkid(4326);

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when none of wkid, latestWkid and wkt is given
     */
    public SpatialReference {
        if (wkid == null && latestWkid == null && (wkt == null || wkt.isBlank())) {
            throw new IllegalArgumentException("spatialReference needs a wkid, latestWkid or wkt");
        }
    }

    /** The spatial reference with that well-known id. */
    public static SpatialReference ofWkid(int wkid) {
        return new SpatialReference(wkid, null, null, null, null);
    }
}
