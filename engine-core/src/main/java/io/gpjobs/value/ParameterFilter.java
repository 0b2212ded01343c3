package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parameter filter of the GP contract: {@code range}, {@code featureClass}, {@code file} or {@code field}.
 * Read and written as the task JSON's {@code filter} object, and checked against input values.
 *
 * <p>All implementations are immutable and thread-safe.
 */
public sealed interface ParameterFilter {

    /**
     * Checks a value against this filter. Values of types the filter does not apply to pass.
     *
     * @param parameterName the parameter, for the message
     * @param value         the value; not null
     * @return empty when the value passes, else a detail naming the parameter and the value
     */
    Optional<String> check(String parameterName, GPValue value);

    /** This filter as task JSON, e.g. {@code {"type":"range","minimum":1,"maximum":10}}. */
    JsonNode toJson();

    /**
     * Reads a filter from task JSON.
     *
     * @throws IllegalArgumentException naming the value when the JSON is not a known filter
     */
    static ParameterFilter fromJson(JsonNode json) {
        Json.requireObject("filter", json);
        String type = Json.requireText("filter", json, "type");
        switch (type) {
            case "range":
                return new Range(optNumber(json, "minimum"), optNumber(json, "maximum"));
            case "featureClass":
                return new FeatureClass(list(json, GeometryType::fromWireName));
            case "file":
                return new File(list(json, s -> s));
            case "field":
                return new Field(list(json, FieldType::fromWireName));
            default:
                throw Json.bad("filter", "unknown filter type (expected range, featureClass, file or field)", type);
        }
    }

    private static Double optNumber(JsonNode json, String name) {
        JsonNode n = Json.member(json, name);
        return n == null ? null : Json.number("filter", name, n);
    }

    private static <T> List<T> list(JsonNode json, Function<String, T> parse) {
        JsonNode list = Json.member(json, "list");
        if (list == null || !list.isArray()) {
            throw Json.bad("filter", "'list' must be an array", json);
        }
        List<T> out = new ArrayList<>();
        for (JsonNode e : list) {
            if (!e.isTextual()) {
                throw Json.bad("filter", "'list' entries must be strings", e);
            }
            out.add(parse.apply(e.asText()));
        }
        return out;
    }

    private static ObjectNode listJson(String type, List<String> names) {
        ObjectNode o = Json.object().put("type", type);
        ArrayNode a = o.putArray("list");
        names.forEach(a::add);
        return o;
    }

    /**
     * A range filter for {@code GPLong} and {@code GPDouble}: inclusive bounds. It also bounds a
     * {@code GPLinearUnit} (in meters) and a {@code GPArealUnit} (in square meters) whose unit converts to them,
     * so a domain such as "at most 20,000 km" holds in whatever unit a client sends; other units are not checked
     * here.
     *
     * @param minimum the lower bound, or null for none
     * @param maximum the upper bound, or null for none
     */
    record Range(Double minimum, Double maximum) implements ParameterFilter {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when both bounds are missing or minimum exceeds maximum
         */
        public Range {
            if (minimum == null && maximum == null) {
                throw new IllegalArgumentException("range filter needs a minimum or a maximum");
            }
            if (minimum != null && maximum != null && minimum > maximum) {
                throw new IllegalArgumentException("range filter minimum " + minimum + " exceeds maximum " + maximum);
            }
        }

        @Override
        public Optional<String> check(String parameterName, GPValue value) {
            double v;
            if (value instanceof GPLong l) {
                v = l.value();
            } else if (value instanceof GPDouble d) {
                v = d.value();
            } else if (value instanceof GPLinearUnit u && u.meters().isPresent()) {
                v = u.meters().getAsDouble();
            } else if (value instanceof GPArealUnit u && u.squareMeters().isPresent()) {
                v = u.squareMeters().getAsDouble();
            } else {
                return Optional.empty();
            }
            if (Double.isNaN(v) || (minimum != null && v < minimum) || (maximum != null && v > maximum)) {
                return Optional.of("parameter '" + parameterName + "': value " + GPValueCodec.toJson(value)
                        + " is out of range [" + bound(minimum) + ", " + bound(maximum) + "]"
                        + (value instanceof GPLinearUnit ? " meters" : value instanceof GPArealUnit ? " square meters"
                        : ""));
            }
            return Optional.empty();
        }

        private static String bound(Double d) {
            return d == null ? "none" : Json.text(Json.number(d));
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = Json.object().put("type", "range");
            if (minimum != null) {
                o.set("minimum", Json.number(minimum));
            }
            if (maximum != null) {
                o.set("maximum", Json.number(maximum));
            }
            return o;
        }
    }

    /**
     * A feature class filter: the geometry types a {@code GPFeatureRecordSetLayer} may have.
     *
     * @param geometryTypes the allowed types; not empty
     */
    record FeatureClass(List<GeometryType> geometryTypes) implements ParameterFilter {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when the list is empty
         */
        public FeatureClass {
            geometryTypes = List.copyOf(geometryTypes);
            if (geometryTypes.isEmpty()) {
                throw new IllegalArgumentException("featureClass filter needs at least one geometry type");
            }
        }

        @Override
        public Optional<String> check(String parameterName, GPValue value) {
            if (value instanceof GPFeatureRecordSetLayer fs && fs.geometryType() != null
                    && !geometryTypes.contains(fs.geometryType())) {
                return Optional.of("parameter '" + parameterName + "': geometry type " + fs.geometryType().wireName()
                        + " is not allowed, expected " + geometryTypes.stream().map(GeometryType::wireName).toList());
            }
            return Optional.empty();
        }

        @Override
        public JsonNode toJson() {
            return listJson("featureClass", geometryTypes.stream().map(GeometryType::wireName).toList());
        }
    }

    /**
     * A file filter: the extensions (without dot, compared ignoring case) a {@code GPDataFile} URL may have.
     *
     * @param extensions the allowed extensions; not empty
     */
    record File(List<String> extensions) implements ParameterFilter {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when the list is empty or an extension is blank
         */
        public File {
            List<String> norm = new ArrayList<>();
            for (String e : extensions) {
                String s = e == null ? "" : e.strip();
                s = s.startsWith(".") ? s.substring(1) : s;
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("file filter extension must not be blank, got '" + e + "'");
                }
                norm.add(s.toLowerCase(Locale.ROOT));
            }
            extensions = List.copyOf(norm);
            if (extensions.isEmpty()) {
                throw new IllegalArgumentException("file filter needs at least one extension");
            }
        }

        @Override
        public Optional<String> check(String parameterName, GPValue value) {
            String url = value instanceof GPDataFile f ? f.url() : value instanceof GPRasterDataLayer r ? r.url() : null;
            if (url == null || (value instanceof GPRasterDataLayer && url.contains("/ImageServer"))) {
                return Optional.empty(); // items and services have no extension to check
            }
            Optional<String> ext = GPDataFile.extensionOf(url);
            if (ext.isEmpty() || !extensions.contains(ext.get())) {
                return Optional.of("parameter '" + parameterName + "': file " + Json.show(url) + " has "
                        + ext.map(e -> "extension '" + e + "'").orElse("no extension") + ", expected one of "
                        + extensions);
            }
            return Optional.empty();
        }

        @Override
        public JsonNode toJson() {
            return listJson("file", extensions);
        }
    }

    /**
     * A field filter: the field types a {@code Field} value may have.
     *
     * @param fieldTypes the allowed types; not empty
     */
    record Field(List<FieldType> fieldTypes) implements ParameterFilter {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when the list is empty
         */
        public Field {
            fieldTypes = List.copyOf(fieldTypes);
            if (fieldTypes.isEmpty()) {
                throw new IllegalArgumentException("field filter needs at least one field type");
            }
        }

        @Override
        public Optional<String> check(String parameterName, GPValue value) {
            if (value instanceof GPField f && !fieldTypes.contains(f.type())) {
                return Optional.of("parameter '" + parameterName + "': field '" + f.name() + "' of type "
                        + f.type().wireName() + " is not allowed, expected "
                        + fieldTypes.stream().map(FieldType::wireName).toList());
            }
            return Optional.empty();
        }

        @Override
        public JsonNode toJson() {
            return listJson("field", fieldTypes.stream().map(FieldType::wireName).toList());
        }
    }
}
