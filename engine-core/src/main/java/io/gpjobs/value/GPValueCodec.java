package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads and writes GP values as the wire JSON of the GP REST contract, and reads the form literals REST
 * inputs arrive as. (Skeleton: the values issue fills it in.)
 */
public final class GPValueCodec {
    private GPValueCodec() {
    }

    /**
     * Reads a value of {@code type} from its wire JSON.
     *
     * @throws IllegalArgumentException saying what is wrong with the JSON for that type
     */
    public static GPValue read(GPDataType type, JsonNode json) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Reads a value of {@code type} from a REST form literal: {@code 345}, {@code true}, raw text for GPString,
     * epoch ms for GPDate, or JSON text for everything else.
     *
     * @throws IllegalArgumentException saying what is wrong with the literal for that type
     */
    public static GPValue readLiteral(GPDataType type, String literal) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes a value as wire JSON. */
    public static JsonNode write(GPValue value) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes a value as compact wire JSON text. */
    public static String toJson(GPValue value) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Reads a value of {@code type} from wire JSON text (the inverse of {@link #toJson}). */
    public static GPValue fromJson(GPDataType type, String json) {
        throw new UnsupportedOperationException("not yet");
    }
}
