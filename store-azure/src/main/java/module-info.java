/**
 * gpjobs store-azure: the {@code azure} job store, a jobs directory on an Azure Blob container (files and large
 * values) and Table (job records). Only the provider, its configuration and the request observer are exported.
 */
module io.gpjobs.store.azure {
    requires transitive io.gpjobs.core;
    requires com.azure.core;
    requires com.azure.core.http.jdk.httpclient;
    requires com.azure.storage.blob;
    requires com.azure.storage.common;
    requires com.azure.data.tables;
    requires com.azure.storage.queue;

    exports io.gpjobs.store.azure;

    provides io.gpjobs.spi.JobStoreProvider with io.gpjobs.store.azure.AzureJobStoreProvider;
}
