package io.gpjobs.store.disk.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.spi.StoredValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of {@code record.json} and of the value files, format 1. Statuses, message types and progress types
 * use their wire names and instants ISO-8601 text, so a person can read a record with any editor:
 * <pre>{@code
 * {"format":1,"jobId":"j…","serviceName":"…","taskName":"…","status":"esriJobExecuting","version":3,
 *  "submitted":"2026-01-01T00:00:00.123456Z","started":…,"ended":null,"updated":…,"owner":null,
 *  "nodeId":"node-1","leaseUntil":…,"cancelRequested":false,
 *  "messages":[{"type":"esriJobMessageTypeInformative","description":"…"}],
 *  "progress":{"type":"step","message":"…","percent":42}}
 * }</pre>
 * A value file is {@code {"format":1,"parameter":"…","dataType":"GPLong","json":"345"}}: the value's JSON stays
 * text so it comes back byte for byte.
 *
 * <p>Thread-safe (the mapper is only used for trees).
 */
final class RecordCodec {

    static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecordCodec() {
    }

    /** Thrown when a file's bytes are not a record or value of a known format. */
    static class CorruptException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Thrown when a file was written in a newer format than this code reads: not corrupt, so never quarantined,
     * but not usable either (a newer gpjobs shares the directory).
     */
    static final class NewerFormatException extends CorruptException {
        private static final long serialVersionUID = 1L;

        NewerFormatException(int format) {
            super("written in format " + format + ", newer than the format " + FORMAT + " this version reads", null);
        }
    }

    /** The exception for a parse failure: a newer format passes through, anything else means corrupt. */
    private static CorruptException corrupt(String what, RuntimeException e) {
        if (e instanceof NewerFormat n) {
            return new NewerFormatException(n.format);
        }
        return new CorruptException("not a " + what + " of format " + FORMAT + ": " + e.getMessage(), e);
    }

    /** Internal signal from {@link #tree}. */
    private static final class NewerFormat extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int format;

        NewerFormat(int format) {
            super(null, null, false, false);
            this.format = format;
        }
    }

    /**
     * The bytes of {@code record.json} for {@code r}: indented JSON and a final newline, written by a streaming
     * generator (no tree, no intermediate string: this runs on every record write).
     */
    static byte[] writeRecord(JobRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("jobId", r.jobId());
            g.writeStringField("serviceName", r.serviceName());
            g.writeStringField("taskName", r.taskName());
            g.writeStringField("status", r.status().wireName());
            g.writeNumberField("version", r.version());
            g.writeStringField("submitted", text(r.submitted()));
            g.writeStringField("started", text(r.started()));
            g.writeStringField("ended", text(r.ended()));
            g.writeStringField("updated", text(r.updated()));
            g.writeStringField("owner", r.owner());
            g.writeStringField("nodeId", r.nodeId());
            g.writeStringField("leaseUntil", text(r.leaseUntil()));
            g.writeBooleanField("cancelRequested", r.cancelRequested());
            g.writeNumberField("attempt", r.attempt());
            g.writeArrayFieldStart("messages");
            for (JobMessage m : r.messages()) {
                g.writeStartObject();
                g.writeStringField("type", m.type().wireName());
                g.writeStringField("description", m.description());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (r.progress() == null) {
                g.writeNullField("progress");
            } else {
                g.writeObjectFieldStart("progress");
                g.writeStringField("type", r.progress().type().wireName());
                g.writeStringField("message", r.progress().message());
                if (r.progress().percent() != null) {
                    g.writeNumberField("percent", r.progress().percent());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    static JobRecord readRecord(byte[] bytes) throws CorruptException {
        try {
            JsonNode n = tree(bytes);
            List<JobMessage> messages = new ArrayList<>();
            for (JsonNode m : required(n, "messages")) {
                messages.add(new JobMessage(MessageType.fromWireName(string(m, "type")), string(m, "description")));
            }
            JsonNode p = required(n, "progress");
            JobProgress progress = p.isNull() ? null : new JobProgress(progressType(string(p, "type")),
                    string(p, "message"), p.hasNonNull("percent") ? p.get("percent").intValue() : null);
            return new JobRecord(string(n, "jobId"), string(n, "serviceName"), string(n, "taskName"),
                    JobStatus.fromWireName(string(n, "status")), required(n, "version").longValue(),
                    instant(n, "submitted"), instant(n, "started"), instant(n, "ended"), instant(n, "updated"),
                    string(n, "owner"), string(n, "nodeId"), instant(n, "leaseUntil"),
                    required(n, "cancelRequested").booleanValue(), messages, progress,
                    n.hasNonNull("attempt") ? n.get("attempt").intValue() : 0); // absent in older records
        } catch (RuntimeException e) {
            throw corrupt("job record", e);
        }
    }

    static byte[] writeValue(String parameter, StoredValue v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("parameter", parameter);
        n.put("dataType", v.dataType());
        n.put("json", v.json());
        return bytes(n);
    }

    /** Reads a value file; returns {parameter, dataType, json}. */
    static String[] readValue(byte[] bytes) throws CorruptException {
        try {
            JsonNode n = tree(bytes);
            return new String[] {requiredText(n, "parameter"), requiredText(n, "dataType"), requiredText(n, "json")};
        } catch (RuntimeException e) {
            throw corrupt("stored value", e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object (" + bytes.length + " bytes)");
        }
        int format = required(n, "format").asInt(-1);
        if (format > FORMAT) {
            throw new NewerFormat(format);
        }
        if (format != FORMAT) {
            throw new IllegalArgumentException("unsupported format " + n.get("format"));
        }
        return n;
    }

    private static JobProgress.Type progressType(String wire) {
        for (JobProgress.Type t : JobProgress.Type.values()) {
            if (t.wireName().equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown progress type '" + wire + "'");
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }

    private static String requiredText(JsonNode n, String field) {
        String s = string(n, field);
        if (s == null) {
            throw new IllegalArgumentException("field '" + field + "' is null");
        }
        return s;
    }

    private static String string(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is not text");
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode n, String field) {
        String s = string(n, field);
        return s == null ? null : Instant.parse(s);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return (MAPPER.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
