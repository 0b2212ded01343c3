package io.gpjobs.value;

import java.util.Map;

/**
 * One feature of a feature set: a geometry and attributes. The geometry's spatial reference is the feature
 * set's, so a geometry given with its own is stored without it.
 *
 * @param geometry   the geometry, or null
 * @param attributes attribute values by field name, in insertion order: String, Long, Double, Boolean or null
 *                   (other integers and floats are widened); unmodifiable, nulls allowed
 */
public record Feature(Geometry geometry, Map<String, Object> attributes) {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException naming the attribute whose value is not a plain value
     */
    public Feature {
        geometry = geometry == null ? null : geometry.withoutSpatialReference();
        attributes = Attributes.copy(attributes == null ? Map.of() : attributes);
    }
}
