package io.gpjobs.store.azure.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import io.gpjobs.spi.JobStoreException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table requests of {@link AzureJobStore} that every operation shares: point reads that turn 404 into empty,
 * the conditional (ETag) write that recognises its own lost-response retry by its write token, deletes, and the
 * ETag of a response. Errors other than the expected statuses become {@link JobStoreException}s that name the
 * table and container. Thread-safe (the SDK client is).
 */
final class RecordTable {
    private final TableClient table;
    private final String where;

    RecordTable(TableClient table, String where) {
        this.table = table;
        this.where = where;
    }

    /** The entity {@code (pk, rk)} with the {@code select}ed properties (null: all), or empty when there is none. */
    Optional<TableEntity> get(String pk, String rk, List<String> select) {
        try {
            return Optional.of(table.getEntityWithResponse(pk, rk, select, null, null).getValue());
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404) {
                return Optional.empty();
            }
            throw AzureErrors.failure("read job '" + (rk.isEmpty() ? pk : rk) + "'", where, e);
        }
    }

    /** The entities a query lists (all pages). */
    Iterable<TableEntity> list(com.azure.data.tables.models.ListEntitiesOptions options) {
        try {
            return List.copyOf(table.listEntities(options, null, null).stream().toList());
        } catch (RuntimeException e) {
            throw AzureErrors.failure("query jobs", where, e);
        }
    }

    /**
     * Writes {@code e} if its ETag still matches and returns the new ETag. A retry whose first attempt was applied
     * (the response was lost) gets 412; the entity then carries this write's {@code token}, and the write counts as
     * done. Any other failure is thrown as is.
     */
    String conditionalUpdate(TableEntity e, TableEntityUpdateMode mode, String svc, String jobId, String token) {
        try {
            return etag(table.updateEntityWithResponse(e, mode, true, null, null).getHeaders());
        } catch (RuntimeException ex) {
            TableEntity stored = AzureErrors.status(ex) == 412 ? ourEntity(svc, jobId, token) : null;
            if (stored == null) {
                throw ex;
            }
            return stored.getETag();
        }
    }

    /** A random token that marks one write as this store's own. */
    static String newWriteToken() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    /** Whether the stored entity carries {@code token}, i.e. holds this store's write. */
    boolean ourWrite(String pk, String rk, String token) {
        return get(pk, rk, List.of("PartitionKey", "RowKey", RecordCodec.WRITE_TOKEN))
                .map(x -> token.equals(x.getProperty(RecordCodec.WRITE_TOKEN))).orElse(false);
    }

    /** The stored record entity if it carries {@code token} (this store's write landed), else null. */
    TableEntity ourEntity(String svc, String jobId, String token) {
        return get(svc, jobId, null).filter(x -> token.equals(x.getProperty(RecordCodec.WRITE_TOKEN)))
                .orElse(null);
    }

    /** Deletes the entity {@code (pk, rk)}; false when there was none. */
    boolean delete(String pk, String rk) {
        try {
            return table.deleteEntityWithResponse(new TableEntity(pk, rk), false, null, null).getStatusCode() < 300;
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404) {
                return false;
            }
            throw AzureErrors.failure("delete job '" + (rk.isEmpty() ? pk : rk) + "'", where, e);
        }
    }

    /** Deletes the entity {@code (pk, rk)} if it can, ignoring every failure. */
    void deleteQuietly(String pk, String rk) {
        try {
            delete(pk, rk);
        } catch (RuntimeException e) {
            // best effort: deleteOrphans removes an index entity without a record
        }
    }

    /** A new entity with a copy of {@code props}. */
    static TableEntity entity(String pk, String rk, Map<String, Object> props) {
        return new TableEntity(pk, rk).setProperties(new HashMap<>(props));
    }

    /** The ETag of a write's response, repaired where the emulator leaves off its closing quote. */
    static String etag(HttpHeaders headers) {
        String etag = headers.getValue(HttpHeaderName.ETAG);
        if (etag == null) {
            throw new JobStoreException("Azure Table response without an ETag");
        }
        // Azurite 3.37 sends the ETag header of inserts and updates without its closing quote
        // (W/"datetime'…'); Azure does not. Restore it so that If-Match matches the entity's ETag.
        if ((etag.startsWith("W/\"") || etag.startsWith("\"")) && !etag.endsWith("\"")) {
            etag = etag + "\"";
        }
        return etag;
    }
}
