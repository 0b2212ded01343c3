package io.gpjobs.store.azure.internal;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Azure Table's entity limits, checked before every write. The emulator enforces only some of them (it accepts
 * 260 properties, for example), so the library checks all of them itself: at most 1 MiB per entity (computed with
 * Azure's published size formula), at most 252 custom properties, at most 64 KiB per string or binary property,
 * property names of at most 255 identifier characters, and valid keys. Stateless.
 */
final class EntityLimits {

    /** Azure's largest entity, including keys and property names. */
    public static final int MAX_ENTITY_BYTES = 1024 * 1024;
    /** 255 properties minus PartitionKey, RowKey and Timestamp. */
    public static final int MAX_CUSTOM_PROPERTIES = 252;
    /** The largest string (as UTF-16) or binary property. */
    public static final int MAX_PROPERTY_BYTES = 64 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    private EntityLimits() {
    }

    /**
     * Checks an entity about to be written.
     *
     * @param partitionKey the PartitionKey
     * @param rowKey       the RowKey
     * @param properties   the custom properties (no keys, no {@code odata.*} annotations)
     * @param jobId        the job, for messages
     * @return the entity's size in bytes as Azure counts it
     * @throws IllegalArgumentException naming the job and the property when a limit is exceeded
     */
    public static int check(String partitionKey, String rowKey, Map<String, Object> properties, String jobId) {
        Keys.requireValidKey("PartitionKey", partitionKey);
        Keys.requireValidKey("RowKey", rowKey);
        if (properties.size() > MAX_CUSTOM_PROPERTIES) {
            throw new IllegalArgumentException("job '" + jobId + "': entity has " + properties.size()
                    + " properties; Azure Table allows " + MAX_CUSTOM_PROPERTIES);
        }
        long size = 4 + 2L * partitionKey.length() + 2L * rowKey.length();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String name = e.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("job '" + jobId + "': property name '" + name
                        + "' is not a valid Azure Table property name");
            }
            int valueBytes = valueSize(e.getValue());
            if (valueBytes > MAX_PROPERTY_BYTES + 4) {
                throw new IllegalArgumentException("job '" + jobId + "': property '" + name + "' has "
                        + (valueBytes - 4) + " bytes; Azure Table allows " + MAX_PROPERTY_BYTES + " per property");
            }
            size += 8 + 2L * name.length() + valueBytes;
        }
        if (size > MAX_ENTITY_BYTES) {
            throw new IllegalArgumentException("job '" + jobId + "': entity has " + size
                    + " bytes; Azure Table allows " + MAX_ENTITY_BYTES);
        }
        return (int) size;
    }

    /** The size of a value as Azure's formula counts it (strings: 4 + 2 bytes per UTF-16 unit). */
    static int valueSize(Object v) {
        if (v instanceof String s) {
            return 4 + 2 * s.length();
        } else if (v instanceof byte[] b) {
            return 4 + b.length;
        } else if (v instanceof Boolean) {
            return 1;
        } else if (v instanceof Integer) {
            return 4;
        } else if (v instanceof Long || v instanceof Double || v instanceof OffsetDateTime) {
            return 8;
        } else if (v instanceof UUID) {
            return 16;
        }
        throw new IllegalArgumentException("unsupported Azure Table property type " + (v == null ? "null" : v.getClass()));
    }
}
