package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.InvalidInputException;
import io.gpjobs.ParameterValue;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The shape of output values a request asks for. Feature outputs lose their z and m values unless
 * {@code returnZ}/{@code returnM} is true (the REST default), and take the output spatial reference ({@code outSR}
 * on a result, {@code env:outSR} or {@code context.outSR} on execute): coordinates are converted between WGS 84
 * (4326) and Web Mercator (3857, 102100) on the sphere; other pairs are refused with an error naming both. Outputs
 * without geometry are left alone. Stateless.
 */
final class Outputs {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double R = 6378137.0;
    private static final double MAX_LAT = 85.05112877980659;

    private Outputs() {
    }

    /**
     * The spatial reference a call asks outputs in: the first of {@code names} given (a wkid or spatial reference
     * JSON), else {@code context}'s {@code outSR}; null when none.
     *
     * @throws InvalidInputException naming the parameter and value when it is neither a wkid nor spatial reference
     *                               JSON
     */
    private static SpatialReference requested(Call c, String... names) {
        for (String n : names) {
            String v = c.param(n);
            if (v != null && !v.isBlank()) {
                return parse(n, v.trim());
            }
        }
        String context = c.param("context");
        if (context != null && !context.isBlank()) {
            JsonNode ctx = json("context", context);
            JsonNode out = ctx.get("outSR");
            if (out != null && !out.isNull()) {
                return out.isNumber() ? SpatialReference.ofWkid(out.asInt()) : sr("context", out);
            }
        }
        return null;
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
     * reference of the first of {@code srParams} given (or {@code context.outSR}).
     *
     * @throws InvalidInputException naming the parameter and value when a flag or spatial reference is malformed, or
     *                               no conversion is known
     */
    static List<ParameterValue> shaped(Call c, List<ParameterValue> values, String... srParams) {
        boolean z = c.flag("returnZ", false);
        boolean m = c.flag("returnM", false);
        SpatialReference target = requested(c, srParams);
        List<ParameterValue> out = new ArrayList<>(values.size());
        for (ParameterValue v : values) {
            ParameterValue x = v.value() instanceof GPFeatureRecordSetLayer fs
                    ? new ParameterValue(v.paramName(), v.dataType(), fs.withZM(z, m)) : v;
            out.add(target == null ? x : one(x, target));
        }
        return out;
    }

    /**
     * {@code v} converted to {@code target}: an inline feature set gets converted coordinates and the target's
     * spatial reference; anything else is returned as is.
     *
     * @throws InvalidInputException naming the output and both spatial references when no conversion is known
     */
    private static ParameterValue one(ParameterValue v, SpatialReference target) {
        if (!(v.value() instanceof GPFeatureRecordSetLayer fs) || fs.reference() != null) {
            return v;
        }
        Integer from = wkid(fs.spatialReference());
        Integer to = wkid(target);
        if (from != null && from.equals(to)) {
            return v;
        }
        DoubleUnaryOperator fx;
        DoubleUnaryOperator fy;
        if (from != null && to != null && from == 4326 && to == 3857) {
            fx = lon -> Math.toRadians(lon) * R;
            fy = lat -> R * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(Math.max(-MAX_LAT, Math.min(MAX_LAT,
                    lat))) / 2));
        } else if (from != null && to != null && from == 3857 && to == 4326) {
            fx = x -> Math.toDegrees(x / R);
            fy = y -> Math.toDegrees(2 * Math.atan(Math.exp(y / R)) - Math.PI / 2);
        } else {
            throw new InvalidInputException("parameter 'outSR': cannot convert output '" + v.paramName() + "' from "
                    + describe(fs.spatialReference()) + " to " + describe(target) + "; this server converts only "
                    + "between WGS 84 (4326) and Web Mercator (3857/102100)");
        }
        List<Feature> features = new ArrayList<>(fs.features().size());
        for (Feature f : fs.features()) {
            features.add(new Feature(f.geometry() == null ? null : geometry(f.geometry(), fx, fy, target),
                    f.attributes()));
        }
        return new ParameterValue(v.paramName(), v.dataType(), new GPFeatureRecordSetLayer(fs.geometryType(), target,
                fs.hasZ(), fs.hasM(), fs.fields(), features, fs.exceededTransferLimit(), null));
    }

    private static Geometry geometry(Geometry g, DoubleUnaryOperator fx, DoubleUnaryOperator fy,
                                     SpatialReference target) {
        SpatialReference sr = g.spatialReference() == null ? null : target;
        if (g instanceof Geometry.Point p) {
            return new Geometry.Point(fx.applyAsDouble(p.x()), fy.applyAsDouble(p.y()), p.z(), p.m(), sr);
        }
        if (g instanceof Geometry.Multipoint m) {
            return new Geometry.Multipoint(vertices(m.points(), fx, fy), m.hasZ(), m.hasM(), sr);
        }
        if (g instanceof Geometry.Polyline l) {
            return new Geometry.Polyline(l.paths().stream().map(p -> vertices(p, fx, fy)).toList(), l.hasZ(),
                    l.hasM(), sr);
        }
        if (g instanceof Geometry.Polygon p) {
            return new Geometry.Polygon(p.rings().stream().map(r -> vertices(r, fx, fy)).toList(), p.hasZ(),
                    p.hasM(), sr);
        }
        Geometry.Envelope e = (Geometry.Envelope) g;
        return new Geometry.Envelope(fx.applyAsDouble(e.xmin()), fy.applyAsDouble(e.ymin()),
                fx.applyAsDouble(e.xmax()), fy.applyAsDouble(e.ymax()), sr);
    }

    private static List<List<Double>> vertices(List<List<Double>> vs, DoubleUnaryOperator fx,
                                               DoubleUnaryOperator fy) {
        List<List<Double>> out = new ArrayList<>(vs.size());
        for (List<Double> v : vs) {
            List<Double> c = new ArrayList<>(v);
            c.set(0, fx.applyAsDouble(v.get(0)));
            c.set(1, fy.applyAsDouble(v.get(1)));
            out.add(c);
        }
        return out;
    }

    private static Integer wkid(SpatialReference sr) {
        if (sr == null) {
            return null;
        }
        Integer w = sr.latestWkid() != null ? sr.latestWkid() : sr.wkid();
        return w == null ? null : (w == 102100 || w == 900913 || w == 102113 ? 3857 : w);
    }

    private static String describe(SpatialReference sr) {
        Integer w = wkid(sr);
        return sr == null ? "no spatial reference" : w != null ? "wkid " + w : "a WKT spatial reference";
    }
}
