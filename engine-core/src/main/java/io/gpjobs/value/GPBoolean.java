package io.gpjobs.value;

/**
 * A {@code GPBoolean} value.
 *
 * @param value the flag
 */
public record GPBoolean(boolean value) implements GPValue {

    /** The value {@code true}. */
    public static final GPBoolean TRUE = new GPBoolean(true);
    /** The value {@code false}. */
    public static final GPBoolean FALSE = new GPBoolean(false);

    /** The shared instance for {@code value}. */
    public static GPBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.BOOLEAN;
    }
}
