package io.gpjobs.value;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A {@code GPLinearUnit} value: a distance with its unit, on the wire
 * {@code {"distance":345.678,"units":"esriMiles"}}.
 *
 * @param distance a finite number
 * @param units    the unit; not null
 */
public record GPLinearUnit(double distance, LinearUnit units) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when the distance is not finite
     */
    public GPLinearUnit {
        if (!Double.isFinite(distance)) {
            throw new IllegalArgumentException("GPLinearUnit: distance must be a finite number, got " + distance);
        }
        Objects.requireNonNull(units, "units");
    }

    /** The distance in meters; empty when the unit has no defined length (unknown units, decimal degrees). */
    public OptionalDouble meters() {
        OptionalDouble f = units.metersPerUnit();
        return f.isPresent() ? OptionalDouble.of(distance * f.getAsDouble()) : OptionalDouble.empty();
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.LINEAR_UNIT;
    }
}
