package io.gpjobs.spi;

import java.util.Objects;

/**
 * A parameter value as a store keeps it: the wire data type and the value's wire JSON text. Stores treat the
 * JSON as opaque text; the engine encodes and decodes it with {@code GPValueCodec}.
 *
 * @param dataType the wire data type, e.g. {@code GPLong} or {@code GPMultiValue:GPString}
 * @param json     the value's JSON text, e.g. {@code 345} or {@code {"distance":5,"units":"esriMeters"}}
 */
public record StoredValue(String dataType, String json) {
    public StoredValue {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(json, "json");
    }
}
