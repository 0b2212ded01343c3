package io.gpjobs.value;

/** The Esri field types, with their wire names ({@code esriFieldTypeInteger} …). */
public enum FieldType {
    SMALL_INTEGER("esriFieldTypeSmallInteger"),
    INTEGER("esriFieldTypeInteger"),
    BIG_INTEGER("esriFieldTypeBigInteger"),
    SINGLE("esriFieldTypeSingle"),
    DOUBLE("esriFieldTypeDouble"),
    STRING("esriFieldTypeString"),
    DATE("esriFieldTypeDate"),
    DATE_ONLY("esriFieldTypeDateOnly"),
    TIME_ONLY("esriFieldTypeTimeOnly"),
    TIMESTAMP_OFFSET("esriFieldTypeTimestampOffset"),
    OID("esriFieldTypeOID"),
    GEOMETRY("esriFieldTypeGeometry"),
    BLOB("esriFieldTypeBlob"),
    RASTER("esriFieldTypeRaster"),
    GUID("esriFieldTypeGUID"),
    GLOBAL_ID("esriFieldTypeGlobalID"),
    XML("esriFieldTypeXML");

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    /** The wire name, e.g. {@code esriFieldTypeInteger}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The type with that wire name.
     *
     * @throws IllegalArgumentException naming the value when it is not a field type
     */
    public static FieldType fromWireName(String name) {
        for (FieldType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + name + "', expected esriFieldType… such as "
                + "esriFieldTypeString or esriFieldTypeInteger");
    }
}
