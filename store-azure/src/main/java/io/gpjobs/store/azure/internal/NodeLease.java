package io.gpjobs.store.azure.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A live engine's hold on its node id in the table: the entity {@code PartitionKey = "~nodes", RowKey = <nodeId>}
 * holding a token of the holding process ({@code holder}), a description of it ({@code process}) and how long the
 * hold lasts from its last write ({@code leaseNanos}). As for a job's lease ({@link LeaseJudge}), the hold ends at
 * the entity's {@code Timestamp}, set by the storage service at each write, plus {@code leaseNanos}, and "now" is
 * the {@code Date} of the storage service's answer to the read: no node's clock is trusted.
 *
 * <p>A claim inserts the entity, or replaces it with {@code If-Match} when the hold it finds has ended (its holder
 * died); of two engines racing for one id, exactly one write succeeds. Each {@link #renew} is a conditional
 * replace that moves the hold's end; {@link #close} deletes the entity if it is still this one's. The partition
 * key starts with {@code ~}, which no job id (and so no index entity) has, and the row key is never empty, so no
 * job query or sweep meets these entities. Thread-safe.
 */
final class NodeLease implements JobStore.NodeRegistration {
    static final String PARTITION = "~nodes";
    static final String HOLDER = "holder";
    static final String PROCESS = "process";
    static final String LEASE = "leaseNanos";
    private static final System.Logger LOG = System.getLogger(NodeLease.class.getName());
    private static final int MAX_ATTEMPTS = 5;

    private final TableClient table;
    private final String nodeId;
    private final Duration lease;
    private final String token;
    private final String where;
    private String etag;
    private boolean ended;

    private NodeLease(TableClient table, String nodeId, Duration lease, String token, String where, String etag) {
        this.table = table;
        this.nodeId = nodeId;
        this.lease = lease;
        this.token = token;
        this.where = where;
        this.etag = etag;
    }

    /**
     * Claims {@code nodeId} for {@code lease}.
     *
     * @throws IllegalStateException when a live holder has it (the message names the node id, the store and the holder)
     * @throws JobStoreException     when the table fails
     */
    static NodeLease claim(TableClient table, String nodeId, Duration lease, String where) {
        Objects.requireNonNull(nodeId, "nodeId");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, got " + lease);
        }
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Response<TableEntity> found = read(table, nodeId, where);
            try {
                if (found == null) {
                    String tag = RecordTable.etag(table.createEntityWithResponse(entity(nodeId, token, lease, null),
                            null, null).getHeaders());
                    return new NodeLease(table, nodeId, lease, token, where, tag);
                }
                TableEntity held = found.getValue();
                if (token.equals(held.getProperty(HOLDER))) { // our write landed, its response was lost
                    return new NodeLease(table, nodeId, lease, token, where, held.getETag());
                }
                Instant end = end(held);
                Instant now = serverNow(found);
                if (end != null && now.isBefore(end.plus(ServerClock.RESOLUTION))) {
                    throw new IllegalStateException("node id '" + nodeId + "' is held by a live engine on the "
                            + where + " (" + held.getProperty(PROCESS) + ", its lease ends at " + end
                            + " on the storage service's clock): give every engine on a store its own nodeId");
                }
                String tag = RecordTable.etag(table.updateEntityWithResponse(entity(nodeId, token, lease,
                        held.getETag()), TableEntityUpdateMode.REPLACE, true, null, null).getHeaders());
                LOG.log(System.Logger.Level.INFO, "took node id {0} over from {1}, whose lease ended at {2}",
                        nodeId, held.getProperty(PROCESS), end);
                return new NodeLease(table, nodeId, lease, token, where, tag);
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                int status = AzureErrors.status(e);
                if (status != 409 && status != 412) { // 409/412: another engine wrote between our read and write
                    throw AzureErrors.failure("claim node id '" + nodeId + "'", where, e);
                }
            }
        }
        throw new JobStoreException("Azure store: could not claim node id '" + nodeId + "' (" + where
                + "): its entity kept changing while being claimed");
    }

    /** Moves the end of the hold to a lease from now; a failure is logged and the next renewal tries again. */
    @Override
    public synchronized void renew() {
        if (ended) {
            return;
        }
        try {
            etag = RecordTable.etag(table.updateEntityWithResponse(entity(nodeId, token, lease, etag),
                    TableEntityUpdateMode.REPLACE, true, null, null).getHeaders());
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404 && reinsertUnlessTaken()) {
                return;
            }
            if (AzureErrors.status(e) != 412 && AzureErrors.status(e) != 404) {
                LOG.log(System.Logger.Level.WARNING, "could not renew the lease of node id " + nodeId + " ("
                        + AzureErrors.failure("renew node id '" + nodeId + "'", where, e).getMessage()
                        + "); trying again at the next renewal");
                return;
            }
            Response<TableEntity> now = readQuietly();
            if (now != null && token.equals(now.getValue().getProperty(HOLDER))) {
                etag = now.getValue().getETag(); // our renewal landed, its response was lost
                return;
            }
            ended = true;
            LOG.log(System.Logger.Level.ERROR, "node id " + nodeId + " was taken over on the " + where + " by "
                    + (now == null ? "nobody (its entity is gone)" : now.getValue().getProperty(PROCESS))
                    + " after this engine could not renew its lease in time; two engines may now share the node id");
        }
    }

    /**
     * Inserts the entity again after it vanished (a storage account restored or emptied); false only when another
     * engine inserted it meanwhile (a failure is left to the next renewal).
     */
    private boolean reinsertUnlessTaken() {
        try {
            etag = RecordTable.etag(table.createEntityWithResponse(entity(nodeId, token, lease, null), null, null)
                    .getHeaders());
            LOG.log(System.Logger.Level.WARNING, "the entity of node id {0} had vanished; inserted it again", nodeId);
            return true;
        } catch (RuntimeException e) {
            return AzureErrors.status(e) != 409;
        }
    }

    /** Deletes the entity if it is still this hold's; idempotent, never throws. */
    @Override
    public synchronized void close() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            table.deleteEntityWithResponse(new TableEntity(PARTITION, nodeId).addProperty("odata.etag", etag), true,
                    null, null);
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) != 404 && AzureErrors.status(e) != 412) {
                LOG.log(System.Logger.Level.WARNING, "could not release node id " + nodeId + " (" + e.getMessage()
                        + "); another engine may take it when its lease ends");
            }
        }
    }

    private Response<TableEntity> readQuietly() {
        try {
            return read(table, nodeId, where);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Response<TableEntity> read(TableClient table, String nodeId, String where) {
        try {
            return table.getEntityWithResponse(PARTITION, nodeId, null, null, null);
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404) {
                return null;
            }
            throw AzureErrors.failure("read node id '" + nodeId + "'", where, e);
        }
    }

    private static TableEntity entity(String nodeId, String token, Duration lease, String ifMatch) {
        TableEntity e = new TableEntity(PARTITION, nodeId).addProperty(HOLDER, token)
                .addProperty(PROCESS, process()).addProperty(LEASE, lease.toNanos());
        return ifMatch == null ? e : e.addProperty("odata.etag", ifMatch);
    }

    /** When the hold of {@code e} ends on the storage service's clock, or null when it names no lease. */
    static Instant end(TableEntity e) {
        Object nanos = e.getProperty(LEASE);
        OffsetDateTime written = e.getTimestamp();
        return nanos == null || written == null ? null : written.toInstant().plusNanos(RecordCodec.asLong(nanos));
    }

    /** The storage service's time when it answered {@code r} (its wall clock's time when the header is missing). */
    private static Instant serverNow(Response<TableEntity> r) {
        ServerClock clock = ServerClock.system();
        clock.observe(r.getHeaders().getValue(HttpHeaderName.DATE));
        return clock.now();
    }

    private static String process() {
        return "process " + ProcessHandle.current().pid() + " (" + System.getProperty("os.name") + ")";
    }
}
