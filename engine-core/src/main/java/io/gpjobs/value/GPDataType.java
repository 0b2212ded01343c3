package io.gpjobs.value;

import java.util.Locale;
import java.util.Objects;

/**
 * A GP data type as named on the wire: a base type such as {@code GPLong}, or {@code GPMultiValue:<T>} with its
 * element type. The columns of a {@code GPValueTable} and the members of a {@code GPComposite} are given by the
 * parameter definition, not by this name.
 *
 * @param base    the base type
 * @param element the element type of a {@code GPMultiValue}, else null
 */
public record GPDataType(Base base, GPDataType element) {

    /** The base data types gpjobs reads and writes. */
    public enum Base {
        GPString, GPLong, GPDouble, GPBoolean, GPDate, GPLinearUnit, GPArealUnit, GPDataFile, GPRasterDataLayer,
        GPRecordSet, GPFeatureRecordSetLayer, Field, GPMultiValue, GPValueTable, GPComposite
    }

    /** {@code GPString}. */
    public static final GPDataType STRING = of(Base.GPString);
    /** {@code GPLong}. */
    public static final GPDataType LONG = of(Base.GPLong);
    /** {@code GPDouble}. */
    public static final GPDataType DOUBLE = of(Base.GPDouble);
    /** {@code GPBoolean}. */
    public static final GPDataType BOOLEAN = of(Base.GPBoolean);
    /** {@code GPDate}. */
    public static final GPDataType DATE = of(Base.GPDate);
    /** {@code GPLinearUnit}. */
    public static final GPDataType LINEAR_UNIT = of(Base.GPLinearUnit);
    /** {@code GPArealUnit}. */
    public static final GPDataType AREAL_UNIT = of(Base.GPArealUnit);
    /** {@code GPDataFile}. */
    public static final GPDataType DATA_FILE = of(Base.GPDataFile);
    /** {@code GPRasterDataLayer}. */
    public static final GPDataType RASTER_DATA_LAYER = of(Base.GPRasterDataLayer);
    /** {@code GPRecordSet}. */
    public static final GPDataType RECORD_SET = of(Base.GPRecordSet);
    /** {@code GPFeatureRecordSetLayer}. */
    public static final GPDataType FEATURE_RECORD_SET_LAYER = of(Base.GPFeatureRecordSetLayer);
    /** {@code Field}. */
    public static final GPDataType FIELD = of(Base.Field);
    /** {@code GPValueTable}. */
    public static final GPDataType VALUE_TABLE = of(Base.GPValueTable);
    /** {@code GPComposite}. */
    public static final GPDataType COMPOSITE = of(Base.GPComposite);

    /**
     * Creates a data type, checking that only a multivalue has an element type and that it can hold it.
     *
     * @throws IllegalArgumentException when the element type is missing, unexpected or not allowed
     */
    public GPDataType {
        Objects.requireNonNull(base, "base");
        if (base == Base.GPMultiValue) {
            Objects.requireNonNull(element, "GPMultiValue needs an element type");
            if (element.base == Base.GPMultiValue || element.base == Base.GPValueTable) {
                throw new IllegalArgumentException("GPMultiValue cannot hold " + element.wireName());
            }
        } else if (element != null) {
            throw new IllegalArgumentException(base + " has no element type");
        }
    }

    private static GPDataType of(Base base) {
        return new GPDataType(base, null);
    }

    /** {@code GPMultiValue:<element>}. */
    public static GPDataType multiValue(GPDataType element) {
        return new GPDataType(Base.GPMultiValue, element);
    }

    /**
     * Parses a wire name such as {@code GPLong} or {@code GPMultiValue:GPString}. {@code GPField} is accepted as
     * {@code Field}, {@code GPRasterData} as {@code GPRasterDataLayer}.
     *
     * @throws IllegalArgumentException naming the value when it is not a known data type
     */
    public static GPDataType parse(String wireName) {
        if (wireName == null || wireName.isBlank()) {
            throw new IllegalArgumentException("dataType must not be empty");
        }
        String s = wireName.strip();
        if (s.startsWith("GPMultiValue:")) {
            return multiValue(parse(s.substring("GPMultiValue:".length())));
        }
        switch (s) {
            case "GPField": return FIELD;
            case "GPRasterData": return RASTER_DATA_LAYER;
            case "GPMultiValue": throw new IllegalArgumentException("dataType 'GPMultiValue' needs an element type, e.g. GPMultiValue:GPString");
            default:
        }
        for (Base b : Base.values()) {
            if (b.name().equals(s)) {
                return of(b);
            }
        }
        throw new IllegalArgumentException("unknown dataType '" + wireName + "'");
    }

    /** The wire name, e.g. {@code GPMultiValue:GPLong}. */
    public String wireName() {
        return element == null ? base.name() : base.name() + ":" + element.wireName();
    }

    /** Whether values of this type are geodata (feature sets, rasters, record sets) rather than scalars. */
    public boolean isGeodata() {
        return base == Base.GPFeatureRecordSetLayer || base == Base.GPRasterDataLayer || base == Base.GPRecordSet;
    }

    /** The wire name. */
    @Override
    public String toString() {
        return wireName();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
