package io.gpjobs.samples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tells a feature file's format by its content, not its name: GeoJSON (a {@code type} of FeatureCollection, Feature
 * or a geometry) is converted to Esri JSON; anything else JSON is taken as Esri JSON and left to the engine to
 * check. Stateless.
 */
final class FeatureFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FeatureFile() {
    }

    /**
     * The Esri JSON text of a feature file's content.
     *
     * @param source names the input in messages
     * @throws UsageException when the content is not JSON, or is GeoJSON that cannot be a feature set
     */
    static String toEsriJson(String content, String source) {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new UsageException(source + " is neither GeoJSON nor Esri JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new UsageException(source + " is neither GeoJSON nor Esri JSON: it is not a JSON object");
        }
        return GeoJson.isGeoJson(doc) ? GeoJson.toEsri(doc, source).toString() : content;
    }
}
