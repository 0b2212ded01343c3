package io.gpjobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.SpatialReference;
import java.util.Map;

/**
 * The environment settings a job keeps beside its inputs: {@code env:outSR}, the spatial reference its geometry
 * outputs are rendered in (ArcGIS applies it to a job's results). It is stored among the job's inputs under its own
 * name, as a {@code GPString} holding spatial reference JSON; job views and input listings leave it out, and it is
 * read by name ({@code input(jobId, "env:outSR")}). The engine checks its form only (a wkid or spatial reference
 * JSON); whether the wkid converts is the business of whoever renders the results. Stateless.
 */
public final class JobEnvironment {

    /** The output spatial reference setting. */
    public static final String OUT_SR = "env:outSR";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobEnvironment() {
    }

    /** Whether a stored name is an environment setting rather than a task parameter. */
    public static boolean isSetting(String name) {
        return name != null && name.startsWith("env:");
    }

    /**
     * The environment settings among raw submit inputs, as they are stored.
     *
     * @param raw the inputs of a submit; values a {@link String} (a wkid or spatial reference JSON) or a
     *            {@link JsonNode}; an absent or blank value counts as not given
     * @return {@code env:outSR} as a stored value, or nothing
     * @throws InvalidInputException naming {@code env:outSR} and the value when it is no spatial reference
     */
    static Map<String, StoredValue> stored(Map<String, ?> raw) {
        Object v = raw.get(OUT_SR);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return Map.of();
        }
        SpatialReference sr;
        try {
            JsonNode n = v instanceof JsonNode j ? j : v instanceof String s && s.strip().matches("\\d{1,9}")
                    ? MAPPER.getNodeFactory().objectNode().put("wkid", Integer.parseInt(s.strip()))
                    : MAPPER.readTree(String.valueOf(v));
            sr = n != null && n.isObject() ? GPValueCodec.readSpatialReference(n) : null;
        } catch (Exception e) {
            sr = null;
        }
        if (sr == null || (sr.wkid() == null && sr.latestWkid() == null && sr.wkt() == null)) {
            throw new InvalidInputException("parameter '" + OUT_SR + "': expected a wkid or a spatial reference JSON "
                    + "such as {\"wkid\":3857}, got '" + clip(String.valueOf(v)) + "'");
        }
        String json = GPValueCodec.writeSpatialReference(sr).toString();
        return Map.of(OUT_SR, new StoredValue("GPString", MAPPER.getNodeFactory().textNode(json).toString()));
    }

    private static String clip(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }
}
