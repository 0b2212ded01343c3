package io.gpjobs.value;

import java.util.Objects;

/**
 * A field description: the value of a {@code Field} parameter (wire name {@code Field}; {@code GPField} is
 * accepted on input) and the schema entries of record and feature sets. On the wire
 * {@code {"name":"distance","type":"esriFieldTypeInteger","alias":"int","length":4,"nullable":true,"editable":true}}.
 *
 * @param name     the field name; not blank
 * @param type     the field type; not null
 * @param alias    the alias, or null
 * @param length   the length, or null
 * @param nullable whether nulls are allowed, or null when not stated
 * @param editable whether the field is editable, or null when not stated
 */
public record GPField(String name, FieldType type, String alias, Integer length, Boolean nullable, Boolean editable)
        implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when the name is blank or the length negative
     */
    public GPField {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Field: name must not be blank, got '" + name + "'");
        }
        Objects.requireNonNull(type, "type of field '" + name + "'");
        if (length != null && length < 0) {
            throw new IllegalArgumentException("Field '" + name + "': length must not be negative, got " + length);
        }
    }

    /** A field with only a name and a type. */
    public static GPField of(String name, FieldType type) {
        return new GPField(name, type, null, null, null, null);
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.FIELD;
    }
}
