package io.gpjobs.value;

import java.util.List;
import java.util.Objects;

/**
 * A {@code GPMultiValue:<T>} value: an ordered list of values of one element type. With a {@code GPComposite}
 * element type, each value is of one of the composite's member types.
 *
 * @param elementType the element type; not a multivalue or value table
 * @param values      the values, in order; not null, no null elements
 */
public record GPMultiValue(GPDataType elementType, List<GPValue> values) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when a value is not of the element type
     * @throws NullPointerException     when the type, the list or an element is null
     */
    public GPMultiValue {
        Objects.requireNonNull(elementType, "elementType");
        GPDataType.multiValue(elementType); // checks the element type is allowed
        values = List.copyOf(values);
        for (int i = 0; i < values.size(); i++) {
            GPDataType t = values.get(i).dataType();
            boolean ok = elementType.base() == GPDataType.Base.GPComposite
                    ? t.base() != GPDataType.Base.GPMultiValue && t.base() != GPDataType.Base.GPValueTable
                    : t.equals(elementType);
            if (!ok) {
                throw new IllegalArgumentException("GPMultiValue:" + elementType.wireName() + ": element " + i
                        + " is a " + t.wireName() + " value");
            }
        }
    }

    /** A multivalue of {@code elementType} holding {@code values}. */
    public static GPMultiValue of(GPDataType elementType, GPValue... values) {
        return new GPMultiValue(elementType, List.of(values));
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.multiValue(elementType);
    }
}
