package io.gpjobs.samples;

import java.util.Map;

/**
 * Meters per linear unit of the GP contract ({@code esriMeters}, {@code esriFeet}, …). Following Esri's unit
 * enumeration, the plain imperial names ({@code esriFeet}, {@code esriYards}, {@code esriMiles},
 * {@code esriInches}) are US survey units and the {@code esriInt…} names are international units
 * (1 ft = 0.3048 m exactly); nautical miles are 1852 m either way.
 */
final class LinearUnits {

    private static final double US_SURVEY_FOOT = 1200.0 / 3937.0;

    private static final Map<String, Double> METERS_PER_UNIT = Map.ofEntries(
            Map.entry("esriMillimeters", 0.001),
            Map.entry("esriCentimeters", 0.01),
            Map.entry("esriDecimeters", 0.1),
            Map.entry("esriMeters", 1.0),
            Map.entry("esriKilometers", 1000.0),
            Map.entry("esriPoints", 0.0254 / 72.0),
            Map.entry("esriInches", US_SURVEY_FOOT / 12.0),
            Map.entry("esriFeet", US_SURVEY_FOOT),
            Map.entry("esriYards", US_SURVEY_FOOT * 3.0),
            Map.entry("esriMiles", US_SURVEY_FOOT * 5280.0),
            Map.entry("esriNauticalMiles", 1852.0),
            Map.entry("esriIntInches", 0.0254),
            Map.entry("esriIntFeet", 0.3048),
            Map.entry("esriIntYards", 0.9144),
            Map.entry("esriIntMiles", 1609.344),
            Map.entry("esriIntNauticalMiles", 1852.0));

    private LinearUnits() {
    }

    /**
     * Converts a distance to meters.
     *
     * @param parameter the parameter name, for the error message
     * @throws IllegalArgumentException naming the parameter and the units when they are not a linear unit (for
     *                                  example {@code esriUnknownUnits} or the angular {@code esriDecimalDegrees})
     */
    static double toMeters(String parameter, double distance, String units) {
        Double factor = METERS_PER_UNIT.get(units);
        if (factor == null) {
            throw new IllegalArgumentException("parameter '" + parameter + "': units '" + units
                    + "' are not a linear unit this tool can convert to meters; use one of esriMeters, esriKilometers, "
                    + "esriFeet, esriIntFeet, esriYards, esriMiles, esriNauticalMiles, …");
        }
        return distance * factor;
    }
}
