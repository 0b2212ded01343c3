package io.gpjobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the admin service JSON of a GP service into a {@link GPService.Builder}. Numbers and booleans may be
 * strings, as ArcGIS writes them; unknown properties are ignored; bad values are reported with the property name
 * and the value.
 */
final class ServiceJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServiceJsonReader() {
    }

    /**
     * Parses {@code json} into a builder without tasks.
     *
     * @throws IllegalArgumentException naming the property and the value when one is invalid
     */
    static GPService.Builder read(String json) {
        Objects.requireNonNull(json, "adminServiceJson");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("service JSON is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("service JSON must be an object");
        }
        JsonNode type = root.get("type");
        if (type != null && !type.isNull() && !"GPServer".equals(type.asText())) {
            throw new IllegalArgumentException("service property 'type' must be 'GPServer', got '" + type.asText() + "'");
        }
        JsonNode nameNode = root.get("serviceName");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new IllegalArgumentException("service property 'serviceName' is missing or not a string, got '"
                    + nameNode + "'");
        }
        JsonNode props = root.path("properties");
        if (!props.isMissingNode() && !props.isObject()) {
            throw new IllegalArgumentException("service property 'properties' must be an object, got '" + props + "'");
        }
        GPService.Builder b;
        try {
            b = GPService.builder(nameNode.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("service property 'serviceName': " + e.getMessage(), e);
        }
        String description = text(root, props, "description");
        if (description != null) {
            b.description(description);
        }
        Long usage = integer(root, props, "maxUsageTime", 1);
        if (usage != null) {
            b.maxUsageTime(Duration.ofSeconds(usage));
        }
        Long wait = integer(root, props, "maxWaitTime", 1);
        if (wait != null) {
            b.maxWaitTime(Duration.ofSeconds(wait));
        }
        Long instances = integer(root, props, "maxInstancesPerNode", 1);
        if (instances != null) {
            b.maxInstances(toInt("maxInstancesPerNode", instances));
        }
        Long queue = integer(props, props, "maxQueueSize", 1);
        if (queue != null) {
            b.maxQueueSize(toInt("maxQueueSize", queue));
        }
        String exec = text(props, props, "executionType");
        if (exec != null) {
            b.executionType(executionType(exec));
        }
        String show = text(props, props, "showMessages");
        if (show != null) {
            b.showMessages(messageLevel(show));
        }
        Long records = integer(props, props, "maximumRecords", 1);
        if (records != null) {
            b.maximumRecords(toInt("maximumRecords", records));
        }
        String jobsDir = text(props, props, "jobsDirectory");
        if (jobsDir != null) {
            b.jobsDirectory(jobsDir);
        }
        Long age = integer(props, props, "maxFileAge", 1);
        if (age != null) {
            b.maxFileAge(Duration.ofMinutes(age));
        }
        Boolean map = bool(props, "resultMapServer");
        if (map != null) {
            b.resultMapServer(map);
        }
        Long progress = integer(props, props, "progressMessageUpdateInterval", 5);
        if (progress != null) {
            b.progressMessageUpdateInterval(Duration.ofSeconds(progress));
        }
        Long cancel = integer(props, props, "cancellationCheckInterval", 1);
        if (cancel != null) {
            b.cancellationCheckInterval(Duration.ofSeconds(cancel));
        }
        return b;
    }

    /** The node {@code name} from {@code first}, else from {@code second}; null when absent or JSON null. */
    private static JsonNode find(JsonNode first, JsonNode second, String name) {
        JsonNode n = first.get(name);
        if (n == null || n.isNull()) {
            n = second.get(name);
        }
        return n == null || n.isNull() ? null : n;
    }

    private static String text(JsonNode first, JsonNode second, String name) {
        JsonNode n = find(first, second, name);
        if (n == null) {
            return null;
        }
        if (!n.isValueNode()) {
            throw new IllegalArgumentException("service property '" + name + "' must be a string, got '" + n + "'");
        }
        return n.asText();
    }

    private static Long integer(JsonNode first, JsonNode second, String name, long min) {
        JsonNode n = find(first, second, name);
        if (n == null) {
            return null;
        }
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.longValue();
        } else if (n.isTextual() && n.asText().strip().matches("-?\\d{1,18}")) {
            v = Long.parseLong(n.asText().strip());
        } else {
            throw new IllegalArgumentException("service property '" + name + "' must be an integer, got '"
                    + (n.isTextual() ? n.asText() : n.toString()) + "'");
        }
        if (v < min) {
            throw new IllegalArgumentException("service property '" + name + "' must be at least " + min + ", got '"
                    + v + "'");
        }
        return v;
    }

    private static int toInt(String name, long v) {
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("service property '" + name + "' is too large, got '" + v + "'");
        }
        return (int) v;
    }

    private static Boolean bool(JsonNode props, String name) {
        JsonNode n = find(props, props, name);
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.asText().strip().toLowerCase(Locale.ROOT);
        if (n.isTextual() && (s.equals("true") || s.equals("false"))) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException("service property '" + name + "' must be true or false, got '"
                + (n.isTextual() ? n.asText() : n.toString()) + "'");
    }

    private static GPService.ExecutionType executionType(String s) {
        return switch (s.strip()) {
            case "Asynchronous", "esriExecutionTypeAsynchronous" -> GPService.ExecutionType.ASYNCHRONOUS;
            case "Synchronous", "esriExecutionTypeSynchronous" -> GPService.ExecutionType.SYNCHRONOUS;
            default -> throw new IllegalArgumentException("service property 'executionType' must be Asynchronous or "
                    + "Synchronous, got '" + s + "'");
        };
    }

    private static GPService.MessageLevel messageLevel(String s) {
        return switch (s.strip().toUpperCase(Locale.ROOT)) {
            case "NONE" -> GPService.MessageLevel.NONE;
            case "ERROR" -> GPService.MessageLevel.ERROR;
            case "WARNING" -> GPService.MessageLevel.WARNING;
            case "INFO" -> GPService.MessageLevel.INFO;
            default -> throw new IllegalArgumentException("service property 'showMessages' must be None, Error, "
                    + "Warning or Info, got '" + s + "'");
        };
    }
}
