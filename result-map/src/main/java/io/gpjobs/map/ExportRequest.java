package io.gpjobs.map;

import io.gpjobs.value.Geometry.Envelope;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of the result map's {@code export} operation: the map extent, the image size, which layers to
 * draw and an optional time filter. The bbox is mapped onto the whole image (x to the right, y up), in the layers'
 * spatial reference — or, when the bbox has a spatial reference, in that one: WGS 84 and Web Mercator convert to each
 * other on the fly (other pairs are refused).
 *
 * @param bbox        the extent to draw, with its spatial reference or none for the layers'
 * @param width       image width in pixels, 1 to {@link #MAX_SIZE}
 * @param height      image height in pixels, 1 to {@link #MAX_SIZE}
 * @param layers      the ids of the layers to draw, or empty for every layer
 * @param time        a time filter for time-aware layers, or null
 * @param transparent whether the background is transparent (else white)
 */
public record ExportRequest(Envelope bbox, int width, int height, List<Integer> layers, TimeExtent time,
                            boolean transparent) {

    /** The largest image side, in pixels. */
    public static final int MAX_SIZE = 4096;

    /** @throws IllegalArgumentException when the bbox is empty or the size out of range */
    public ExportRequest {
        Objects.requireNonNull(bbox, "bbox");
        if (!(bbox.xmax() > bbox.xmin() && bbox.ymax() > bbox.ymin())) {
            throw new IllegalArgumentException("bbox must have a positive width and height, got x " + bbox.xmin()
                    + ".." + bbox.xmax() + ", y " + bbox.ymin() + ".." + bbox.ymax());
        }
        if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + " pixels each way, got " + width + "x"
                    + height);
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** Every layer drawn over {@code bbox} into a {@code width} x {@code height} opaque image, no time filter. */
    public static ExportRequest of(Envelope bbox, int width, int height) {
        return new ExportRequest(bbox, width, height, List.of(), null, false);
    }

    /**
     * A request for the whole of {@code extent} (grown by 5% on each side; a point or line extent gets a square
     * around it) in an image {@code width} pixels wide whose height keeps the aspect ratio.
     *
     * @throws IllegalArgumentException when the width is out of range
     */
    public static ExportRequest fitting(Envelope extent, int width) {
        Objects.requireNonNull(extent, "extent");
        if (width < 1 || width > MAX_SIZE) {
            throw new IllegalArgumentException("width must be 1.." + MAX_SIZE + " pixels, got " + width);
        }
        double w = extent.xmax() - extent.xmin();
        double h = extent.ymax() - extent.ymin();
        double side = Math.max(w, h);
        double padX = side == 0 ? 1 : w == 0 ? side / 2 : w * 0.05;
        double padY = side == 0 ? 1 : h == 0 ? side / 2 : h * 0.05;
        Envelope bbox = new Envelope(extent.xmin() - padX, extent.ymin() - padY, extent.xmax() + padX,
                extent.ymax() + padY, extent.spatialReference());
        double aspect = (bbox.ymax() - bbox.ymin()) / (bbox.xmax() - bbox.xmin());
        int height = (int) Math.max(1, Math.min(MAX_SIZE, Math.round(width * aspect)));
        return of(bbox, width, height);
    }

    /** This request drawing only the layers {@code ids}. */
    public ExportRequest withLayers(List<Integer> ids) {
        return new ExportRequest(bbox, width, height, ids, time, transparent);
    }

    /** This request with a time filter. */
    public ExportRequest withTime(TimeExtent t) {
        return new ExportRequest(bbox, width, height, layers, t, transparent);
    }

    /** This request with a transparent (or white) background. */
    public ExportRequest withTransparent(boolean on) {
        return new ExportRequest(bbox, width, height, layers, time, on);
    }
}
