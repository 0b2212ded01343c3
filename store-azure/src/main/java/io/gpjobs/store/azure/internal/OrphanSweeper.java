package io.gpjobs.store.azure.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Removes storage that belongs to no job record and was last modified before a cut-off: blob folders of deleted or
 * never-completed jobs, and index entities of creates that failed half-way. Used by the janitor. Not thread-safe
 * (one sweep per instance).
 */
final class OrphanSweeper {

    private final TableClient table;
    private final JobBlobs blobs;
    private final BiPredicate<String, String> deleteEntity;

    OrphanSweeper(TableClient table, JobBlobs blobs, BiPredicate<String, String> deleteEntity) {
        this.table = table;
        this.blobs = blobs;
        this.deleteEntity = deleteEntity;
    }

    /** Sweeps; returns how many orphaned jobs (blob folders or index entities) were removed. */
    int sweep(Instant olderThan) {
        Set<String> removed = new HashSet<>();
        for (Map.Entry<String, Instant> folder : blobs.jobFolders().entrySet()) {
            if (!folder.getValue().isBefore(olderThan)) {
                continue;
            }
            String[] parts = folder.getKey().split("/");
            String svc = parts[0];
            String jobId = parts[1];
            if (!recordExists(svc, jobId)) {
                blobs.deleteAll(folder.getKey());
                removed.add(jobId);
            }
        }
        // Index entities whose record never appeared (a create that failed half-way) or was deleted.
        String filter = "RowKey eq '' and Timestamp lt datetime'" + olderThan + "'";
        try {
            for (TableEntity index : table.listEntities(new ListEntitiesOptions().setFilter(filter)
                    .setSelect(List.of("PartitionKey", "RowKey", RecordCodec.INDEX_SERVICE)), null, null)) {
                String jobId = index.getPartitionKey();
                Object svc = index.getProperty(RecordCodec.INDEX_SERVICE);
                if (svc == null || !recordExists((String) svc, jobId)) {
                    deleteEntity.test(jobId, "");
                    removed.add(jobId);
                }
            }
        } catch (RuntimeException e) {
            throw AzureErrors.failure("sweep orphaned index entities", "table '" + table.getTableName() + "'", e);
        }
        return removed.size();
    }

    private boolean recordExists(String svc, String jobId) {
        try {
            table.getEntityWithResponse(svc, jobId, List.of("v"), null, null);
            return true;
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404) {
                return false;
            }
            throw AzureErrors.failure("check job '" + jobId + "'", "table '" + table.getTableName() + "'", e);
        }
    }
}
