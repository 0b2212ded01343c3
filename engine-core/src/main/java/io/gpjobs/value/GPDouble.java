package io.gpjobs.value;

/**
 * A {@code GPDouble} value.
 *
 * @param value a finite number (JSON has no NaN or infinity)
 */
public record GPDouble(double value) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when the value is NaN or infinite
     */
    public GPDouble {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("GPDouble: value must be a finite number, got " + value);
        }
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.DOUBLE;
    }
}
