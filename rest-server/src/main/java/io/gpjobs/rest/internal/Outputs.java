package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.InvalidInputException;
import io.gpjobs.ParameterValue;
import io.gpjobs.map.Reprojection;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of output values a request asks for. Feature outputs lose their z and m values unless
 * {@code returnZ}/{@code returnM} is true (the REST default), and take the output spatial reference ({@code outSR}
 * on a result, {@code env:outSR} or {@code context.outSR} on execute and submitJob, kept with the job): any EPSG or
 * ESRI wkid converts through {@link Reprojection}; an unknown wkid is refused naming the parameter and the value.
 * Outputs without geometry, and feature sets without a spatial reference (nothing to convert from), are left
 * alone. Stateless.
 */
final class Outputs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Outputs() {
    }

    /**
     * An output spatial reference and the parameter that asked for it.
     *
     * @param sr        the spatial reference, known to {@link Reprojection}
     * @param parameter the request parameter that gave it, named in errors
     */
    record Target(SpatialReference sr, String parameter) {
    }

    /**
     * The spatial reference a call asks outputs in: the first of {@code names} given (a wkid or spatial reference
     * JSON), else {@code context}'s {@code outSR}; null when none.
     *
     * @throws InvalidInputException naming the parameter and value when it is neither a wkid nor spatial reference
     *                               JSON, or its wkid is unknown
     */
    static Target requested(Call c, String... names) {
        for (String n : names) {
            String v = c.param(n);
            if (v != null && !v.isBlank()) {
                return known(parse(n, v.trim()), n);
            }
        }
        String context = c.param("context");
        if (context != null && !context.isBlank()) {
            JsonNode ctx = json("context", context);
            JsonNode out = ctx.get("outSR");
            if (out != null && !out.isNull()) {
                return known(out.isNumber() ? SpatialReference.ofWkid(out.asInt()) : sr("context", out),
                        "context.outSR");
            }
        }
        return null;
    }

    /** {@code value} (a wkid or spatial reference JSON, as stored with a job) as a target named {@code parameter}. */
    static Target stored(String parameter, String value) {
        return known(parse(parameter, value.trim()), parameter);
    }

    private static Target known(SpatialReference sr, String parameter) {
        return new Target(Reprojection.requireKnown(sr, parameter), parameter);
    }

    private static SpatialReference parse(String name, String v) {
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return SpatialReference.ofWkid(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("parameter '" + name + "': wkid '" + Format.clip(v) + "' is out of "
                        + "range");
            }
        }
        return sr(name, json(name, v));
    }

    private static JsonNode json(String name, String v) {
        try {
            JsonNode n = MAPPER.readTree(v);
            if (n == null || !n.isObject()) {
                throw new InvalidInputException("parameter '" + name + "': expected a JSON object, got '"
                        + Format.clip(v) + "'");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("parameter '" + name + "': not JSON: '" + Format.clip(v) + "'");
        }
    }

    private static SpatialReference sr(String name, JsonNode n) {
        try {
            return GPValueCodec.readSpatialReference(n);
        } catch (RuntimeException e) {
            throw new InvalidInputException("parameter '" + name + "': not a spatial reference: '"
                    + Format.clip(n.toString()) + "'");
        }
    }

    /**
     * {@code values} as the call asks for them: z and m by {@code returnZ}/{@code returnM}, then in the spatial
     * reference of the first of {@code srParams} given (or {@code context.outSR}), else in {@code kept} (the
     * output spatial reference stored with the job), else as they are.
     *
     * @param kept the job's own output spatial reference, or null
     * @throws InvalidInputException naming the parameter and value when a flag or spatial reference is malformed or
     *                               unknown
     */
    static List<ParameterValue> shaped(Call c, List<ParameterValue> values, Target kept, String... srParams) {
        boolean z = c.flag("returnZ", false);
        boolean m = c.flag("returnM", false);
        Target asked = requested(c, srParams);
        Target target = asked != null ? asked : kept;
        List<ParameterValue> out = new ArrayList<>(values.size());
        for (ParameterValue v : values) {
            ParameterValue x = v.value() instanceof GPFeatureRecordSetLayer fs
                    ? new ParameterValue(v.paramName(), v.dataType(), fs.withZM(z, m)) : v;
            out.add(target == null ? x : one(x, target));
        }
        return out;
    }

    /**
     * {@code v} converted to {@code target}: an inline feature set with a spatial reference gets converted
     * coordinates and the target's spatial reference; anything else is returned as is.
     */
    private static ParameterValue one(ParameterValue v, Target target) {
        if (!(v.value() instanceof GPFeatureRecordSetLayer fs) || fs.reference() != null
                || fs.spatialReference() == null) {
            return v;
        }
        Reprojection p = Reprojection.between(fs.spatialReference(), target.sr(), target.parameter());
        if (p.isIdentity()) {
            return v;
        }
        List<Feature> features = new ArrayList<>(fs.features().size());
        for (Feature f : fs.features()) {
            SpatialReference own = f.geometry() == null || f.geometry().spatialReference() == null ? null
                    : target.sr();
            features.add(new Feature(p.geometry(f.geometry(), own), f.attributes()));
        }
        return new ParameterValue(v.paramName(), v.dataType(), new GPFeatureRecordSetLayer(fs.geometryType(),
                target.sr(), fs.hasZ(), fs.hasM(), fs.fields(), features, fs.exceededTransferLimit(), null));
    }
}
