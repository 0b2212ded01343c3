package io.gpjobs.store.azure.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.MessageType;
import io.gpjobs.spi.StoredValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link JobRecord} to the properties of its table entity and back, and parameter values to JSON text.
 *
 * <p>Instants are stored as Int64 nanoseconds since the epoch, so they round-trip exactly and compare correctly in
 * server-side filters. Messages and progress (the only unbounded parts of a record) form one JSON "body", which the
 * store keeps inline or spills to a blob. Stateless and thread-safe.
 */
final class RecordCodec {

    public static final String VERSION = "v";
    public static final String SERVICE = "service";
    public static final String TASK = "task";
    public static final String STATUS = "status";
    public static final String SUBMITTED = "submittedNs";
    public static final String STARTED = "startedNs";
    public static final String ENDED = "endedNs";
    public static final String UPDATED = "updatedNs";
    public static final String OWNER = "owner";
    public static final String NODE = "nodeId";
    public static final String LEASE = "leaseUntilNs";
    public static final String CANCEL = "cancel";
    /** The attempt (runs started); left out while 0, and read as 0 when absent (records written before it). */
    public static final String ATTEMPT = "attempt";
    public static final String BODY = "body";
    public static final String INPUTS = "inputs";
    public static final String RESULTS = "results";
    /**
     * A random token each write puts in the entity: a request retried after a lost response gets 409 or 412 and
     * finds its own token, so it knows the first attempt was applied.
     */
    public static final String WRITE_TOKEN = "wt";
    /** The index entity's property naming the job's service. */
    public static final String INDEX_SERVICE = "service";

    /** The longest short string field (task, owner, node id) the store keeps. */
    static final int MAX_SHORT_FIELD = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordCodec() {
    }

    /**
     * The entity properties of {@code r} at {@code version}, with {@code body} (inline JSON or blob reference). Null
     * fields are left out.
     *
     * @throws IllegalArgumentException naming the field when a short field is too long or an instant is out of range
     */
    public static Map<String, Object> toProperties(JobRecord r, long version, String body) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(VERSION, version);
        p.put(SERVICE, shortField("serviceName", r.serviceName()));
        p.put(TASK, shortField("taskName", r.taskName()));
        p.put(STATUS, r.status().wireName());
        p.put(SUBMITTED, nanos("submitted", r.submitted()));
        putIfNotNull(p, STARTED, r.started() == null ? null : nanos("started", r.started()));
        putIfNotNull(p, ENDED, r.ended() == null ? null : nanos("ended", r.ended()));
        p.put(UPDATED, nanos("updated", r.updated()));
        putIfNotNull(p, OWNER, r.owner() == null ? null : shortField("owner", r.owner()));
        putIfNotNull(p, NODE, r.nodeId() == null ? null : shortField("nodeId", r.nodeId()));
        putIfNotNull(p, LEASE, r.leaseUntil() == null ? null : nanos("leaseUntil", r.leaseUntil()));
        p.put(CANCEL, r.cancelRequested());
        if (r.attempt() > 0) {
            p.put(ATTEMPT, r.attempt());
        }
        p.put(BODY, body);
        return p;
    }

    /** The JSON body of a record: {@code {"messages":[{"type":…,"description":…}],"progress":{…}}}. */
    public static String bodyJson(JobRecord r) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode msgs = root.putArray("messages");
        for (JobMessage m : r.messages()) {
            msgs.addObject().put("type", m.type().wireName()).put("description", m.description());
        }
        JobProgress pr = r.progress();
        if (pr != null) {
            ObjectNode o = root.putObject("progress").put("type", pr.type().name()).put("message", pr.message());
            if (pr.percent() != null) {
                o.put("percent", pr.percent());
            }
        }
        return root.toString();
    }

    /**
     * The record of an entity.
     *
     * @param jobId the RowKey
     * @param p     the entity's properties
     * @param body  the resolved body JSON (inline or read from its blob)
     * @throws JobStoreException when the entity is not a job record of this store (corrupt or foreign)
     */
    public static JobRecord toRecord(String jobId, Map<String, Object> p, String body) {
        try {
            JsonNode b = JSON.readTree(body);
            List<JobMessage> messages = new ArrayList<>();
            for (JsonNode m : b.path("messages")) {
                messages.add(new JobMessage(MessageType.fromWireName(m.get("type").asText()), m.get("description").asText()));
            }
            JsonNode pn = b.get("progress");
            JobProgress progress = pn == null || pn.isNull() ? null : new JobProgress(
                    JobProgress.Type.valueOf(pn.get("type").asText()), pn.get("message").asText(),
                    pn.has("percent") ? pn.get("percent").asInt() : null);
            return new JobRecord(jobId, (String) p.get(SERVICE), (String) p.get(TASK),
                    JobStatus.fromWireName((String) p.get(STATUS)), asLong(p.get(VERSION)),
                    instant(p.get(SUBMITTED)), instant(p.get(STARTED)), instant(p.get(ENDED)), instant(p.get(UPDATED)),
                    (String) p.get(OWNER), (String) p.get(NODE), instant(p.get(LEASE)),
                    Boolean.TRUE.equals(p.get(CANCEL)), messages, progress,
                    p.get(ATTEMPT) == null ? 0 : (int) asLong(p.get(ATTEMPT)));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new JobStoreException("job '" + jobId + "': the stored record is corrupt (" + e.getMessage() + ")", e);
        }
    }

    /** The JSON text of parameter values: {@code {"name":{"dataType":"GPLong","json":"345"},…}}. */
    public static String valuesJson(Map<String, StoredValue> values) {
        ObjectNode root = JSON.createObjectNode();
        values.forEach((k, v) -> root.putObject(k).put("dataType", v.dataType()).put("json", v.json()));
        return root.toString();
    }

    /**
     * Parameter values from their JSON text, in stored order.
     *
     * @throws JobStoreException when the text is corrupt
     */
    public static Map<String, StoredValue> parseValues(String jobId, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, StoredValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                out.put(e.getKey(), new StoredValue(e.getValue().get("dataType").asText(), e.getValue().get("json").asText()));
            }
            return Collections.unmodifiableMap(out);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new JobStoreException("job '" + jobId + "': stored values are corrupt (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Nanoseconds since the epoch.
     *
     * @throws IllegalArgumentException naming the field when the instant is outside years 1677–2262
     */
    public static long nanos(String field, Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " " + t
                    + " is outside the range the Azure store keeps (years 1677 to 2262)", e);
        }
    }

    static Instant instant(Object nanos) {
        if (nanos == null) {
            return null;
        }
        long n = asLong(nanos);
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    static long asLong(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s) {
            return Long.parseLong(s);
        }
        throw new IllegalArgumentException("expected a number, got " + o);
    }

    private static String shortField(String field, String value) {
        if (value.length() > MAX_SHORT_FIELD) {
            throw new IllegalArgumentException(field + " '" + Keys.abbreviate(value) + "' is longer than "
                    + MAX_SHORT_FIELD + " characters");
        }
        return value;
    }

    private static void putIfNotNull(Map<String, Object> p, String k, Object v) {
        if (v != null) {
            p.put(k, v);
        }
    }
}
