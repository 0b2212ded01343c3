package io.gpjobs.store.azure.internal;

import com.azure.data.tables.models.TableEntity;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Judges a job's lease on the storage service's clock. The node that writes a lease stamps {@code updated} and
 * {@code leaseUntil} on its own clock; only their difference (how long the lease runs from that write) is used,
 * added to the entity's {@code Timestamp}, which the storage service sets at each write. A node whose clock is
 * minutes off therefore neither shortens nor lengthens anybody's lease. Stateless.
 */
final class LeaseJudge {
    /** The properties a judgement reads. */
    static final List<String> SELECT = List.of("Timestamp", RecordCodec.STATUS, RecordCodec.NODE, RecordCodec.LEASE,
            RecordCodec.UPDATED, RecordCodec.CANCEL, RecordCodec.VERSION, RecordCodec.ATTEMPT);

    private LeaseJudge() {
    }

    /** When the lease of {@code e} ends on the storage's clock, or null when the record holds no lease. */
    static Instant serverLeaseEnd(TableEntity e) {
        Object lease = e.getProperty(RecordCodec.LEASE);
        Object updated = e.getProperty(RecordCodec.UPDATED);
        OffsetDateTime written = e.getTimestamp();
        if (lease == null || updated == null || written == null) {
            return null;
        }
        Duration runs = Duration.ofNanos(RecordCodec.asLong(lease) - RecordCodec.asLong(updated));
        return written.toInstant().plus(runs);
    }

    /** The status of a record entity. */
    static io.gpjobs.spi.JobStatus status(TableEntity e) {
        return io.gpjobs.spi.JobStatus.fromWireName((String) e.getProperty(RecordCodec.STATUS));
    }

    /** The runs of the job started so far (its attempt counter; 0 when absent). */
    static int attempt(TableEntity e) {
        Object a = e.getProperty(RecordCodec.ATTEMPT);
        return a == null ? 0 : (int) RecordCodec.asLong(a);
    }

    /** The node named by a record entity, or null. */
    static String node(TableEntity e) {
        return (String) e.getProperty(RecordCodec.NODE);
    }
}
