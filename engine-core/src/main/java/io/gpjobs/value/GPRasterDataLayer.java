package io.gpjobs.value;

/**
 * A {@code GPRasterDataLayer} value: a raster given by a URL (a file or an image service) or an uploaded item
 * id, on the wire {@code {"url":"…","format":"tif"}}, {@code {"url":"…/ImageServer","type":"ImageService"}} or
 * {@code {"itemID":"…"}}.
 *
 * @param url    the raster URL, or null
 * @param itemID the id of an item uploaded to the service, or null
 * @param format the raster format such as {@code tif}, or null
 * @param type   the kind of source such as {@code ImageService}, or null
 */
public record GPRasterDataLayer(String url, String itemID, String format, String type) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException unless exactly one of url and itemID is given and not blank
     */
    public GPRasterDataLayer {
        if (GPDataFile.count(url) + GPDataFile.count(itemID) != 1) {
            throw new IllegalArgumentException("GPRasterDataLayer needs exactly one of url, itemID, got url=" + url
                    + ", itemID=" + itemID);
        }
    }

    /** A raster file at {@code url} in {@code format} (may be null). */
    public static GPRasterDataLayer ofUrl(String url, String format) {
        return new GPRasterDataLayer(url, null, format, null);
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.RASTER_DATA_LAYER;
    }
}
