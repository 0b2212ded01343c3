package io.gpjobs.value;

/**
 * A {@code GPLong} value: a 64-bit integer limited to the range JSON clients can hold exactly,
 * ±{@value #MAX_ABS} (2<sup>52</sup>−1).
 *
 * @param value the integer
 */
public record GPLong(long value) implements GPValue {

    /** The largest magnitude a GPLong may have. */
    public static final long MAX_ABS = 4503599627370495L;

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException naming the value when it is outside ±{@value #MAX_ABS}
     */
    public GPLong {
        if (value > MAX_ABS || value < -MAX_ABS) {
            throw new IllegalArgumentException("GPLong: value must be within ±" + MAX_ABS + ", got " + value);
        }
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.LONG;
    }
}
