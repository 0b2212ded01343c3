package io.gpjobs.map.internal;

import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.Reprojection;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import java.awt.BasicStroke;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Draws the labels of an export ({@link Labeling}) over every layer: layer 0's first, each label only where it
 * overlaps no label already drawn (so crowded labels drop out rather than pile up), text antialiased with its halo.
 * Stateless.
 */
final class LabelPainter {

    /** A layer to label: its data and the conversion of its coordinates to the export's. */
    record Layer(LayerData data, Reprojection toMap) {
    }

    private LabelPainter() {
    }

    /**
     * Labels the layers, in the order given (first placed wins a conflict).
     *
     * @param x     map x to image x
     * @param y     map y to image y
     * @param scale the map's scale denominator, or NaN when unknown (scale ranges are then ignored)
     */
    static void draw(Graphics2D g, List<Layer> layers, ExportRequest req, DoubleUnaryOperator x,
                     DoubleUnaryOperator y, double scale) {
        List<Rectangle2D> placed = new ArrayList<>();
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        MapDecorations.text(g);
        try {
            for (Layer layer : layers) {
                LayerData d = layer.data();
                Envelope view = layer.toMap().isIdentity() ? req.bbox() : null;
                for (Labeling.LabelClass c : d.symbology().labeling().classes()) {
                    if (!c.visibleAt(scale)) {
                        continue;
                    }
                    WhereExpr where = c.where() == null ? null : WhereParser.parse(c.where(), d.layer().fields());
                    for (LayerData.Row r : d.rows()) {
                        if (r.geometry() == null || (view != null && !Geometries.intersects(r.geometry(), view))
                                || (req.time() != null && d.layer().isTimeAware() && (r.time() == null
                                || !req.time().contains(r.time())))
                                || (where != null && !where.matches(r.attributes()))) {
                            continue;
                        }
                        String text = c.text(r.attributes());
                        double[] anchor = text.isEmpty() ? null : anchor(r.geometry(), layer.toMap(), x, y);
                        if (anchor != null) {
                            int size = d.symbology().symbolFor(r.attributes()) == null ? 0
                                    : d.symbology().symbolFor(r.attributes()).size();
                            label(g, c, text, anchor, size, req, placed);
                        }
                    }
                }
            }
        } finally {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        }
    }

    /** Where a feature's label goes, in image pixels: a point, the middle of a line, inside a polygon. */
    private static double[] anchor(Geometry geom, Reprojection p, DoubleUnaryOperator x, DoubleUnaryOperator y) {
        List<List<double[]>> parts = new ArrayList<>();
        for (List<List<Double>> part : Geometries.parts(geom)) {
            List<double[]> px = new ArrayList<>(part.size());
            for (List<Double> v : part) {
                double[] c = p.point(v.get(0), v.get(1));
                if (!Double.isNaN(c[0])) {
                    px.add(new double[] {x.applyAsDouble(c[0]), y.applyAsDouble(c[1])});
                }
            }
            if (!px.isEmpty()) {
                parts.add(px);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (geom instanceof Geometry.Polygon || geom instanceof Envelope) {
            return inside(parts);
        }
        return geom instanceof Geometry.Polyline ? middle(parts.get(0)) : parts.get(0).get(0);
    }

    /** The point halfway along a path. */
    private static double[] middle(List<double[]> path) {
        double total = 0;
        for (int i = 1; i < path.size(); i++) {
            total += Math.hypot(path.get(i)[0] - path.get(i - 1)[0], path.get(i)[1] - path.get(i - 1)[1]);
        }
        double left = total / 2;
        for (int i = 1; i < path.size(); i++) {
            double[] a = path.get(i - 1);
            double[] b = path.get(i);
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (len >= left && len > 0) {
                return new double[] {a[0] + (b[0] - a[0]) * left / len, a[1] + (b[1] - a[1]) * left / len};
            }
            left -= len;
        }
        return path.get(0);
    }

    /**
     * A point inside a polygon (rings by the even-odd rule), away from its edges: among 19 rows across its height,
     * the inside span whose width times the row's nearness to the middle height is largest; then, on the vertical
     * through that span's middle, the middle of the inside run that holds it.
     */
    static double[] inside(List<List<double[]>> rings) {
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (List<double[]> ring : rings) {
            for (double[] v : ring) {
                ymin = Math.min(ymin, v[1]);
                ymax = Math.max(ymax, v[1]);
            }
        }
        double[] best = null;
        double bestScore = -1;
        for (int row = 1; row < 20; row++) {
            double y = ymin + (ymax - ymin) * row / 20.0;
            List<Double> xs = crossings(rings, y, false);
            double nearness = 1 - Math.pow((row - 10) / 10.0, 2);
            for (int i = 0; i + 1 < xs.size(); i += 2) {
                double score = (xs.get(i + 1) - xs.get(i)) * nearness;
                if (score > bestScore) {
                    bestScore = score;
                    best = new double[] {(xs.get(i) + xs.get(i + 1)) / 2, y};
                }
            }
        }
        if (best == null) {
            return rings.get(0).get(0);
        }
        List<Double> ys = crossings(rings, best[0], true);
        for (int i = 0; i + 1 < ys.size(); i += 2) {
            if (ys.get(i) <= best[1] && best[1] <= ys.get(i + 1)) {
                return new double[] {best[0], (ys.get(i) + ys.get(i + 1)) / 2};
            }
        }
        return best;
    }

    /** Where the rings' edges cross the horizontal line at {@code at} (or the vertical one), sorted. */
    private static List<Double> crossings(List<List<double[]>> rings, double at, boolean vertical) {
        int u = vertical ? 1 : 0; // the coordinate returned
        int v = 1 - u;            // the coordinate compared with at
        List<Double> out = new ArrayList<>();
        for (List<double[]> ring : rings) {
            for (int i = 0; i < ring.size(); i++) {
                double[] a = ring.get(i);
                double[] b = ring.get((i + 1) % ring.size());
                if ((a[v] <= at) != (b[v] <= at)) {
                    out.add(a[u] + (at - a[v]) / (b[v] - a[v]) * (b[u] - a[u]));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static void label(Graphics2D g, Labeling.LabelClass c, String text, double[] at, int symbolSize,
                              ExportRequest req, List<Rectangle2D> placed) {
        g.setFont(c.font());
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text);
        double ascent = fm.getAscent();
        double h = ascent + fm.getDescent();
        String p = c.placement();
        double gap = symbolSize / 2.0 + 2;
        double left;
        double top;
        if (p.startsWith("esriServerPointLabelPlacement")) {
            String rest = p.substring("esriServerPointLabelPlacement".length());
            top = rest.startsWith("Above") ? at[1] - gap - h : rest.startsWith("Below") ? at[1] + gap : at[1] - h / 2;
            left = rest.endsWith("Left") ? at[0] - gap - w : rest.endsWith("Right") ? at[0] + gap : at[0] - w / 2;
        } else if (p.startsWith("esriServerLinePlacement")) {
            String rest = p.substring("esriServerLinePlacement".length());
            top = rest.startsWith("Above") ? at[1] - 4 - h : rest.startsWith("Below") ? at[1] + 4 : at[1] - h / 2;
            left = at[0] - w / 2;
        } else {
            top = at[1] - h / 2;
            left = at[0] - w / 2;
        }
        left += c.dx();
        top -= c.dy();
        Rectangle2D box = new Rectangle2D.Double(left - c.haloPx(), top - c.haloPx(), w + 2 * c.haloPx(),
                h + 2 * c.haloPx());
        if (!box.intersects(0, 0, req.width(), req.height())) {
            return;
        }
        for (Rectangle2D other : placed) {
            if (other.intersects(box)) {
                return;
            }
        }
        placed.add(box);
        TextLayout layout = new TextLayout(text, c.font(), g.getFontRenderContext());
        Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(left, top + ascent));
        if (c.halo() != null && c.haloPx() > 0) {
            g.setColor(c.halo());
            g.setStroke(new BasicStroke(2 * c.haloPx(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(outline);
        }
        g.setColor(c.color());
        g.fill(outline);
    }
}
