package io.gpjobs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from input values before they are stored or echoed: every JSON member named {@code token}
 * (any depth, any case) gets the value {@code ********}, and every {@code token=…} query parameter inside a string
 * gets {@code token=********}. Thread-safe (stateless).
 */
public final class Redactor {

    /** What a redacted secret reads as. */
    public static final String MASK = "********";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)((?:^|[?&;])token=)[^&#\\s\"]*");

    private Redactor() {
    }

    /** Redacts JSON text; text that is not JSON is treated as a plain string. */
    public static String redactJson(String json) {
        if (json == null || !mayHoldToken(json)) {
            return json;
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null) {
                return redactText(json);
            }
            return MAPPER.writeValueAsString(redact(node));
        } catch (JsonProcessingException e) {
            return redactText(json);
        }
    }

    /** Redacts a JSON tree, returning a redacted copy (the argument is not changed). */
    public static JsonNode redact(JsonNode node) {
        if (node.isTextual()) {
            String r = redactText(node.asText());
            return r.equals(node.asText()) ? node : TextNode.valueOf(r);
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(n -> copy.add(redact(n)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                boolean secret = e.getKey().equalsIgnoreCase("token") && !e.getValue().isNull();
                copy.set(e.getKey(), secret ? TextNode.valueOf(MASK) : redact(e.getValue()));
            }
            return copy;
        }
        return node;
    }

    /** Redacts {@code token=…} query parameters in a string. */
    public static String redactText(String text) {
        if (text == null || !mayHoldToken(text)) {
            return text;
        }
        Matcher m = TOKEN_PARAM.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }

    private static boolean mayHoldToken(String s) {
        return s.toLowerCase(Locale.ROOT).contains("token");
    }
}
