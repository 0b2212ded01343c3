package io.gpjobs.map;

/** The kinds of result map layers, with the {@code type} names of the map service layer resource. */
public enum LayerType {
    /** A feature layer: the features of a {@code GPFeatureRecordSetLayer} output. */
    FEATURE_LAYER("Feature Layer"),
    /** A raster layer: the grid of a {@code GPRasterDataLayer} output. */
    RASTER_LAYER("Raster Layer"),
    /** A table: the rows of a {@code GPRecordSet} output. */
    TABLE("Table");

    private final String wireName;

    LayerType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the layer resource, e.g. {@code Feature Layer}. */
    public String wireName() {
        return wireName;
    }
}
