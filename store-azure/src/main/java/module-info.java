/**
 * gpjobs store-azure: a jobs directory on an Azure Blob container and Table (the {@code azure} job store
 * provider). Only the provider and its configuration are exported.
 */
module io.gpjobs.store.azure {
    requires io.gpjobs.core;
    requires com.azure.core;
    requires com.azure.core.http.jdk.httpclient;
    requires com.azure.storage.blob;
    requires com.azure.storage.common;
    requires com.azure.data.tables;

    exports io.gpjobs.store.azure;

    provides io.gpjobs.spi.JobStoreProvider with io.gpjobs.store.azure.AzureJobStoreProvider;
}
