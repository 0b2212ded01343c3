package io.gpjobs;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code memory} store provider: opens an in-memory {@link JobStore} (records and values in memory, scratch
 * folders in a temporary folder deleted when the store closes). Jobs do not survive the process. Found with
 * {@link java.util.ServiceLoader}; it takes no settings.
 *
 * <p>Thread-safe (stateless).
 */
public final class MemoryJobStoreProvider implements JobStoreProvider {

    /** The provider name, {@code memory}. */
    public static final String NAME = "memory";

    /** Creates the provider; does no I/O. */
    public MemoryJobStoreProvider() {
    }

    /** Returns {@code memory}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens a new, empty in-memory store. Settings are ignored.
     *
     * @throws NullPointerException when {@code settings} is null
     */
    @Override
    public JobStore open(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        return EngineBridge.newMemoryStore();
    }

    /** A new, empty in-memory store (the same as {@code open(Map.of())}). */
    public static JobStore newStore() {
        return EngineBridge.newMemoryStore();
    }
}
