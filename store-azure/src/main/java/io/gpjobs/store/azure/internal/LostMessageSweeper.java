package io.gpjobs.store.azure.internal;

import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the queued jobs of a service whose message was lost: records still Submitted or Waiting whose last write
 * (the entity's {@code Timestamp}, set by the storage service) is older than a bound on the storage's clock. The
 * caller puts their message again and touches the record, so a job is put again at most once per bound; a job that
 * merely waits its turn in a long queue gets a duplicate message, which its claim makes harmless. One
 * single-partition query per service, filtered by the server; run rarely. Thread-safe.
 */
final class LostMessageSweeper {
    private final RecordTable rows;
    private final ServerClock clock;
    private final Duration age;

    LostMessageSweeper(RecordTable rows, ServerClock clock, Duration age) {
        this.rows = rows;
        this.clock = clock;
        this.age = age;
    }

    /** Hands each lost job of {@code service} to {@code requeue}; returns how many. */
    int sweep(String service, Consumer<String> requeue) {
        Instant before = clock.now().minus(age);
        String filter = "PartitionKey eq '" + Keys.encodeService(service) + "' and (" + RecordCodec.STATUS + " eq '"
                + JobStatus.SUBMITTED.wireName() + "' or " + RecordCodec.STATUS + " eq '"
                + JobStatus.WAITING.wireName() + "')";
        int n = 0;
        for (TableEntity e : rows.list(new ListEntitiesOptions().setFilter(filter)
                .setSelect(List.of("RowKey", "Timestamp", RecordCodec.STATUS)))) {
            if (e.getTimestamp() != null && e.getTimestamp().toInstant().isBefore(before)) {
                requeue.accept(e.getRowKey());
                n++;
            }
        }
        return n;
    }
}
