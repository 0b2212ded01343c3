package io.gpjobs.map.internal;

import io.gpjobs.map.Reprojection;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPException;
import io.gpjobs.InvalidInputException;
import io.gpjobs.map.LayerQuery;
import io.gpjobs.map.LayerType;
import io.gpjobs.map.MapLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Runs a layer query over a loaded map: filters, field selection, paging and the transfer limit. Stateless. */
public final class QueryRunner {
    private QueryRunner() {
    }

    /** The layer {@code id} of a map, or a 404 naming the job and the ids it has. */
    public static LayerData layer(MapData data, int id) {
        if (id < 0 || id >= data.layers().size()) {
            throw new GPException(404, "Layer not found.", List.of("the result map of job '" + data.map().jobId()
                    + "' has no layer " + id + (data.layers().isEmpty() ? " (it has no layers)"
                    : " (layers 0.." + (data.layers().size() - 1) + ")")));
        }
        return data.layers().get(id);
    }

    /**
     * Runs {@code q} on layer {@code id}.
     *
     * @return the feature-set JSON {@code {objectIdFieldName, geometryType, spatialReference, fields, features,
     *         exceededTransferLimit}}, or {@code {"count":n}}
     */
    public static ObjectNode query(MapData data, int id, LayerQuery q) {
        LayerData d = layer(data, id);
        MapLayer l = d.layer();
        if (l.type() == LayerType.RASTER_LAYER) {
            throw new GPException(400, "Requested operation is not supported by this layer.",
                    List.of("layer " + id + " ('" + l.name() + "') is a raster layer; query needs a feature layer "
                            + "or a table"));
        }
        if (q.envelope() != null && l.type() == LayerType.TABLE) {
            throw new InvalidInputException("geometry: layer " + id + " ('" + l.name() + "') is a table and has no "
                    + "geometry to filter by");
        }
        Envelope env = q.envelope() == null ? null
                : Reprojection.between(q.envelope().spatialReference(), l.spatialReference() != null
                        ? l.spatialReference() : data.map().spatialReference(), "geometry")
                .envelope(q.envelope());
        WhereExpr where = WhereParser.parse(q.where(), l.fields());
        List<GPField> out = outFields(l, q.outFields());
        List<LayerData.Row> matched = new ArrayList<>();
        for (LayerData.Row r : d.rows()) {
            if (q.time() != null && l.isTimeAware() && (r.time() == null || !q.time().contains(r.time()))) {
                continue;
            }
            if (env != null && (r.geometry() == null || !Geometries.intersects(r.geometry(), env))) {
                continue;
            }
            if (where.matches(r.attributes())) {
                matched.add(r);
            }
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (q.returnCountOnly()) {
            o.put("count", matched.size());
            return o;
        }
        int max = data.map().maxRecordCount();
        int pageSize = q.resultRecordCount() == null ? max : Math.min(q.resultRecordCount(), max);
        int from = Math.min(q.resultOffset(), matched.size());
        int to = (int) Math.min(matched.size(), (long) from + pageSize);
        o.put("objectIdFieldName", l.objectIdField());
        SpatialReference layerSr = l.spatialReference() != null ? l.spatialReference() : data.map().spatialReference();
        SpatialReference outSr = q.outSpatialReference() != null ? q.outSpatialReference() : layerSr;
        Reprojection toOut = Reprojection.between(layerSr, outSr, "outSR");
        if (l.type() == LayerType.FEATURE_LAYER && l.geometryType() != null) {
            o.put("geometryType", l.geometryType().wireName());
            if (outSr != null) {
                o.set("spatialReference", GPValueCodec.writeSpatialReference(outSr));
            }
        }
        ArrayNode fields = o.putArray("fields");
        out.forEach(fd -> fields.add(GPValueCodec.write(fd)));
        ArrayNode features = o.putArray("features");
        for (LayerData.Row r : matched.subList(from, to)) {
            ObjectNode feature = features.addObject();
            ObjectNode attrs = feature.putObject("attributes");
            for (GPField fd : out) {
                put(attrs, fd.name(), r.attributes().get(fd.name()));
            }
            if (q.returnGeometry() && l.type() == LayerType.FEATURE_LAYER && r.geometry() != null) {
                feature.set("geometry", GPValueCodec.writeGeometry(Geometries.transform(r.geometry(), toOut)));
            }
        }
        o.put("exceededTransferLimit", to < matched.size());
        return o;
    }

    static boolean sameSpatialReference(SpatialReference a, SpatialReference b) {
        Integer wa = a.latestWkid() != null ? a.latestWkid() : a.wkid();
        Integer wb = b.latestWkid() != null ? b.latestWkid() : b.wkid();
        if (wa != null && wb != null) {
            return normalise(wa) == normalise(wb);
        }
        return a.wkt() != null && a.wkt().equals(b.wkt());
    }

    private static int normalise(int wkid) {
        return wkid == 102100 || wkid == 900913 ? 3857 : wkid;
    }

    private static List<GPField> outFields(MapLayer l, List<String> names) {
        if (names == null || names.isEmpty() || names.contains("*")) {
            return l.fields();
        }
        Set<String> want = new LinkedHashSet<>();
        want.add(l.objectIdField().toLowerCase(Locale.ROOT));
        for (String n : names) {
            String key = n == null ? "" : n.strip().toLowerCase(Locale.ROOT);
            if (l.fields().stream().noneMatch(fd -> fd.name().toLowerCase(Locale.ROOT).equals(key))) {
                throw new InvalidInputException("outFields: layer " + l.id() + " ('" + l.name() + "') has no field '"
                        + n + "' (fields: " + String.join(", ", l.fields().stream().map(GPField::name).toList()) + ")");
            }
            want.add(key);
        }
        return l.fields().stream().filter(fd -> want.contains(fd.name().toLowerCase(Locale.ROOT))).toList();
    }

    static void put(ObjectNode o, String name, Object v) {
        if (v == null) {
            o.putNull(name);
        } else if (v instanceof Long x) {
            o.put(name, x);
        } else if (v instanceof Double x) {
            o.put(name, x);
        } else if (v instanceof Boolean x) {
            o.put(name, x);
        } else {
            o.put(name, v.toString());
        }
    }
}
