package io.gpjobs.value;

/** The Esri geometry types, with their wire names ({@code esriGeometryPoint} …). */
public enum GeometryType {
    POINT("esriGeometryPoint"),
    MULTIPOINT("esriGeometryMultipoint"),
    POLYLINE("esriGeometryPolyline"),
    POLYGON("esriGeometryPolygon"),
    ENVELOPE("esriGeometryEnvelope");

    private final String wireName;

    GeometryType(String wireName) {
        this.wireName = wireName;
    }

    /** The wire name, e.g. {@code esriGeometryPolygon}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The type with that wire name.
     *
     * @throws IllegalArgumentException naming the value when it is not a geometry type
     */
    public static GeometryType fromWireName(String name) {
        for (GeometryType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown geometryType '" + name + "', expected one of esriGeometryPoint, "
                + "esriGeometryMultipoint, esriGeometryPolyline, esriGeometryPolygon, esriGeometryEnvelope");
    }
}
