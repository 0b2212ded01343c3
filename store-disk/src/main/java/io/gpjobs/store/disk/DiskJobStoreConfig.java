package io.gpjobs.store.disk;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.store.disk.internal.DiskJobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The configuration of a jobs directory on a local file system: where it is, whether writes are forced to the
 * device, and the clock. Built with {@link #builder(Path)}; immutable.
 *
 * <p>Durability: with {@code fsync} off (the default) every write is atomic and survives the process being killed,
 * but a power loss may lose the last writes; with it on, each record write costs two device flushes and survives
 * a power loss once the call returns.
 *
 * <p>Thread-safe (immutable).
 *
 * @param path  the jobs directory, created if absent
 * @param fsync whether each write is forced to the device before it returns
 * @param clock the clock used to name quarantined records
 */
public record DiskJobStoreConfig(Path path, boolean fsync, Clock clock) {

    /**
     * Checks the fields.
     *
     * @throws NullPointerException when {@code path} or {@code clock} is null
     */
    public DiskJobStoreConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(clock, "clock");
    }

    /** A builder for the jobs directory {@code path}, with fsync off and the system clock. */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /**
     * Opens the store: creates the directory if absent, removes temporary files left by stopped processes, and
     * indexes every record (quarantining corrupt ones).
     *
     * @throws JobStoreException naming the path when it cannot be created or written
     */
    public JobStore open() {
        return DiskJobStore.open(path, fsync, clock);
    }

    /** Builds a {@link DiskJobStoreConfig}. Not thread-safe. */
    public static final class Builder {
        private final Path path;
        private boolean fsync;
        private Clock clock = Clock.systemUTC();

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Whether each write is forced to the device (default false). */
        public Builder fsync(boolean on) {
            this.fsync = on;
            return this;
        }

        /**
         * The clock (default the system UTC clock).
         *
         * @throws NullPointerException when {@code c} is null
         */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The immutable configuration. */
        public DiskJobStoreConfig build() {
            return new DiskJobStoreConfig(path, fsync, clock);
        }
    }
}
