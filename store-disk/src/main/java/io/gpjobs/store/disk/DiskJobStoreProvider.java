package io.gpjobs.store.disk;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.JobStoreProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code disk} store provider: a jobs directory on a local file system (see {@link DiskJobStoreConfig}).
 * Settings: {@code path} (required, the jobs directory) and {@code fsync} ({@code true} or {@code false}, default
 * {@code false}); other keys are ignored. Found with {@link java.util.ServiceLoader}; does no I/O until
 * {@link #open}.
 *
 * <p>Thread-safe (stateless).
 */
public final class DiskJobStoreProvider implements JobStoreProvider {

    /** The provider name, {@code disk}. */
    public static final String NAME = "disk";

    /** Creates the provider; does no I/O. */
    public DiskJobStoreProvider() {
    }

    /** Returns {@code disk}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens the jobs directory named by the {@code path} setting.
     *
     * @throws IllegalArgumentException naming the setting when {@code path} is missing or blank or not a valid
     *                                  path, or {@code fsync} is not {@code true} or {@code false}
     * @throws JobStoreException        naming the path when the directory cannot be created or written
     */
    @Override
    public JobStore open(Map<String, String> settings) {
        return config(settings).open();
    }

    /**
     * The configuration the settings describe, without opening anything.
     *
     * @throws IllegalArgumentException as {@link #open}
     */
    public static DiskJobStoreConfig config(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        String path = settings.get("path");
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("disk store setting 'path' is required (the jobs directory), got '"
                    + path + "'");
        }
        Path dir;
        try {
            dir = Path.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("disk store setting 'path' is not a valid path: '" + path + "'", e);
        }
        String fsync = settings.getOrDefault("fsync", "false");
        if (!fsync.equals("true") && !fsync.equals("false")) {
            throw new IllegalArgumentException("disk store setting 'fsync' must be 'true' or 'false', got '"
                    + fsync + "'");
        }
        return DiskJobStoreConfig.builder(dir).fsync(Boolean.parseBoolean(fsync)).build();
    }
}
