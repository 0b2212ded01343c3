package io.gpjobs.map.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.InvalidInputException;
import io.gpjobs.map.TimeExtent;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the REST parameters of the map service's query and export operations from their text form. Every error is
 * an {@link InvalidInputException} naming the parameter and the value. Stateless.
 */
public final class RestParams {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RestParams() {
    }

    /** The parameter, or null when absent or blank. */
    public static String get(Map<String, String> params, String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** An integer parameter, or {@code dflt} when absent. */
    public static Integer integer(Map<String, String> params, String name, Integer dflt) {
        String v = get(params, name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(name, v, "a whole number");
        }
    }

    /** A boolean parameter ({@code true}/{@code false}), or {@code dflt} when absent. */
    public static boolean bool(Map<String, String> params, String name, boolean dflt) {
        String v = get(params, name);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, v, "true or false");
        };
    }

    /** A spatial reference given as a wkid ({@code 4326}) or JSON ({@code {"wkid":3857}}), or null when absent. */
    public static SpatialReference spatialReference(Map<String, String> params, String name) {
        String v = get(params, name);
        if (v == null) {
            return null;
        }
        try {
            if (v.matches("\\d{1,9}")) {
                return SpatialReference.ofWkid(Integer.parseInt(v));
            }
            return GPValueCodec.readSpatialReference(MAPPER.readTree(v));
        } catch (Exception e) {
            throw bad(name, v, "a wkid or a spatial reference JSON such as {\"wkid\":4326}");
        }
    }

    /**
     * An envelope given as {@code xmin,ymin,xmax,ymax} or as envelope JSON, with {@code sr} when it has no spatial
     * reference of its own; null when absent.
     */
    public static Envelope envelope(Map<String, String> params, String name, SpatialReference sr) {
        String v = get(params, name);
        if (v == null) {
            return null;
        }
        try {
            Envelope e;
            if (v.startsWith("{")) {
                JsonNode n = MAPPER.readTree(v);
                Geometry g = GPValueCodec.readGeometry(n);
                if (!(g instanceof Envelope env)) {
                    throw bad(name, v, "an envelope (only envelope geometries filter result map queries)");
                }
                e = env;
            } else {
                String[] p = v.split(",");
                if (p.length != 4) {
                    throw bad(name, v, "xmin,ymin,xmax,ymax");
                }
                e = new Envelope(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()),
                        Double.parseDouble(p[2].strip()), Double.parseDouble(p[3].strip()), null);
            }
            SpatialReference own = e.spatialReference() != null ? e.spatialReference() : sr;
            return new Envelope(e.xmin(), e.ymin(), e.xmax(), e.ymax(), own);
        } catch (InvalidInputException ex) {
            throw ex;
        } catch (Exception ex) {
            throw bad(name, v, "xmin,ymin,xmax,ymax or an envelope JSON (" + ex.getMessage() + ")");
        }
    }

    /** A time parameter: {@code t} or {@code start,end} in epoch milliseconds, {@code null} for an open end. */
    public static TimeExtent time(Map<String, String> params, String name) {
        String v = get(params, name);
        if (v == null) {
            return null;
        }
        String[] p = v.split(",", -1);
        try {
            if (p.length == 1) {
                return TimeExtent.at(instant(p[0]));
            }
            if (p.length == 2) {
                return new TimeExtent(instant(p[0]), instant(p[1]));
            }
        } catch (NumberFormatException e) {
            throw bad(name, v, "epoch milliseconds: <t> or <start>,<end> (null for an open end)");
        } catch (IllegalArgumentException e) {
            throw bad(name, v, "a valid time extent (" + e.getMessage() + ")");
        }
        throw bad(name, v, "epoch milliseconds: <t> or <start>,<end> (null for an open end)");
    }

    private static Instant instant(String s) {
        String t = s.strip();
        return t.isEmpty() || t.equalsIgnoreCase("null") ? null : Instant.ofEpochMilli(Long.parseLong(t));
    }

    /** A comma-separated list, or null when absent. */
    public static List<String> list(Map<String, String> params, String name) {
        String v = get(params, name);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The error for a parameter value. */
    public static InvalidInputException bad(String name, String value, String expected) {
        return new InvalidInputException("parameter '" + name + "': expected " + expected + ", got '" + value + "'");
    }
}
