package io.gpjobs.map.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.map.LayerType;
import io.gpjobs.map.MapLayer;
import io.gpjobs.value.GeometryType;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * The legend resource, from each layer's symbology: a 20 x 20 px swatch per renderer class or value, labelled as
 * the renderer labels it (for a raster without a class-breaks renderer, the high and low ends of its ramp, labelled
 * with its value range), as base64 PNG. Tables have no legend. Stateless.
 */
public final class Legend {
    private static final int SIZE = 20;

    private Legend() {
    }

    /** {@code {"layers":[{"layerId","layerName","layerType","minScale","maxScale","legend":[…]}]}} */
    public static ObjectNode json(MapData data) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode layers = o.putArray("layers");
        for (LayerData d : data.layers()) {
            MapLayer l = d.layer();
            if (l.type() == LayerType.TABLE) {
                continue;
            }
            ObjectNode entry = layers.addObject();
            entry.put("layerId", l.id());
            entry.put("layerName", l.name());
            entry.put("layerType", l.type().wireName());
            entry.put("minScale", 0);
            entry.put("maxScale", 0);
            ArrayNode legend = entry.putArray("legend");
            if (l.type() == LayerType.RASTER_LAYER && d.symbology().classesCells()) {
                for (Symbology.Entry e : d.symbology().legend()) {
                    swatch(legend, e.label(), fill(e.symbol().color() == null ? 0 : e.symbol().color().getRGB()));
                }
            } else if (l.type() == LayerType.RASTER_LAYER) {
                Grid g = d.grid();
                swatch(legend, "High : " + (g == null ? "" : number(g.max())), fill(MapRenderer.ramp(1)));
                swatch(legend, "Low : " + (g == null ? "" : number(g.min())), fill(MapRenderer.ramp(0)));
            } else {
                for (Symbology.Entry e : d.symbology().legend()) {
                    swatch(legend, e.label(), symbol(l.geometryType(), e.symbol()));
                }
                if (d.symbology().legend().isEmpty()) {
                    swatch(legend, "", symbol(l.geometryType(), d.symbology().symbolFor(java.util.Map.of())));
                }
            }
        }
        return o;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NoData" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Float.toString((float) v);
    }

    private static void swatch(ArrayNode legend, String label, BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode s = legend.addObject();
        s.put("label", label);
        s.put("imageData", Base64.getEncoder().encodeToString(out.toByteArray()));
        s.put("contentType", "image/png");
        s.put("height", SIZE);
        s.put("width", SIZE);
    }

    private static BufferedImage fill(int argb) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        for (int y = 2; y < SIZE - 2; y++) {
            for (int x = 2; x < SIZE - 2; x++) {
                img.setRGB(x, y, argb);
            }
        }
        return img;
    }

    private static BufferedImage symbol(GeometryType type, Symbology.Symbol sym) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            if (sym == null) {
                g.setColor(Color.GRAY);
                g.drawRect(2, 2, SIZE - 5, SIZE - 5);
            } else if (sym.kind().equals("esriSLS") || type == GeometryType.POLYLINE) {
                paint(g, sym.color());
                g.setStroke(new BasicStroke(Math.max(1f, sym.width()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.drawLine(3, SIZE / 2, SIZE - 4, SIZE / 2);
            } else if (sym.kind().equals("esriSFS")) {
                if (paint(g, sym.color())) {
                    g.fillRect(2, 2, SIZE - 4, SIZE - 4);
                }
                if (paint(g, sym.outline())) {
                    g.drawRect(2, 2, SIZE - 5, SIZE - 5);
                }
            } else {
                int s = Math.min(SIZE - 2, sym.size());
                if (paint(g, sym.color())) {
                    g.fillOval(SIZE / 2 - s / 2, SIZE / 2 - s / 2, s, s);
                }
                if (paint(g, sym.outline())) {
                    g.drawOval(SIZE / 2 - s / 2, SIZE / 2 - s / 2, s, s);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static boolean paint(Graphics2D g, Color c) {
        if (c != null) {
            g.setColor(c);
        }
        return c != null;
    }
}
