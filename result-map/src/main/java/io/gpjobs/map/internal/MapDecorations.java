package io.gpjobs.map.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;

/**
 * The scale bar and north arrow an export draws on request, each on a translucent white panel so it reads over any
 * fill. The scale bar (bottom left) is a black bar {@value #BAR_HEIGHT} px high whose length is the longest
 * 1/2/5 x 10^n ground distance ({@link MapScale#niceLength}) that fits in a quarter of the image width (40 to 300
 * px), stated above it ({@code 500 m}, {@code 2 km}); the north arrow (top right) points to true north at the map's
 * centre ({@link MapScale#northDegrees}). Stateless.
 */
final class MapDecorations {
    static final int MARGIN = 10;
    static final int BAR_HEIGHT = 4;
    static final Color PANEL = new Color(255, 255, 255, 200);
    static final Color INK = Color.BLACK;
    static final Color EDGE = new Color(150, 150, 150);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font NORTH = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private MapDecorations() {
    }

    /** The scale bar's length in pixels and what it states, for an image {@code width} pixels wide. */
    record Bar(int pixels, double metres, String label) {
        static Bar of(MapScale scale, int width) {
            int max = Math.max(40, Math.min(300, width / 4));
            double metres = scale.niceLength(max);
            return new Bar((int) Math.round(metres / scale.metresPerPixel()), metres, MapScale.label(metres));
        }
    }

    static void scaleBar(Graphics2D g, MapScale scale, int width, int height) {
        Bar bar = Bar.of(scale, width);
        text(g);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        int panelW = Math.max(bar.pixels(), fm.stringWidth(bar.label())) + 16;
        int panelH = fm.getAscent() + BAR_HEIGHT + 18;
        int x0 = MARGIN;
        int y0 = height - MARGIN - panelH;
        g.setColor(PANEL);
        g.fillRect(x0, y0, panelW, panelH);
        g.setColor(EDGE);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, panelW - 1, panelH - 1);
        int barX = x0 + 8;
        int barY = y0 + panelH - 8 - BAR_HEIGHT;
        g.setColor(INK);
        g.fillRect(barX, barY, bar.pixels(), BAR_HEIGHT);
        // end ticks, inside the bar's length so a row through the bar is exactly its length
        g.fillRect(barX, barY - 4, 1, 4);
        g.fillRect(barX + bar.pixels() - 1, barY - 4, 1, 4);
        g.drawString(bar.label(), barX, barY - 6);
    }

    static void northArrow(Graphics2D g, MapScale scale, int width) {
        int r = 22;
        int cx = width - MARGIN - r;
        int cy = MARGIN + r;
        g.setColor(PANEL);
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(EDGE);
        g.setStroke(new BasicStroke(1f));
        g.drawOval(cx - r, cy - r, 2 * r, 2 * r);
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(Math.toRadians(scale.northDegrees()));
        Path2D.Double left = new Path2D.Double();
        left.moveTo(0, -10);
        left.lineTo(-7, 14);
        left.lineTo(0, 9);
        left.closePath();
        Path2D.Double right = new Path2D.Double();
        right.moveTo(0, -10);
        right.lineTo(7, 14);
        right.lineTo(0, 9);
        right.closePath();
        g.setColor(INK);
        g.fill(left);
        g.setColor(Color.WHITE);
        g.fill(right);
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.draw(right);
        text(g);
        g.setFont(NORTH);
        FontMetrics fm = g.getFontMetrics();
        g.drawString("N", -fm.stringWidth("N") / 2, -11);
        g.setTransform(saved);
    }

    /** Antialiased text, whatever the shapes use: text without it is hard to read. */
    static void text(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    }
}
