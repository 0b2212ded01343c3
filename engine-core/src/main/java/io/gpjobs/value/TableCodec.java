package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes fields, record sets and feature sets (inline or by reference). */
final class TableCodec {
    private static final String RS = "GPRecordSet";
    private static final String FS = "GPFeatureRecordSetLayer";
    private static final String SET_SHAPE = "an Esri JSON feature set {geometryType, spatialReference, fields, "
            + "features: [{geometry, attributes}]} or a layer reference {url} / {itemID}";
    private static final String RECORD_SET_SHAPE = "an Esri JSON record set {fields, features: [{attributes}]} or a "
            + "table reference {url} / {itemID}";

    private TableCodec() {
    }

    static GPField readField(JsonNode n) {
        Json.requireObject("Field", n);
        String name = Json.requireText("Field", n, "name");
        String type = Json.requireText("Field", n, "type");
        FieldType ft;
        try {
            ft = FieldType.fromWireName(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Field '" + name + "': " + e.getMessage(), e);
        }
        return new GPField(name, ft, Json.optText("Field", n, "alias"), Json.optInt("Field", n, "length"),
                Json.optBoolean("Field", n, "nullable"), Json.optBoolean("Field", n, "editable"));
    }

    static ObjectNode writeField(GPField f) {
        ObjectNode o = Json.object().put("name", f.name()).put("type", f.type().wireName());
        SimpleCodec.putIf(o, "alias", f.alias());
        if (f.length() != null) {
            o.put("length", f.length());
        }
        if (f.nullable() != null) {
            o.put("nullable", f.nullable());
        }
        if (f.editable() != null) {
            o.put("editable", f.editable());
        }
        return o;
    }

    static GPRecordSet readRecordSet(JsonNode n) {
        if (n.isObject()) {
            Json.refuseGeoJson(RS, n, RECORD_SET_SHAPE);
        }
        LayerReference ref = reference(RS, n);
        if (ref != null) {
            return GPRecordSet.ofReference(ref);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode f : features(RS, n)) {
            rows.add(attributes(RS, f));
        }
        return new GPRecordSet(fields(RS, n), rows, exceeded(RS, n), null);
    }

    static ObjectNode writeRecordSet(GPRecordSet v) {
        if (v.reference() != null) {
            return writeReference(v.reference());
        }
        ObjectNode o = Json.object();
        o.set("fields", writeFields(v.fields()));
        ArrayNode fs = o.putArray("features");
        v.rows().forEach(r -> fs.addObject().set("attributes", writeAttributes(r)));
        return o.put("exceededTransferLimit", v.exceededTransferLimit());
    }

    static GPFeatureRecordSetLayer readFeatureSet(JsonNode n) {
        if (n.isObject()) {
            Json.refuseGeoJson(FS, n, SET_SHAPE);
        }
        LayerReference ref = reference(FS, n);
        if (ref != null) {
            return GPFeatureRecordSetLayer.ofReference(ref);
        }
        JsonNode layerDef = null;
        if (Json.member(n, "featureSet") != null) { // a layer / feature collection: {layerDefinition, featureSet}
            layerDef = Json.member(n, "layerDefinition");
            n = Json.requireObject(FS, n.get("featureSet"));
            Json.refuseGeoJson(FS, n, SET_SHAPE);
        }
        String gt = Json.optText(FS, n, "geometryType");
        if (gt == null && layerDef != null) {
            gt = Json.optText(FS, layerDef, "geometryType");
        }
        GeometryType type;
        try {
            type = gt == null ? GeometryType.POINT : GeometryType.fromWireName(gt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FS + ": " + e.getMessage(), e);
        }
        SpatialReference sr = GeometryCodec.readSpatialReference(n.get("spatialReference"));
        boolean hasZ = Boolean.TRUE.equals(Json.optBoolean(FS, n, "hasZ"));
        boolean hasM = Boolean.TRUE.equals(Json.optBoolean(FS, n, "hasM"));
        List<GPField> fields = fields(FS, Json.member(n, "fields") == null && layerDef != null ? layerDef : n);
        List<Feature> features = new ArrayList<>();
        int i = 0;
        for (JsonNode f : features(FS, n)) {
            JsonNode g = Json.member(f, "geometry");
            Geometry geometry = null;
            if (g != null) {
                if (sr == null) { // the set has none: adopt the one clients put on each geometry
                    sr = GeometryCodec.readSpatialReference(g.get("spatialReference"));
                }
                JsonNode withFlags = g;
                if (g.isObject() && ((hasZ && !g.has("hasZ")) || (hasM && !g.has("hasM")))) {
                    // a geometry states z and m only where it differs from the set
                    ObjectNode copy = g.deepCopy();
                    if (!g.has("hasZ")) {
                        copy.put("hasZ", hasZ);
                    }
                    if (!g.has("hasM")) {
                        copy.put("hasM", hasM);
                    }
                    withFlags = copy;
                }
                try {
                    geometry = GeometryCodec.read(type, withFlags, false);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(FS + ": feature " + i + ": " + e.getMessage(), e);
                }
            }
            features.add(new Feature(geometry, attributes(FS, f)));
            i++;
        }
        return new GPFeatureRecordSetLayer(type, sr, hasZ, hasM, fields, features, exceeded(FS, n), null);
    }

    static ObjectNode writeFeatureSet(GPFeatureRecordSetLayer v) {
        if (v.reference() != null) {
            return writeReference(v.reference());
        }
        ObjectNode o = Json.object().put("geometryType", v.geometryType().wireName());
        if (v.spatialReference() != null) {
            o.set("spatialReference", GeometryCodec.writeSpatialReference(v.spatialReference()));
        }
        if (v.hasZ()) {
            o.put("hasZ", true);
        }
        if (v.hasM()) {
            o.put("hasM", true);
        }
        o.set("fields", writeFields(v.fields()));
        ArrayNode fs = o.putArray("features");
        for (Feature f : v.features()) {
            ObjectNode fo = fs.addObject();
            if (f.geometry() != null) {
                ObjectNode g = GeometryCodec.write(f.geometry(), false);
                flag(g, "hasZ", v.hasZ());
                flag(g, "hasM", v.hasM());
                fo.set("geometry", g);
            }
            fo.set("attributes", writeAttributes(f.attributes()));
        }
        return o.put("exceededTransferLimit", v.exceededTransferLimit());
    }

    /** The set states z and m once; a geometry repeats a flag only where it differs (points and envelopes never). */
    private static void flag(ObjectNode g, String name, boolean setFlag) {
        boolean own = g.path(name).asBoolean(false);
        boolean flagged = g.has("points") || g.has("paths") || g.has("rings");
        g.remove(name);
        if (flagged && own != setFlag) {
            g.put(name, own);
        }
    }

    private static LayerReference reference(String type, JsonNode n) {
        if (n.isTextual() && SimpleCodec.isUrl(n.asText())) {
            return LayerReference.ofUrl(n.asText().strip());
        }
        Json.requireObject(type, n);
        if (n.has("features") || n.has("featureSet") || (!n.has("url") && !n.has("itemID"))) {
            return null;
        }
        String url = Json.optText(type, n, "url");
        String item = Json.optText(type, n, "itemID");
        if (GPDataFile.count(url) + GPDataFile.count(item) != 1) {
            throw Json.bad(type, "expected exactly one of url, itemID", n);
        }
        JsonNode time = Json.member(n, "time");
        if (time != null && !time.isTextual() && !time.isIntegralNumber()) {
            throw Json.bad(type, "'time' must be epoch ms or \"<from>,<to>\"", time);
        }
        return new LayerReference(url, item, Json.optText(type, n, "filter"), time == null ? null : time.asText());
    }

    private static ObjectNode writeReference(LayerReference r) {
        ObjectNode o = Json.object();
        SimpleCodec.putIf(o, "url", r.url());
        SimpleCodec.putIf(o, "itemID", r.itemID());
        SimpleCodec.putIf(o, "filter", r.filter());
        if (r.time() != null) {
            if (r.time().matches("-?\\d{1,18}")) {
                o.put("time", Long.parseLong(r.time()));
            } else {
                o.put("time", r.time());
            }
        }
        return o;
    }

    private static List<GPField> fields(String type, JsonNode n) {
        JsonNode fs = Json.member(n, "fields");
        List<GPField> out = new ArrayList<>();
        if (fs == null) {
            return out;
        }
        if (!fs.isArray()) {
            throw Json.bad(type, "'fields' must be an array", fs);
        }
        for (JsonNode f : fs) {
            try {
                out.add(readField(f));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static ArrayNode writeFields(List<GPField> fields) {
        ArrayNode a = Json.NODES.arrayNode();
        fields.forEach(f -> a.add(writeField(f)));
        return a;
    }

    private static JsonNode features(String type, JsonNode n) {
        JsonNode fs = Json.member(n, "features");
        if (fs == null || !fs.isArray()) {
            throw Json.bad(type, "'features' must be an array", n);
        }
        for (JsonNode f : fs) {
            if (!f.isObject()) {
                throw Json.bad(type, "each feature must be an object", f);
            }
            Json.refuseGeoJson(type, f, "each feature as {geometry, attributes}");
            if (!f.has("geometry") && !f.has("attributes") && f.size() > 0) {
                // clients add symbol, popupTemplate, … beside these two, but a feature with neither is not ours
                throw Json.bad(type, "a feature needs 'geometry' or 'attributes'", f);
            }
        }
        return fs;
    }

    private static boolean exceeded(String type, JsonNode n) {
        return Boolean.TRUE.equals(Json.optBoolean(type, n, "exceededTransferLimit"));
    }

    private static Map<String, Object> attributes(String type, JsonNode feature) {
        JsonNode a = Json.member(feature, "attributes");
        Map<String, Object> out = new LinkedHashMap<>();
        if (a == null) {
            return out;
        }
        if (!a.isObject()) {
            throw Json.bad(type, "'attributes' must be an object", a);
        }
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isTextual()) {
                value = v.asText();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else {
                throw Json.bad(type, "attribute '" + e.getKey() + "' must be a string, number, boolean or null", v);
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static ObjectNode writeAttributes(Map<String, Object> attributes) {
        ObjectNode o = Json.object();
        attributes.forEach((k, v) -> {
            if (v == null) {
                o.putNull(k);
            } else if (v instanceof String s) {
                o.put(k, s);
            } else if (v instanceof Long l) {
                o.put(k, l);
            } else if (v instanceof Double d) {
                o.put(k, d);
            } else {
                o.put(k, (Boolean) v);
            }
        });
        return o;
    }
}
