package io.gpjobs.value;

import java.util.List;
import java.util.Objects;

/**
 * The shape the codec reads a value into: its name and data type and, for a {@code GPValueTable}, a
 * {@code GPMultiValue} or a {@code GPComposite}, the shapes of its columns, element or members. A task's parameter
 * definition gives its own with {@code ParameterDefinition.shape()}; without members, cell and member types are
 * inferred from the JSON.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name     the parameter's or column's name, not null
 * @param dataType its data type, not null
 * @param members  the shapes of its columns (value table), element (multivalue) or member types (composite); empty
 *                 for other types or when they are to be inferred
 */
public record ValueShape(String name, GPDataType dataType, List<ValueShape> members) {

    /** Copies the members; null means none. */
    public ValueShape {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType of '" + name + "'");
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A shape without members. */
    public static ValueShape of(String name, GPDataType dataType) {
        return new ValueShape(name, dataType, List.of());
    }
}
