package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes GP values as the wire JSON of the GP REST contract, and reads the form literals REST inputs
 * arrive as ({@code 345}, {@code true}, raw text for {@code GPString}, JSON text for structured types).
 *
 * <p>Reading is lenient where clients differ (extra keys are ignored, numbers sent as JSON strings are accepted
 * for numeric types) and strict about meaning: a wrong type, a missing required member or an unknown unit is an
 * {@link IllegalArgumentException} whose message names the data type, the problem and the offending value
 * (long values are cut short). Writing always produces one canonical form, so {@code read(write(v))} equals
 * {@code v}.
 *
 * <p>{@code GPValueTable} columns and {@code GPComposite} member types come from a parameter definition; use the
 * {@link ValueShape} overloads for those ({@code ParameterDefinition.shape()}). Without them, cell and member types
 * are inferred from the JSON.
 *
 * <p>Stateless and thread-safe.
 */
public final class GPValueCodec {
    private GPValueCodec() {
    }

    /**
     * Reads a value of {@code type} from its wire JSON.
     *
     * @param type the data type; not null
     * @param json the JSON; not null, not a JSON null
     * @return the value; for {@code GPComposite}, a value of the concrete member type
     * @throws IllegalArgumentException saying what is wrong with the JSON for that type
     */
    public static GPValue read(GPDataType type, JsonNode json) {
        return read(type, List.of(), json);
    }

    /**
     * Reads a value of a shape (a parameter's) from its wire JSON, using its members for
     * {@code GPValueTable} columns and {@code GPComposite} member types.
     *
     * @throws IllegalArgumentException saying what is wrong with the JSON for that parameter's type
     */
    public static GPValue read(ValueShape parameter, JsonNode json) {
        Objects.requireNonNull(parameter, "parameter");
        return read(parameter.dataType(), parameter.members(), json);
    }

    /**
     * Reads a value of {@code type} from a REST form literal: {@code 345}, {@code true}, raw text for GPString,
     * epoch ms or an ISO date-time for GPDate, {@code 3 SquareKilometers} for GPArealUnit, or JSON text for
     * everything else.
     *
     * @throws IllegalArgumentException saying what is wrong with the literal for that type
     */
    public static GPValue readLiteral(GPDataType type, String literal) {
        return readLiteral(type, List.of(), literal);
    }

    /**
     * Reads a value of a shape (a parameter's) from a REST form literal (see {@link #readLiteral(GPDataType, String)}).
     *
     * @throws IllegalArgumentException saying what is wrong with the literal for that parameter's type
     */
    public static GPValue readLiteral(ValueShape parameter, String literal) {
        Objects.requireNonNull(parameter, "parameter");
        return readLiteral(parameter.dataType(), parameter.members(), literal);
    }

    /**
     * Writes a value as wire JSON, a fresh node the caller may modify.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public static JsonNode write(GPValue value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof GPString v) {
            return Json.NODES.textNode(v.value());
        } else if (value instanceof GPLong v) {
            return Json.NODES.numberNode(v.value());
        } else if (value instanceof GPDouble v) {
            return Json.number(v.value());
        } else if (value instanceof GPBoolean v) {
            return Json.NODES.booleanNode(v.value());
        } else if (value instanceof GPDate v) {
            return Json.NODES.numberNode(v.epochMillis());
        } else if (value instanceof GPLinearUnit v) {
            return SimpleCodec.writeLinearUnit(v);
        } else if (value instanceof GPArealUnit v) {
            return SimpleCodec.writeArealUnit(v);
        } else if (value instanceof GPDataFile v) {
            return SimpleCodec.writeDataFile(v);
        } else if (value instanceof GPRasterDataLayer v) {
            return SimpleCodec.writeRaster(v);
        } else if (value instanceof GPRecordSet v) {
            return TableCodec.writeRecordSet(v);
        } else if (value instanceof GPFeatureRecordSetLayer v) {
            return TableCodec.writeFeatureSet(v);
        } else if (value instanceof GPField v) {
            return TableCodec.writeField(v);
        } else if (value instanceof GPValueTable v) {
            return ValueTableCodec.write(v);
        } else if (value instanceof GPMultiValue v) {
            return CompositeCodec.writeMulti(v);
        }
        throw new IllegalStateException("unhandled value " + value.getClass().getName());
    }

    /** Writes a value as compact wire JSON text. */
    public static String toJson(GPValue value) {
        return Json.text(write(value));
    }

    /**
     * Reads a value of {@code type} from wire JSON text (the inverse of {@link #toJson}).
     *
     * @throws IllegalArgumentException when the text is not JSON or not a valid value of that type
     */
    public static GPValue fromJson(GPDataType type, String json) {
        Objects.requireNonNull(json, "json");
        return read(type, Json.parse(type.wireName(), json));
    }

    /**
     * Reads a value of a shape (a parameter's) from wire JSON text, using its members for
     * {@code GPValueTable} columns and {@code GPComposite} member types (the inverse of {@link #toJson}).
     *
     * @throws IllegalArgumentException when the text is not JSON or not a valid value for that parameter
     */
    public static GPValue fromJson(ValueShape parameter, String json) {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(json, "json");
        return read(parameter, Json.parse(parameter.dataType().wireName(), json));
    }

    /**
     * Converts an input as a host or client gives it into a value of {@code shape}: a REST form literal or JSON
     * text ({@link String}), a Jackson {@link JsonNode}, or a {@link GPValue} (of the shape's type; a GPLong is
     * widened to GPDouble, a composite takes any of its member types).
     *
     * @throws IllegalArgumentException saying what is wrong with the input for that shape
     */
    public static GPValue convert(ValueShape shape, Object input) {
        Objects.requireNonNull(shape, "shape");
        if (input instanceof String s) {
            return readLiteral(shape, s);
        }
        if (input instanceof JsonNode n) {
            return read(shape, n);
        }
        if (input instanceof GPValue g) {
            return Compat.coerce(shape, g);
        }
        throw new IllegalArgumentException("expected a string, JSON or GP value, got a "
                + (input == null ? "null" : input.getClass().getName() + " " + Json.show(input)));
    }

    /** Whether a value is one of a parameter's choices (numbers compare by value, others by their text). */
    public static boolean inChoiceList(List<String> choices, GPValue value) {
        return Compat.inChoiceList(Objects.requireNonNull(choices, "choices"), Objects.requireNonNull(value, "value"));
    }

    /**
     * An input as error messages show it: quoted text, or JSON (of a GP value too), cut short when long.
     *
     * @param input a String, JsonNode, GPValue or other object; null shows as {@code 'null'}
     */
    public static String describe(Object input) {
        return input instanceof GPValue g ? Json.show(write(g)) : Json.show(input);
    }

    /**
     * Writes a value table as objects keyed by column name, as results are returned when a request sets
     * {@code returnColumnName=true}; an empty cell is left out.
     *
     * @throws IllegalArgumentException when a column name is empty or two columns share a name
     */
    public static JsonNode writeByColumnName(GPValueTable table) {
        return ValueTableCodec.writeByColumnName(Objects.requireNonNull(table, "table"));
    }

    /**
     * Reads an Esri JSON geometry, telling its type by its keys ({@code x}, {@code points}, {@code paths},
     * {@code rings}, {@code xmin}), with its spatial reference when it has one.
     *
     * @throws IllegalArgumentException saying what is wrong with the geometry
     */
    public static Geometry readGeometry(JsonNode json) {
        Objects.requireNonNull(json, "json");
        return GeometryCodec.read(json);
    }

    /** Writes a geometry as Esri JSON, with its spatial reference when it has one. */
    public static JsonNode writeGeometry(Geometry geometry) {
        return GeometryCodec.write(Objects.requireNonNull(geometry, "geometry"), true);
    }

    /**
     * Reads a spatial reference: SR JSON such as {@code {"wkid":102100,"latestWkid":3857}} or a bare wkid.
     *
     * @return the spatial reference, or null for JSON null or an object without wkid, latestWkid or wkt
     * @throws IllegalArgumentException saying what is wrong with the JSON
     */
    public static SpatialReference readSpatialReference(JsonNode json) {
        return GeometryCodec.readSpatialReference(json);
    }

    /** Writes a spatial reference as SR JSON. */
    public static JsonNode writeSpatialReference(SpatialReference spatialReference) {
        return GeometryCodec.writeSpatialReference(Objects.requireNonNull(spatialReference, "spatialReference"));
    }

    static GPValue read(GPDataType type, List<ValueShape> infos, JsonNode json) {
        Objects.requireNonNull(type, "type");
        if (json == null || json.isNull() || json.isMissingNode()) {
            throw new IllegalArgumentException(type.wireName() + ": expected a value, got null");
        }
        switch (type.base()) {
            case GPString: return ScalarCodec.readString(json);
            case GPLong: return ScalarCodec.readLong(json);
            case GPDouble: return ScalarCodec.readDouble(json);
            case GPBoolean: return ScalarCodec.readBoolean(json);
            case GPDate: return ScalarCodec.readDate(json);
            case GPLinearUnit: return SimpleCodec.readLinearUnit(json);
            case GPArealUnit: return SimpleCodec.readArealUnit(json);
            case GPDataFile: return SimpleCodec.readDataFile(json);
            case GPRasterDataLayer: return SimpleCodec.readRaster(json);
            case GPRecordSet: return TableCodec.readRecordSet(json);
            case GPFeatureRecordSetLayer: return TableCodec.readFeatureSet(json);
            case Field: return TableCodec.readField(json);
            case GPValueTable: return ValueTableCodec.read(infos, json);
            case GPMultiValue: return CompositeCodec.readMulti(type, infos, json);
            case GPComposite: return CompositeCodec.readComposite(infos, json);
            default: throw new IllegalStateException("unhandled type " + type.wireName());
        }
    }

    static GPValue readLiteral(GPDataType type, List<ValueShape> infos, String literal) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(literal, "literal");
        switch (type.base()) {
            case GPString: return new GPString(literal);
            case GPLong: return ScalarCodec.longLiteral(literal);
            case GPDouble: return ScalarCodec.doubleLiteral(literal);
            case GPBoolean: return ScalarCodec.booleanLiteral(literal);
            case GPDate: return ScalarCodec.dateLiteral(literal);
            case GPComposite: return CompositeCodec.readCompositeLiteral(infos, literal);
            case GPLinearUnit: return SimpleCodec.linearLiteral(literal);
            case GPArealUnit: return SimpleCodec.arealLiteral(literal);
            case GPDataFile:
            case GPRasterDataLayer:
            case GPRecordSet:
            case GPFeatureRecordSetLayer:
                // a bare URL names a file, raster, table or layer
                return SimpleCodec.isUrl(literal) ? read(type, infos, Json.NODES.textNode(literal))
                        : read(type, infos, Json.parse(type.wireName(), literal));
            default: return read(type, infos, Json.parse(type.wireName(), literal));
        }
    }
}
