package io.gpjobs.map.internal;

import io.gpjobs.map.Reprojection;
import io.gpjobs.InvalidInputException;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.LayerType;
import io.gpjobs.map.MapLayer;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a result map into a PNG with each layer's symbology (the renderer its task's author defined, see
 * {@link io.gpjobs.map.ResultMapSymbology}) and antialiasing off for shapes, so that identical requests give
 * identical bytes. Layer 0 is drawn on top; then the authors' labels ({@link LabelPainter}), then the scale bar and
 * north arrow when the request asks for them ({@link MapDecorations}). Default symbols: points and multipoints a red ({@code #E60000}) disc of
 * {@value #POINT_SIZE} px; polylines a blue ({@code #005CE6}) line of 3 px; polygons and envelopes a green
 * ({@code #38A800}) fill with a dark green ({@code #267300}) 1 px outline; rasters a yellow-orange-red ramp from
 * {@code #FFFFB2} (minimum) through {@code #FD8D3C} to {@code #BD0026} (maximum), no-data cells left clear.
 * Stateless.
 */
public final class MapRenderer {

    static final Color POINT = new Color(0xE6, 0x00, 0x00);
    static final Color LINE = new Color(0x00, 0x5C, 0xE6);
    static final Color FILL = new Color(0x38, 0xA8, 0x00);
    static final Color OUTLINE = new Color(0x26, 0x73, 0x00);
    static final int[][] RAMP = {{0xFF, 0xFF, 0xB2}, {0xFD, 0x8D, 0x3C}, {0xBD, 0x00, 0x26}};
    static final int POINT_SIZE = 9;

    private MapRenderer() {
    }

    /** Renders the map and encodes it as PNG. */
    public static byte[] png(MapData data, ExportRequest req) {
        BufferedImage img = render(data, req);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Renders the map into an ARGB image. */
    static BufferedImage render(MapData data, ExportRequest req) {
        List<Integer> ids = new ArrayList<>();
        if (req.layers().isEmpty()) {
            for (int i = 0; i < data.layers().size(); i++) {
                ids.add(i);
            }
        } else {
            for (Integer id : req.layers()) {
                if (id == null || id < 0 || id >= data.layers().size()) {
                    throw new InvalidInputException("layers: the result map of job '" + data.map().jobId()
                            + "' has no layer " + id + " (layers 0.." + (data.layers().size() - 1) + ")");
                }
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        List<Reprojection> toMap = new ArrayList<>();
        List<Reprojection> toLayer = new ArrayList<>();
        for (LayerData d : data.layers()) {
            boolean drawn = ids.contains(d.layer().id());
            // a layer of unknown spatial reference is taken to be in the map's
            SpatialReference layerSr = d.layer().spatialReference() != null ? d.layer().spatialReference()
                    : data.map().spatialReference();
            SpatialReference mapSr = req.bbox().spatialReference();
            toMap.add(drawn ? Reprojection.between(layerSr, mapSr, "bbox") : null);
            toLayer.add(drawn ? Reprojection.between(mapSr, layerSr, "bbox") : null);
        }
        ids.sort(null);
        // measured before drawing, so a map whose scale is unknown is refused at once
        MapScale scale = !req.scaleBar() && !req.northArrow() ? null : MapScale.of(req.bbox(),
                data.map().spatialReference(), req.width(), req.height(), req.scaleBar() ? "scaleBar" : "northArrow");
        BufferedImage img = new BufferedImage(req.width(), req.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
            if (!req.transparent()) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, req.width(), req.height());
            }
            Transform t = new Transform(req.bbox(), req.width(), req.height());
            for (int i = ids.size() - 1; i >= 0; i--) {
                LayerData d = data.layers().get(ids.get(i));
                MapLayer l = d.layer();
                Reprojection forward = toMap.get(l.id());
                Reprojection inverse = toLayer.get(l.id());
                if (l.type() == LayerType.RASTER_LAYER && d.grid() != null) {
                    drawGrid(img, d.grid(), t, inverse, d.symbology());
                } else if (l.type() == LayerType.FEATURE_LAYER) {
                    Envelope view = inverse.envelope(req.bbox());
                    for (LayerData.Row r : d.rows()) {
                        if (r.geometry() == null || !Geometries.intersects(r.geometry(), view)) {
                            continue;
                        }
                        if (req.time() != null && l.isTimeAware() && (r.time() == null
                                || !req.time().contains(r.time()))) {
                            continue;
                        }
                        Symbology.Symbol symbol = d.symbology().symbolFor(r.attributes());
                        if (symbol != null) {
                            draw(g, r.geometry(), t, forward, symbol);
                        }
                    }
                }
            }
            labels(g, data, ids, toMap, t, req, scale);
            decorate(g, scale, req);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The labels of the drawn feature layers, layer 0's placed first. */
    private static void labels(Graphics2D g, MapData data, List<Integer> ids, List<Reprojection> toMap, Transform t,
                               ExportRequest req, MapScale scale) {
        List<LabelPainter.Layer> labelled = new ArrayList<>();
        boolean scaled = false;
        for (Integer id : ids) {
            LayerData d = data.layers().get(id);
            if (d.layer().type() == LayerType.FEATURE_LAYER && !d.symbology().labeling().isEmpty()) {
                labelled.add(new LabelPainter.Layer(d, toMap.get(id)));
                scaled |= d.symbology().labeling().classes().stream().anyMatch(Labeling.LabelClass::scaleDependent);
            }
        }
        if (labelled.isEmpty()) {
            return;
        }
        double denominator = Double.NaN;
        if (scaled) {
            try {
                denominator = (scale != null ? scale : MapScale.of(req.bbox(), data.map().spatialReference(),
                        req.width(), req.height(), "bbox")).scale();
            } catch (InvalidInputException unknownScale) {
                // a map without a known spatial reference has no scale: scale ranges are ignored
            }
        }
        LabelPainter.draw(g, labelled, req, t::x, t::y, denominator);
    }

    /** The scale bar and north arrow the request asks for, over everything else. */
    private static void decorate(Graphics2D g, MapScale scale, ExportRequest req) {
        if (req.scaleBar()) {
            MapDecorations.scaleBar(g, scale, req.width(), req.height());
        }
        if (req.northArrow()) {
            MapDecorations.northArrow(g, scale, req.width());
        }
    }

    private record Transform(Envelope bbox, int width, int height) {
        double x(double wx) {
            return (wx - bbox.xmin()) * width / (bbox.xmax() - bbox.xmin());
        }

        double y(double wy) {
            return (bbox.ymax() - wy) * height / (bbox.ymax() - bbox.ymin());
        }
    }

    private static void draw(Graphics2D g, Geometry geom, Transform t, Reprojection p, Symbology.Symbol symbol) {
        List<List<List<Double>>> parts = Geometries.parts(geom);
        if (geom instanceof Geometry.Point || geom instanceof Geometry.Multipoint) {
            int size = symbol.size() > 0 ? symbol.size() : POINT_SIZE;
            for (List<List<Double>> part : parts) {
                List<Double> v = part.get(0);
                double[] c = p.point(v.get(0), v.get(1));
                if (Double.isNaN(c[0])) {
                    continue;
                }
                int px = (int) Math.floor(t.x(c[0]));
                int py = (int) Math.floor(t.y(c[1]));
                if (symbol.color() != null) {
                    g.setColor(symbol.color());
                    g.fillOval(px - size / 2, py - size / 2, size, size);
                }
                if (symbol.outline() != null && symbol.width() > 0) {
                    g.setColor(symbol.outline());
                    g.setStroke(new BasicStroke(symbol.width()));
                    g.drawOval(px - size / 2, py - size / 2, size, size);
                }
            }
            return;
        }
        boolean areal = geom instanceof Geometry.Polygon || geom instanceof Envelope;
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        for (List<List<Double>> part : parts) {
            for (int i = 0; i < part.size(); i++) {
                double[] c = p.point(part.get(i).get(0), part.get(i).get(1));
                double x = t.x(c[0]);
                double y = t.y(c[1]);
                if (i == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            if (areal) {
                path.closePath();
            }
        }
        if (areal && symbol.kind().equals("esriSFS")) {
            if (symbol.color() != null) {
                g.setColor(symbol.color());
                g.fill(path);
            }
            if (symbol.outline() != null && symbol.width() > 0) {
                g.setColor(symbol.outline());
                g.setStroke(new BasicStroke(symbol.width()));
                g.draw(path);
            }
        } else if (symbol.color() != null) {
            // a line symbol (or an outline-only drawing of a polygon given a line symbol)
            g.setColor(symbol.color());
            g.setStroke(new BasicStroke(symbol.width() > 0 ? symbol.width() : 1f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            g.draw(path);
        }
    }

    private static void drawGrid(BufferedImage img, Grid grid, Transform t, Reprojection toGrid, Symbology sym) {
        double min = grid.min();
        double max = grid.max();
        if (Double.isNaN(min)) {
            return;
        }
        Envelope b = t.bbox();
        double dx = (b.xmax() - b.xmin()) / t.width();
        double dy = (b.ymax() - b.ymin()) / t.height();
        for (int j = 0; j < t.height(); j++) {
            double wy = b.ymax() - (j + 0.5) * dy;
            for (int i = 0; i < t.width(); i++) {
                double[] c = toGrid.point(b.xmin() + (i + 0.5) * dx, wy);
                double v = Double.isNaN(c[0]) ? Double.NaN : grid.valueAt(c[0], c[1]);
                if (!Double.isNaN(v)) {
                    Integer classed = sym.cellColor(v);
                    int argb = classed != null ? classed : ramp(max > min ? (v - min) / (max - min) : 1.0);
                    if (classed == null || (argb >>> 24) == 0xFF) {
                        img.setRGB(i, j, argb);
                    } else if ((argb >>> 24) != 0) {
                        img.setRGB(i, j, over(argb, img.getRGB(i, j)));
                    }
                }
            }
        }
    }

    /** {@code top} composited over {@code bottom} (both ARGB). */
    private static int over(int top, int bottom) {
        double a = (top >>> 24) / 255.0;
        double b = (bottom >>> 24) / 255.0;
        double out = a + b * (1 - a);
        int argb = (int) Math.round(out * 255) << 24;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double c = ((top >> shift) & 0xFF) * a + ((bottom >> shift) & 0xFF) * b * (1 - a);
            argb |= (int) Math.round(out == 0 ? 0 : c / out) << shift;
        }
        return argb;
    }

    /** The ramp colour (opaque ARGB) at {@code f} in [0, 1]. */
    static int ramp(double f) {
        double s = Math.max(0, Math.min(1, f)) * (RAMP.length - 1);
        int k = Math.min((int) Math.floor(s), RAMP.length - 2);
        double u = s - k;
        int rgb = 0xFF;
        for (int c = 0; c < 3; c++) {
            rgb = (rgb << 8) | (int) Math.round(RAMP[k][c] + (RAMP[k + 1][c] - RAMP[k][c]) * u);
        }
        return rgb;
    }
}
