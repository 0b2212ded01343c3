package io.gpjobs.value;

import java.util.OptionalDouble;

/**
 * The areal units of {@code GPArealUnit}, with their wire names ({@code esriSquareMeters} …) and their area in
 * square meters where one is defined. Plain imperial units use international feet; the {@code …US} variants
 * use US survey feet (1200/3937 m).
 */
public enum ArealUnit {
    UNKNOWN("esriUnknownAreaUnits", Double.NaN),
    SQUARE_INCHES("esriSquareInches", 0.0254 * 0.0254),
    SQUARE_FEET("esriSquareFeet", 0.3048 * 0.3048),
    SQUARE_YARDS("esriSquareYards", 0.9144 * 0.9144),
    ACRES("esriAcres", 4046.8564224),
    SQUARE_MILES("esriSquareMiles", 1609.344 * 1609.344),
    SQUARE_MILLIMETERS("esriSquareMillimeters", 1e-6),
    SQUARE_CENTIMETERS("esriSquareCentimeters", 1e-4),
    SQUARE_DECIMETERS("esriSquareDecimeters", 1e-2),
    SQUARE_METERS("esriSquareMeters", 1),
    ARES("esriAres", 100),
    HECTARES("esriHectares", 10_000),
    SQUARE_KILOMETERS("esriSquareKilometers", 1e6),
    SQUARE_INCHES_US("esriSquareInchesUS", Survey.FOOT * Survey.FOOT / 144),
    SQUARE_FEET_US("esriSquareFeetUS", Survey.FOOT * Survey.FOOT),
    SQUARE_YARDS_US("esriSquareYardsUS", 9 * Survey.FOOT * Survey.FOOT),
    ACRES_US("esriAcresUS", 43_560 * Survey.FOOT * Survey.FOOT),
    SQUARE_MILES_US("esriSquareMilesUS", 5280 * 5280 * Survey.FOOT * Survey.FOOT);

    private final String wireName;
    private final double squareMeters;

    ArealUnit(String wireName, double squareMeters) {
        this.wireName = wireName;
        this.squareMeters = squareMeters;
    }

    /** The wire name, e.g. {@code esriSquareKilometers}. */
    public String wireName() {
        return wireName;
    }

    /** The area of one unit in square meters; empty for unknown units. */
    public OptionalDouble squareMetersPerUnit() {
        return Double.isNaN(squareMeters) ? OptionalDouble.empty() : OptionalDouble.of(squareMeters);
    }

    /**
     * The unit named {@code name}: its wire name ({@code esriSquareKilometers}) or the name without the
     * {@code esri} prefix ({@code SquareKilometers}), ignoring case and spaces.
     *
     * @throws IllegalArgumentException naming the value when no unit has that name
     */
    public static ArealUnit fromName(String name) {
        String key = LinearUnit.UnitNames.key(name);
        for (ArealUnit u : values()) {
            if (LinearUnit.UnitNames.key(u.wireName).equals(key)
                    || LinearUnit.UnitNames.key(u.wireName.substring(4)).equals(key)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown areal unit '" + name + "', expected esriSquareMeters, "
                + "esriSquareKilometers, esriHectares, esriAres, esriAcres, esriSquareMiles, esriSquareFeet, "
                + "esriSquareYards, esriSquareInches, esriSquareMillimeters, esriSquareCentimeters, "
                + "esriSquareDecimeters, esriUnknownAreaUnits or a …US variant");
    }

    /** The US survey foot. */
    private static final class Survey {
        static final double FOOT = 1200.0 / 3937.0;
    }
}
