package io.gpjobs.store.azure;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.JobStoreProvider;
import io.gpjobs.store.azure.internal.AzureStoreOpener;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code azure} job store provider: a jobs directory on an Azure storage account, with job records in a Table
 * and files (inputs, results and scratch outputs too large for the table, and every job file) in a Blob container
 * under {@code <service>/<jobId>/…}. This is the "jobs directory on Azure" of ArcGIS Server: configure it from the
 * cloud-store data item ({@link #openCloudStore}), from the data item's {@code info} settings ({@link #open(Map)}),
 * or from an {@link AzureJobStoreConfig} built in code.
 *
 * <p>Found with {@link java.util.ServiceLoader} under the name {@code azure}. The public no-arg constructor does
 * no I/O. Thread-safe; the stores it opens are thread-safe and may be shared by several engines on one account.
 *
 * <p>Logging: the Azure SDK logs through SLF4J. The store expects 404, 409 and 412 answers (absent jobs, lost
 * compare-and-set races) and handles them; with an SLF4J binding at INFO, the SDK's {@code TableClient} still logs
 * each at ERROR, so set the loggers {@code com.azure.data.tables} and {@code com.azure.storage.blob} to OFF (or
 * WARN with a filter). Without a binding nothing is logged. The account key is never logged or put in a message.
 */
public final class AzureJobStoreProvider implements JobStoreProvider {

    /** The provider name. */
    public static final String NAME = "azure";

    /** Creates the provider; no I/O happens until a store is opened. */
    public AzureJobStoreProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens a store from the keys of the cloud-store data item's {@code info}: {@code connectionString},
     * {@code objectStore}, {@code tableStore}, and optionally {@code createIfMissing} and {@code name}.
     *
     * @throws IllegalArgumentException naming the setting when one is missing or invalid
     * @throws JobStoreException        when the storage cannot be reached or initialised
     */
    @Override
    public JobStore open(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        return open(AzureJobStoreConfig.fromSettings(settings, settings.get("name")));
    }

    /**
     * Opens a store from a cloud-store data item such as
     * {@code {"path":"/cloudStores/azureblob","type":"cloudStore","provider":"azure","info":{…}}}.
     *
     * @throws IllegalArgumentException naming the key when the item is malformed or invalid
     * @throws JobStoreException        when the storage cannot be reached or initialised
     */
    public JobStore openCloudStore(String dataItemJson) {
        return open(AzureJobStoreConfig.fromCloudStoreJson(dataItemJson));
    }

    /**
     * Opens a store. Checks (within a few seconds, thanks to short retries) that the container and table exist,
     * creating them when {@link AzureJobStoreConfig#createIfMissing()} is set.
     *
     * @throws JobStoreException when the storage cannot be reached or initialised; the message names the endpoint
     *                           and the cause, never the account key
     */
    public JobStore open(AzureJobStoreConfig config) {
        return AzureStoreOpener.open(Objects.requireNonNull(config, "config"));
    }
}
