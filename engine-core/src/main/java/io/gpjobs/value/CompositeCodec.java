package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the container types: GPMultiValue and GPComposite, and infers types of untyped JSON. */
final class CompositeCodec {
    private CompositeCodec() {
    }

    /** Whether a composite may hold values of that type (not a value table, composite or multivalue). */
    static boolean canBeMember(GPDataType t) {
        return t.base() != GPDataType.Base.GPValueTable && t.base() != GPDataType.Base.GPComposite
                && t.base() != GPDataType.Base.GPMultiValue;
    }

    static List<GPDataType> memberTypes(List<ValueShape> infos) {
        return infos.stream().map(ValueShape::dataType).toList();
    }

    /**
     * The descriptors of a multivalue's element: the one descriptor's own infos when the definition lists the
     * element as a single entry, else the list itself.
     */
    static List<ValueShape> elementInfos(GPDataType element, List<ValueShape> infos) {
        if (infos.size() == 1 && infos.get(0).dataType().equals(element)) {
            return infos.get(0).members();
        }
        return infos;
    }

    static GPMultiValue readMulti(GPDataType type, List<ValueShape> infos, JsonNode json) {
        if (!json.isArray()) {
            throw Json.bad(type.wireName(), "expected a JSON array", json);
        }
        List<ValueShape> elementInfos = elementInfos(type.element(), infos);
        List<GPValue> values = new ArrayList<>();
        int i = 0;
        for (JsonNode e : json) {
            try {
                values.add(GPValueCodec.read(type.element(), elementInfos, e));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(type.wireName() + ": element " + i + ": " + ex.getMessage(), ex);
            }
            i++;
        }
        return new GPMultiValue(type.element(), values);
    }

    static ArrayNode writeMulti(GPMultiValue v) {
        ArrayNode a = Json.NODES.arrayNode();
        boolean composite = v.elementType().base() == GPDataType.Base.GPComposite;
        for (GPValue e : v.values()) {
            if (composite) {
                // clients decode a GPMultiValue:GPComposite item only when it says its own type
                ObjectNode item = a.addObject().put("dataType", e.dataType().wireName());
                item.set("value", GPValueCodec.write(e));
            } else {
                a.add(GPValueCodec.write(e));
            }
        }
        return a;
    }

    static GPValue readComposite(List<ValueShape> infos, JsonNode json) {
        List<GPDataType> members = memberTypes(infos);
        if (json.isObject() && json.has("dataType") && json.has("value") && json.get("dataType").isTextual()) {
            GPDataType t = GPDataType.parse(json.get("dataType").asText());
            if (!canBeMember(t) || (!members.isEmpty() && !members.contains(t))) {
                throw Json.bad("GPComposite", "dataType is not a member type " + names(members), t.wireName());
            }
            return GPValueCodec.read(t, List.of(), json.get("value"));
        }
        if (members.isEmpty()) {
            return infer(json);
        }
        for (ValueShape m : infos) {
            try {
                return GPValueCodec.read(m.dataType(), m.members(), json);
            } catch (IllegalArgumentException e) {
                // try the next member type, in declared order
            }
        }
        throw Json.bad("GPComposite", "value matches none of the member types " + names(members), json);
    }

    static GPValue readCompositeLiteral(List<ValueShape> infos, String literal) {
        String t = literal.strip();
        if (t.startsWith("{") && t.contains("\"dataType\"")) {
            return readComposite(infos, Json.parse("GPComposite", t));
        }
        if (infos.isEmpty()) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(t);
            } catch (java.io.IOException | RuntimeException e) {
                n = null;
            }
            return n == null || n.isMissingNode() || n.isNull() ? new GPString(literal) : infer(n);
        }
        for (ValueShape m : infos) {
            try {
                return GPValueCodec.readLiteral(m.dataType(), m.members(), literal);
            } catch (IllegalArgumentException e) {
                // try the next member type, in declared order
            }
        }
        throw Json.bad("GPComposite", "value matches none of the member types " + names(memberTypes(infos)), literal);
    }

    private static List<String> names(List<GPDataType> types) {
        return types.stream().map(GPDataType::wireName).toList();
    }

    private static boolean hasGeometry(JsonNode features) {
        if (features != null && features.isArray()) {
            for (JsonNode f : features) {
                if (f.has("geometry")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The type of untyped JSON, by its shape; for composite values and table cells without declared types. */
    static GPValue infer(JsonNode json) {
        if (json.isTextual()) {
            return new GPString(json.asText());
        }
        if (json.isBoolean()) {
            return GPBoolean.of(json.booleanValue());
        }
        if (json.isIntegralNumber() && json.canConvertToLong() && Math.abs(json.longValue()) <= GPLong.MAX_ABS) {
            return new GPLong(json.longValue());
        }
        if (json.isNumber()) {
            return ScalarCodec.readDouble(json);
        }
        if (json.isObject()) {
            if (json.has("distance")) {
                return SimpleCodec.readLinearUnit(json);
            }
            if (json.has("area")) {
                return SimpleCodec.readArealUnit(json);
            }
            if (json.has("geometryType") || json.has("featureSet") || hasGeometry(json.get("features"))) {
                return TableCodec.readFeatureSet(json);
            }
            if (json.has("features")) {
                return TableCodec.readRecordSet(json);
            }
            if (json.has("name") && json.has("type")) {
                return TableCodec.readField(json);
            }
            if (json.has("url") || json.has("itemID") || json.has("portalItemID")) {
                return SimpleCodec.readDataFile(json);
            }
        }
        throw Json.bad("GPComposite", "cannot tell the data type of this value; wrap it as "
                + "{\"dataType\":…,\"value\":…}", json);
    }
}
