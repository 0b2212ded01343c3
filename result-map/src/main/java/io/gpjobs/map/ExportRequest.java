package io.gpjobs.map;

import io.gpjobs.map.internal.RestParams;
import io.gpjobs.value.Geometry.Envelope;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of the result map's {@code export} operation: the map extent, the image size, which layers to
 * draw and an optional time filter. The bbox is mapped onto the whole image (x to the right, y up), in the layers'
 * spatial reference — or, when the bbox has a spatial reference, in that one: any EPSG or ESRI wkid converts on the
 * fly ({@link Reprojection}); an unknown wkid is refused naming {@code bbox}.
 *
 * <p>On request the image also gets a <b>scale bar</b> (bottom left: the longest 1, 2 or 5 x 10^n m or km that fits
 * in a quarter of the width, measured on the WGS 84 ellipsoid at the map's centre, so it is right in Web Mercator
 * far from the equator too) and a <b>north arrow</b> (top right: true north at the map's centre, which a projection
 * such as UTM turns away from straight up). Both need a map in a spatial reference with a known wkid; on a map
 * without one they are refused naming the option. Labels are drawn when the task's author defines them (a
 * {@code labelingInfo} in its drawing info, see {@link ResultMapSymbology}).
 *
 * @param bbox        the extent to draw, with its spatial reference or none for the layers'
 * @param width       image width in pixels, 1 to {@link #MAX_SIZE}
 * @param height      image height in pixels, 1 to {@link #MAX_SIZE}
 * @param layers      the ids of the layers to draw, or empty for every layer
 * @param time        a time filter for time-aware layers, or null
 * @param transparent whether the background is transparent (else white)
 * @param scaleBar    whether to draw a scale bar
 * @param northArrow  whether to draw a north arrow
 */
public record ExportRequest(Envelope bbox, int width, int height, List<Integer> layers, TimeExtent time,
                            boolean transparent, boolean scaleBar, boolean northArrow) {

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

    /**
     * A request without scale bar or north arrow.
     *
     * @throws IllegalArgumentException when the bbox is empty or the size out of range
     */
    public ExportRequest(Envelope bbox, int width, int height, List<Integer> layers, TimeExtent time,
                         boolean transparent) {
        this(bbox, width, height, layers, time, transparent, false, false);
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

    /**
     * Reads the REST parameters of the map's {@code export} operation: {@code bbox} (required,
     * {@code xmin,ymin,xmax,ymax} or envelope JSON), {@code bboxSR}, {@code size} ({@code width,height}, default
     * {@code 400,400}), {@code layers} ({@code show:0,2}; {@code show} is the only option), {@code time},
     * {@code transparent}, and this map's own {@code scaleBar} and {@code northArrow} ({@code true} or
     * {@code false}, default false). {@code format} may only be {@code png} (or {@code png32}, {@code png24}); other
     * parameters (such as {@code f} and {@code dpi}) are ignored.
     *
     * @throws io.gpjobs.InvalidInputException naming the parameter and the value when one is missing or malformed
     */
    public static ExportRequest fromRequest(java.util.Map<String, String> params) {
        Objects.requireNonNull(params, "params");
        Envelope bbox = RestParams.envelope(params, "bbox", RestParams.spatialReference(params, "bboxSR"));
        if (bbox == null) {
            throw new io.gpjobs.InvalidInputException("parameter 'bbox' is required: xmin,ymin,xmax,ymax");
        }
        String format = RestParams.get(params, "format");
        if (format != null && !format.matches("(?i)png(8|24|32)?")) {
            throw RestParams.bad("format", format, "png (the only image format of the result map)");
        }
        int width = 400;
        int height = 400;
        String size = RestParams.get(params, "size");
        if (size != null) {
            String[] p = size.split(",");
            try {
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                width = Integer.parseInt(p[0].strip());
                height = Integer.parseInt(p[1].strip());
            } catch (NumberFormatException e) {
                throw RestParams.bad("size", size, "width,height in pixels");
            }
        }
        List<Integer> ids = new java.util.ArrayList<>();
        String layers = RestParams.get(params, "layers");
        if (layers != null) {
            if (!layers.startsWith("show:")) {
                throw RestParams.bad("layers", layers, "show:<id>,<id>… (the only layers option)");
            }
            for (String s : layers.substring(5).split(",")) {
                try {
                    if (!s.isBlank()) {
                        ids.add(Integer.parseInt(s.strip()));
                    }
                } catch (NumberFormatException e) {
                    throw RestParams.bad("layers", layers, "show:<id>,<id>… with whole-number layer ids");
                }
            }
        }
        try {
            return new ExportRequest(bbox, width, height, ids, RestParams.time(params, "time"),
                    RestParams.bool(params, "transparent", false), RestParams.bool(params, "scaleBar", false),
                    RestParams.bool(params, "northArrow", false));
        } catch (IllegalArgumentException e) {
            throw new io.gpjobs.InvalidInputException("parameter 'bbox' or 'size': " + e.getMessage());
        }
    }

    /** This request drawing only the layers {@code ids}. */
    public ExportRequest withLayers(List<Integer> ids) {
        return new ExportRequest(bbox, width, height, ids, time, transparent, scaleBar, northArrow);
    }

    /** This request with a time filter. */
    public ExportRequest withTime(TimeExtent t) {
        return new ExportRequest(bbox, width, height, layers, t, transparent, scaleBar, northArrow);
    }

    /** This request with a transparent (or white) background. */
    public ExportRequest withTransparent(boolean on) {
        return new ExportRequest(bbox, width, height, layers, time, on, scaleBar, northArrow);
    }

    /** This request with (or without) a scale bar; REST parameter {@code scaleBar=true}. */
    public ExportRequest withScaleBar(boolean on) {
        return new ExportRequest(bbox, width, height, layers, time, transparent, on, northArrow);
    }

    /** This request with (or without) a north arrow; REST parameter {@code northArrow=true}. */
    public ExportRequest withNorthArrow(boolean on) {
        return new ExportRequest(bbox, width, height, layers, time, transparent, scaleBar, on);
    }
}
