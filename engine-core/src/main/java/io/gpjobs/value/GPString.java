package io.gpjobs.value;

import java.util.Objects;

/**
 * A {@code GPString} value.
 *
 * @param value the text; not null, may be empty
 */
public record GPString(String value) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public GPString {
        Objects.requireNonNull(value, "GPString value");
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.STRING;
    }
}
