package io.gpjobs.value;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The linear units of {@code GPLinearUnit}, with their wire names ({@code esriMeters} …) and their length in
 * meters where one is defined. The plain imperial units use the international definitions (as the ArcGIS Maps
 * SDK for JavaScript does), like their {@code Int} twins; unknown units and decimal degrees have no length.
 */
public enum LinearUnit {
    UNKNOWN("esriUnknownUnits", Double.NaN),
    INCHES("esriInches", 0.0254),
    POINTS("esriPoints", 0.0254 / 72),
    FEET("esriFeet", 0.3048),
    YARDS("esriYards", 0.9144),
    MILES("esriMiles", 1609.344),
    NAUTICAL_MILES("esriNauticalMiles", 1852),
    MILLIMETERS("esriMillimeters", 0.001),
    CENTIMETERS("esriCentimeters", 0.01),
    METERS("esriMeters", 1),
    KILOMETERS("esriKilometers", 1000),
    DECIMAL_DEGREES("esriDecimalDegrees", Double.NaN),
    DECIMETERS("esriDecimeters", 0.1),
    INT_INCHES("esriIntInches", 0.0254),
    INT_FEET("esriIntFeet", 0.3048),
    INT_YARDS("esriIntYards", 0.9144),
    INT_MILES("esriIntMiles", 1609.344),
    INT_NAUTICAL_MILES("esriIntNauticalMiles", 1852);

    private final String wireName;
    private final double meters;

    LinearUnit(String wireName, double meters) {
        this.wireName = wireName;
        this.meters = meters;
    }

    /** The wire name, e.g. {@code esriMiles}. */
    public String wireName() {
        return wireName;
    }

    /** The length of one unit in meters; empty for unknown units and decimal degrees. */
    public OptionalDouble metersPerUnit() {
        return Double.isNaN(meters) ? OptionalDouble.empty() : OptionalDouble.of(meters);
    }

    /**
     * The unit named {@code name}: its wire name ({@code esriMiles}) or the name without the {@code esri} prefix
     * ({@code Miles}), ignoring case and spaces.
     *
     * @throws IllegalArgumentException naming the value when no unit has that name
     */
    public static LinearUnit fromName(String name) {
        String key = UnitNames.key(name);
        for (LinearUnit u : values()) {
            if (UnitNames.key(u.wireName).equals(key) || UnitNames.key(u.wireName.substring(4)).equals(key)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown linear unit '" + name + "', expected one of esriUnknownUnits, "
                + "esriInches, esriPoints, esriFeet, esriYards, esriMiles, esriNauticalMiles, esriMillimeters, "
                + "esriCentimeters, esriMeters, esriKilometers, esriDecimalDegrees, esriDecimeters, esriIntInches, "
                + "esriIntFeet, esriIntYards, esriIntMiles, esriIntNauticalMiles");
    }

    /** Unit-name normalisation shared by the unit enums. */
    static final class UnitNames {
        private UnitNames() {
        }

        static String key(String name) {
            return name == null ? "" : name.replace(" ", "").toLowerCase(Locale.ROOT);
        }
    }
}
