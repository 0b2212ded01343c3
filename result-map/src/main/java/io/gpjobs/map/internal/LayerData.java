package io.gpjobs.map.internal;

import io.gpjobs.map.MapLayer;
import io.gpjobs.value.Geometry;
import java.util.List;
import java.util.Map;

/**
 * The data behind one result map layer: its rows (features or table rows) or its grid.
 *
 * @param layer the layer's description
 * @param rows  the rows in output order; empty for a raster layer
 * @param grid  the raster's grid, or null (not a raster layer, or a raster that is not a readable ASCII grid)
 * @param symbology how it is drawn and its legend
 */
public record LayerData(MapLayer layer, List<Row> rows, Grid grid, Symbology symbology) {

    public LayerData {
        rows = List.copyOf(rows);
        java.util.Objects.requireNonNull(symbology, "symbology");
    }

    /** The data drawn with the default symbology of its geometry type. */
    public LayerData(MapLayer layer, List<Row> rows, Grid grid) {
        this(layer, rows, grid, Symbology.defaultFor(layer.geometryType()));
    }

    /** This data drawn with {@code s}. */
    public LayerData withSymbology(Symbology s) {
        return new LayerData(layer, rows, grid, s);
    }

    /**
     * One feature or table row.
     *
     * @param attributes the attributes, object id included (unmodifiable; null values allowed)
     * @param geometry   the geometry, or null
     * @param time       the value of the layer's time field in epoch milliseconds, or null
     */
    public record Row(Map<String, Object> attributes, Geometry geometry, Long time) {
    }
}
