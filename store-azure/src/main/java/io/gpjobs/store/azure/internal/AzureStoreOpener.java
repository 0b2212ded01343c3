package io.gpjobs.store.azure.internal;

import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.storage.blob.BlobContainerClient;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import java.io.IOException;
import java.util.List;

/**
 * Opens an {@link AzureJobStore}: builds the clients, checks that the container and table exist (creating them
 * when configured to), and fails fast with a clear message when the account cannot be reached. Stateless.
 */
public final class AzureStoreOpener {

    private AzureStoreOpener() {
    }

    /**
     * Opens a store.
     *
     * @throws JobStoreException when the storage cannot be reached, or the container or table is missing and may
     *                           not be created; the message names the endpoint, never the key
     */
    public static JobStore open(AzureJobStoreConfig config) {
        return open(config, new HttpPipelinePolicy[0]);
    }

    /**
     * Opens a store whose table requests also pass {@code tablePolicies} (each attempt, after the SDK's retry
     * policy): a seam for fault tests, which fail chosen requests as a network would.
     *
     * @throws JobStoreException as {@link #open(AzureJobStoreConfig)}
     */
    public static JobStore open(AzureJobStoreConfig config, HttpPipelinePolicy... tablePolicies) {
        HttpClient http = AzureClients.httpClient(config);
        TableClient table;
        BlobContainerClient container;
        try {
            table = AzureClients.table(config, http, tablePolicies);
            container = AzureClients.container(config, http);
        } catch (RuntimeException e) {
            // the SDK's message may quote the connection string: name the setting and the kind of error only
            throw new IllegalArgumentException("connectionString was rejected by the Azure SDK ("
                    + e.getClass().getSimpleName() + "; the value is not shown because it holds the account key)");
        }
        String where = "cloud store '" + config.name() + "' at " + ConnectionStrings.describe(config.connectionString());
        try {
            if (!container.exists()) {
                if (!config.createIfMissing()) {
                    throw new JobStoreException("Azure store: Blob container '" + config.container()
                            + "' does not exist (" + where + ")");
                }
                container.createIfNotExists();
            }
        } catch (JobStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureErrors.failure("open Blob container '" + config.container() + "'", where, e);
        }
        try {
            table.listEntities(new ListEntitiesOptions().setTop(1).setSelect(List.of("PartitionKey")), null, null)
                    .iterableByPage().iterator().next();
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) != 404) {
                throw AzureErrors.failure("open Table '" + config.table() + "'", where, e);
            }
            if (!config.createIfMissing()) {
                throw new JobStoreException("Azure store: Table '" + config.table() + "' does not exist (" + where + ")");
            }
            try {
                table.createTable();
            } catch (RuntimeException c) {
                if (AzureErrors.status(c) != 409) { // 409: created meanwhile by another engine
                    throw AzureErrors.failure("create Table '" + config.table() + "'", where, c);
                }
            }
        }
        try {
            return new AzureJobStore(config, table, container, Scratch.open(config.stagingDirectory()));
        } catch (IOException e) {
            throw new JobStoreException("Azure store: could not create the local staging folder for scratch files", e);
        }
    }
}
