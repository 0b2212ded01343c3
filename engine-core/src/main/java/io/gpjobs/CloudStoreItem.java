package io.gpjobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cloud store data item of an ArcGIS Server administrator, read once for the engine and for the store provider
 * that opens it: {@code {"path":"/cloudStores/<name>","type":"cloudStore","provider":"azure","info":{…}}}. The
 * scalar members of {@code info} (such as {@code connectionString}, {@code objectStore}, {@code tableStore}) are the
 * provider's settings; other members (such as {@code id} or nested objects) are ignored.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the setting names, never their values (a connection
 * string holds an account key).
 *
 * @param name     the store's name: the last segment of {@code path}
 * @param provider the store provider's name, such as {@code azure}
 * @param settings the scalar members of {@code info}, as text
 */
public record CloudStoreItem(String name, String provider, Map<String, String> settings) {
    private static final String PREFIX = "/cloudStores/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Checks and copies the members.
     *
     * @throws IllegalArgumentException when the name has a {@code /} or is blank, or the provider is blank
     */
    public CloudStoreItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("cloud store data item: 'path' must be '/cloudStores/<name>', got '"
                    + PREFIX + name + "'");
        }
        if (provider.isBlank()) {
            throw new IllegalArgumentException("cloud store data item '" + PREFIX + name + "' has no 'provider'");
        }
        settings = Map.copyOf(settings);
    }

    /**
     * Reads a data item.
     *
     * @param dataItemJson the item's JSON, not null
     * @throws IllegalArgumentException naming the member when the JSON is malformed, {@code type} is present and
     *                                  not {@code cloudStore}, {@code path} is not {@code /cloudStores/<name>},
     *                                  {@code provider} is missing, or {@code info} is not an object
     */
    public static CloudStoreItem parse(String dataItemJson) {
        Objects.requireNonNull(dataItemJson, "dataItemJson");
        JsonNode root;
        try {
            root = MAPPER.readTree(dataItemJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cloud store data item is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("cloud store data item must be a JSON object");
        }
        String type = root.path("type").asText("cloudStore");
        if (!"cloudStore".equals(type)) {
            throw new IllegalArgumentException("cloud store data item: 'type' must be 'cloudStore', got '" + type + "'");
        }
        String path = root.path("path").asText("");
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length() || path.indexOf('/', PREFIX.length()) >= 0) {
            throw new IllegalArgumentException("cloud store data item: 'path' must be '/cloudStores/<name>', got '"
                    + path + "'");
        }
        JsonNode info = root.path("info");
        if (!info.isObject()) {
            throw new IllegalArgumentException("cloud store data item '" + path + "': 'info' object is missing");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        info.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                settings.put(e.getKey(), e.getValue().asText());
            }
        });
        return new CloudStoreItem(path.substring(PREFIX.length()), root.path("provider").asText(""), settings);
    }

    /** The item's {@code path}: {@code /cloudStores/<name>}. */
    public String path() {
        return PREFIX + name;
    }

    @Override
    public String toString() {
        return "CloudStoreItem[" + path() + ", provider=" + provider + ", settings=" + settings.keySet() + "]";
    }
}
