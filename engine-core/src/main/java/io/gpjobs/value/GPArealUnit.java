package io.gpjobs.value;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A {@code GPArealUnit} value: an area with its unit, on the wire {@code {"area":50,"units":"esriSquareMiles"}};
 * as a form literal also {@code 3 SquareKilometers}.
 *
 * @param area  a finite number
 * @param units the unit; not null
 */
public record GPArealUnit(double area, ArealUnit units) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when the area is not finite
     */
    public GPArealUnit {
        if (!Double.isFinite(area)) {
            throw new IllegalArgumentException("GPArealUnit: area must be a finite number, got " + area);
        }
        Objects.requireNonNull(units, "units");
    }

    /** The area in square meters; empty for unknown units. */
    public OptionalDouble squareMeters() {
        OptionalDouble f = units.squareMetersPerUnit();
        return f.isPresent() ? OptionalDouble.of(area * f.getAsDouble()) : OptionalDouble.empty();
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.AREAL_UNIT;
    }
}
