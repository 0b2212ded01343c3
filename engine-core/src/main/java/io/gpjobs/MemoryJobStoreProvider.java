package io.gpjobs;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code memory} store provider: opens an in-memory {@link JobStore} (records and values in memory, scratch
 * folders in a temporary folder deleted when the store closes). Jobs do not survive the process. Found with
 * {@link java.util.ServiceLoader}.
 *
 * <p>The store keeps finished jobs until the engine's janitor deletes them, and never more than
 * {@code maxFinishedJobs} of them (default {@value #DEFAULT_MAX_FINISHED_JOBS}): beyond that, the jobs that finished
 * first are evicted and read as not found (the engine's status cache may still answer for such a job for up to a
 * second). Set it with {@link #builder()} or the setting {@value #MAX_FINISHED_JOBS}.
 *
 * <p>Thread-safe (stateless).
 */
public final class MemoryJobStoreProvider implements JobStoreProvider {

    /** The provider name, {@code memory}. */
    public static final String NAME = "memory";

    /** The setting naming how many finished jobs the store keeps: {@value}. */
    public static final String MAX_FINISHED_JOBS = "maxFinishedJobs";

    /** How many finished jobs a store keeps unless told otherwise: {@value}. */
    public static final int DEFAULT_MAX_FINISHED_JOBS = 10_000;

    /** Creates the provider; does no I/O. */
    public MemoryJobStoreProvider() {
    }

    /** Returns {@code memory}. */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens a new, empty in-memory store. The one setting read is {@value #MAX_FINISHED_JOBS} (a positive integer);
     * others are ignored.
     *
     * @throws NullPointerException     when {@code settings} is null
     * @throws IllegalArgumentException naming the setting and the value when it is not a positive integer
     */
    @Override
    public JobStore open(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        String max = settings.get(MAX_FINISHED_JOBS);
        if (max == null) {
            return newStore();
        }
        try {
            return builder().maxFinishedJobs(Integer.parseInt(max.strip())).build();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_FINISHED_JOBS + " must be a positive integer, got '" + max + "'", e);
        }
    }

    /** A new, empty in-memory store keeping the default number of finished jobs (the same as {@code open(Map.of())}). */
    public static JobStore newStore() {
        return builder().build();
    }

    /** A builder of in-memory stores, for a store with other settings than the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an in-memory store, as Caffeine's builders do: each option is checked when set and may be set once.
     *
     * <p>Not thread-safe; one builder builds one or more independent stores.
     */
    public static final class Builder {
        private Integer maxFinishedJobs;

        private Builder() {
        }

        /**
         * How many finished jobs the store keeps at most (default {@value #DEFAULT_MAX_FINISHED_JOBS}); beyond that,
         * the jobs that finished first are evicted.
         *
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is below 1
         * @throws IllegalStateException    when it was set before
         */
        public Builder maxFinishedJobs(int maxFinishedJobs) {
            if (maxFinishedJobs < 1) {
                throw new IllegalArgumentException("maxFinishedJobs must be at least 1, got " + maxFinishedJobs);
            }
            this.maxFinishedJobs = BuilderChecks.once("maxFinishedJobs", this.maxFinishedJobs, maxFinishedJobs);
            return this;
        }

        /** A new, empty store with these settings; does no I/O until a scratch folder is asked for. */
        public JobStore build() {
            return EngineBridge.newMemoryStore(maxFinishedJobs == null ? DEFAULT_MAX_FINISHED_JOBS : maxFinishedJobs);
        }
    }
}
