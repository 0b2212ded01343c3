package io.gpjobs.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks and copies attribute maps: insertion-ordered, unmodifiable, values String, Long, Double, Boolean or null. */
final class Attributes {
    private Attributes() {
    }

    static Map<String, Object> copy(Map<String, ?> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : attributes.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("attribute names must not be null");
            }
            out.put(e.getKey(), normalise(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object normalise(String name, Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("attribute '" + name + "' must be a finite number, got " + v);
            }
            return d;
        }
        throw new IllegalArgumentException("attribute '" + name + "' must be a string, number, boolean or null, got a "
                + v.getClass().getSimpleName() + " " + Json.show(v));
    }
}
