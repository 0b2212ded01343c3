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
 * The legend resource: one 20 x 20 px swatch per layer drawn with {@link MapRenderer}'s symbols (for a raster, the
 * high and low ends of its ramp, labelled with its value range), as base64 PNG. Tables have no legend. Stateless.
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
            if (l.type() == LayerType.RASTER_LAYER) {
                Grid g = d.grid();
                swatch(legend, "High : " + (g == null ? "" : number(g.max())), fill(MapRenderer.ramp(1)));
                swatch(legend, "Low : " + (g == null ? "" : number(g.min())), fill(MapRenderer.ramp(0)));
            } else {
                swatch(legend, "", symbol(l.geometryType()));
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

    private static BufferedImage symbol(GeometryType type) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            if (type == GeometryType.POLYLINE) {
                g.setColor(MapRenderer.LINE);
                g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.drawLine(3, SIZE / 2, SIZE - 4, SIZE / 2);
            } else if (type == GeometryType.POLYGON || type == GeometryType.ENVELOPE) {
                g.setColor(MapRenderer.FILL);
                g.fillRect(2, 2, SIZE - 4, SIZE - 4);
                g.setColor(MapRenderer.OUTLINE);
                g.drawRect(2, 2, SIZE - 5, SIZE - 5);
            } else if (type != null) {
                g.setColor(MapRenderer.POINT);
                int s = MapRenderer.POINT_SIZE;
                g.fillOval(SIZE / 2 - s / 2, SIZE / 2 - s / 2, s, s);
            } else {
                g.setColor(Color.GRAY);
                g.drawRect(2, 2, SIZE - 5, SIZE - 5);
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
