package io.gpjobs.map;

import io.gpjobs.InvalidInputException;
import io.gpjobs.map.internal.RestParams;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of the result map's {@code identify} operation: what lies at a point of a displayed map, within a
 * tolerance in pixels. The point and the map extent share a spatial reference (the point's, else the extent's, else
 * the layers'); any EPSG or ESRI wkid converts to the layers' on the fly ({@link Reprojection}).
 *
 * @param point          the location
 * @param mapExtent      the extent of the displayed map
 * @param width          the displayed map's width in pixels
 * @param height         the displayed map's height in pixels
 * @param tolerance      the search distance in pixels (0 or more)
 * @param layers         the layer ids to search, or empty for every layer (tables are never searched)
 * @param time           a time filter for time-aware layers, or null
 * @param returnGeometry whether feature results carry their geometry
 */
public record IdentifyRequest(Geometry.Point point, Envelope mapExtent, int width, int height, int tolerance,
                              List<Integer> layers, TimeExtent time, boolean returnGeometry) {

    /** @throws IllegalArgumentException when the point is empty, the extent flat, a size or the tolerance invalid */
    public IdentifyRequest {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(mapExtent, "mapExtent");
        if (!Double.isFinite(point.x()) || !Double.isFinite(point.y())) {
            throw new IllegalArgumentException("identify point must have finite coordinates, got " + point);
        }
        if (!(mapExtent.xmax() > mapExtent.xmin() && mapExtent.ymax() > mapExtent.ymin())) {
            throw new IllegalArgumentException("mapExtent must have a positive width and height");
        }
        if (width < 1 || height < 1 || width > ExportRequest.MAX_SIZE || height > ExportRequest.MAX_SIZE) {
            throw new IllegalArgumentException("imageDisplay must be 1.." + ExportRequest.MAX_SIZE + " pixels each way, "
                    + "got " + width + "x" + height);
        }
        if (tolerance < 0 || tolerance > 1000) {
            throw new IllegalArgumentException("tolerance must be 0..1000 pixels, got " + tolerance);
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** Identifies at {@code point} on a {@code width} x {@code height} display of {@code mapExtent}, every layer. */
    public static IdentifyRequest of(Geometry.Point point, Envelope mapExtent, int width, int height, int tolerance) {
        return new IdentifyRequest(point, mapExtent, width, height, tolerance, List.of(), null, true);
    }

    /** The spatial reference of the point: its own, else the map extent's, else null (the layers'). */
    public SpatialReference spatialReference() {
        return point.spatialReference() != null ? point.spatialReference() : mapExtent.spatialReference();
    }

    /** The tolerance in map units (along x). */
    public double toleranceInMapUnits() {
        return tolerance * (mapExtent.xmax() - mapExtent.xmin()) / width;
    }

    /**
     * Reads the REST parameters of {@code identify}: {@code geometry} ({@code x,y} or point JSON; {@code geometryType}
     * must be {@code esriGeometryPoint} when given), {@code sr}, {@code mapExtent}, {@code imageDisplay}
     * ({@code width,height[,dpi]}), {@code tolerance}, {@code layers} ({@code all}, {@code top}, {@code visible} —
     * all the same here — optionally {@code :<id>,<id>}), {@code time} and {@code returnGeometry}.
     *
     * @throws InvalidInputException naming the parameter and the value when one is missing or malformed
     */
    public static IdentifyRequest fromRequest(Map<String, String> params) {
        Objects.requireNonNull(params, "params");
        String gt = RestParams.get(params, "geometryType");
        if (gt != null && !gt.equals("esriGeometryPoint")) {
            throw RestParams.bad("geometryType", gt, "esriGeometryPoint");
        }
        SpatialReference sr = RestParams.spatialReference(params, "sr");
        String g = RestParams.get(params, "geometry");
        if (g == null) {
            throw new InvalidInputException("parameter 'geometry' is required: x,y or a point JSON");
        }
        Geometry.Point point;
        try {
            if (g.startsWith("{")) {
                Geometry parsed = GPValueCodec.readGeometry(new com.fasterxml.jackson.databind.ObjectMapper().readTree(g));
                if (!(parsed instanceof Geometry.Point p)) {
                    throw RestParams.bad("geometry", g, "a point");
                }
                point = p;
            } else {
                String[] xy = g.split(",");
                if (xy.length != 2) {
                    throw RestParams.bad("geometry", g, "x,y");
                }
                point = new Geometry.Point(Double.parseDouble(xy[0].strip()), Double.parseDouble(xy[1].strip()), null,
                        null, null);
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw RestParams.bad("geometry", g, "x,y or a point JSON");
        }
        if (point.spatialReference() == null && sr != null) {
            point = new Geometry.Point(point.x(), point.y(), point.z(), point.m(), sr);
        }
        Envelope extent = RestParams.envelope(params, "mapExtent", sr);
        if (extent == null) {
            throw new InvalidInputException("parameter 'mapExtent' is required: xmin,ymin,xmax,ymax");
        }
        String display = RestParams.get(params, "imageDisplay");
        if (display == null) {
            throw new InvalidInputException("parameter 'imageDisplay' is required: width,height,dpi");
        }
        int w;
        int h;
        try {
            String[] p = display.split(",");
            if (p.length < 2 || p.length > 3) {
                throw new NumberFormatException();
            }
            w = Integer.parseInt(p[0].strip());
            h = Integer.parseInt(p[1].strip());
        } catch (NumberFormatException e) {
            throw RestParams.bad("imageDisplay", display, "width,height[,dpi]");
        }
        Integer tolerance = RestParams.integer(params, "tolerance", null);
        if (tolerance == null) {
            throw new InvalidInputException("parameter 'tolerance' is required: a distance in pixels");
        }
        List<Integer> ids = new ArrayList<>();
        String layers = RestParams.get(params, "layers");
        if (layers != null) {
            String[] parts = layers.split(":", 2);
            if (!parts[0].matches("all|top|visible")) {
                throw RestParams.bad("layers", layers, "all, top or visible, optionally followed by :<id>,<id>…");
            }
            if (parts.length == 2) {
                for (String s : parts[1].split(",")) {
                    try {
                        if (!s.isBlank()) {
                            ids.add(Integer.parseInt(s.strip()));
                        }
                    } catch (NumberFormatException e) {
                        throw RestParams.bad("layers", layers, "whole-number layer ids after ':'");
                    }
                }
            }
        }
        try {
            return new IdentifyRequest(point, extent, w, h, tolerance, ids, RestParams.time(params, "time"),
                    RestParams.bool(params, "returnGeometry", true));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("identify: " + e.getMessage());
        }
    }
}
