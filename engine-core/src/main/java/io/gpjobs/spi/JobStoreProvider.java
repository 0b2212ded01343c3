package io.gpjobs.spi;

import java.util.Map;

/**
 * Opens {@link JobStore}s of one kind, found with {@link java.util.ServiceLoader} by {@link #name()}:
 * {@code memory}, {@code disk}, {@code azure}. A provider has a public no-arg constructor and does no I/O
 * until {@link #open} is called.
 */
public interface JobStoreProvider {

    /** The provider name a cloud store's {@code "provider"} or a service configuration picks it by. */
    String name();

    /**
     * Opens a store.
     *
     * @param settings provider-specific settings: for {@code disk} the key {@code path}; for {@code azure} the
     *                 keys of the cloud-store data item's {@code info} ({@code connectionString},
     *                 {@code objectStore}, {@code tableStore})
     * @throws IllegalArgumentException naming the setting when one is missing or invalid
     * @throws JobStoreException when the storage cannot be reached or initialised
     */
    JobStore open(Map<String, String> settings);
}
