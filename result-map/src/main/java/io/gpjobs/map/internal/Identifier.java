package io.gpjobs.map.internal;

import io.gpjobs.map.Reprojection;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.InvalidInputException;
import io.gpjobs.map.IdentifyRequest;
import io.gpjobs.map.LayerType;
import io.gpjobs.map.MapLayer;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The identify operation: features within the tolerance of a point and raster cell values under it, layer by layer
 * in id order, at most {@code maxRecordCount} results. Stateless.
 */
public final class Identifier {
    private Identifier() {
    }

    /** The identify response {@code {"results":[{layerId, layerName, displayFieldName, value, attributes, …}]}}. */
    public static ObjectNode identify(MapData data, IdentifyRequest req) {
        List<Integer> ids = new ArrayList<>();
        if (req.layers().isEmpty()) {
            data.layers().forEach(d -> ids.add(d.layer().id()));
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
            ids.sort(null);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode results = o.putArray("results");
        int max = data.map().maxRecordCount();
        double tol = req.toleranceInMapUnits();
        Geometry.Point p = req.point();
        Envelope around = new Envelope(p.x() - tol, p.y() - tol, p.x() + tol, p.y() + tol, null);
        for (int id : ids) {
            LayerData d = data.layers().get(id);
            MapLayer l = d.layer();
            if (l.type() == LayerType.TABLE || results.size() >= max) {
                continue;
            }
            SpatialReference layerSr = l.spatialReference() != null ? l.spatialReference()
                    : data.map().spatialReference();
            Reprojection toLayer = Reprojection.between(req.spatialReference(), layerSr, "geometry");
            if (l.type() == LayerType.RASTER_LAYER) {
                Grid g = d.grid();
                double[] c = toLayer.point(p.x(), p.y());
                double x = c[0];
                double y = c[1];
                if (g != null && Geometries.overlaps(g.extent(), new Envelope(x, y, x, y, null))) {
                    double v = g.valueAt(x, y);
                    String text = Double.isNaN(v) ? "NoData" : v == Math.rint(v) && Math.abs(v) < 1e15
                            ? Long.toString((long) v) : Float.toString((float) v);
                    ObjectNode r = result(results, l, "Pixel Value", text);
                    r.putObject("attributes").put("Pixel Value", text);
                }
                continue;
            }
            Envelope search = toLayer.envelope(around);
            for (LayerData.Row row : d.rows()) {
                if (results.size() >= max) {
                    break;
                }
                if (row.geometry() == null || !Geometries.intersects(row.geometry(), search)) {
                    continue;
                }
                if (req.time() != null && l.isTimeAware() && (row.time() == null || !req.time().contains(row.time()))) {
                    continue;
                }
                String display = l.displayField();
                Object dv = row.attributes().get(display);
                ObjectNode r = result(results, l, display, dv == null ? "Null" : String.valueOf(dv));
                ObjectNode attrs = r.putObject("attributes");
                for (Map.Entry<String, Object> e : row.attributes().entrySet()) {
                    QueryRunner.put(attrs, e.getKey(), e.getValue());
                }
                if (l.geometryType() != null) {
                    r.put("geometryType", l.geometryType().wireName());
                }
                if (req.returnGeometry()) {
                    // in the request's spatial reference, like the point
                    SpatialReference outSr = req.spatialReference() != null ? req.spatialReference() : layerSr;
                    Reprojection toRequest = Reprojection.between(layerSr, outSr, "geometry");
                    ObjectNode geom = (ObjectNode) GPValueCodec.writeGeometry(
                            Geometries.transform(row.geometry(), toRequest));
                    if (outSr != null) {
                        geom.set("spatialReference", GPValueCodec.writeSpatialReference(outSr));
                    }
                    r.set("geometry", geom);
                }
            }
        }
        return o;
    }

    private static ObjectNode result(ArrayNode results, MapLayer l, String displayField, String value) {
        ObjectNode r = results.addObject();
        r.put("layerId", l.id());
        r.put("layerName", l.name());
        r.put("displayFieldName", displayField);
        r.put("value", value);
        return r;
    }
}
