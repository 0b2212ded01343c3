package io.gpjobs.store.azure;

import io.gpjobs.CloudStoreItem;
import io.gpjobs.store.azure.internal.ConnectionStrings;
import io.gpjobs.store.azure.internal.QueueNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of an Azure jobs directory: one storage account (its connection string), a Blob container for the
 * jobs' files and large values, a Table for the job records and, for dispatch across nodes, the queue of the
 * asynchronous service ({@code jobsStoreQueue}, or a name derived from the service's). Build one with
 * {@link #builder()}, from the cloud-store data item of an ArcGIS Server administrator ({@link #fromCloudStoreJson}),
 * or from the provider settings map ({@link #fromSettings}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the account key or a SAS token.
 */
public final class AzureJobStoreConfig {

    /** The largest inline property, in characters: Azure allows 64 KiB of UTF-16 per string property. */
    public static final int MAX_INLINE_CHARS = 32 * 1024 - 1;

    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");

    private final String name;
    private final String connectionString;
    private final String container;
    private final String table;
    private final String jobsStoreQueue;
    private final boolean queueDispatch;
    private final boolean rerunOnNodeFailure;
    private final int maxDequeueCount;
    private final boolean createIfMissing;
    private final int inlineLimitChars;
    private final int maxRetries;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Path stagingDirectory;
    private final AzureRequestObserver requestObserver;
    private final boolean writeResultsWithNextUpdate;

    private AzureJobStoreConfig(Builder b) {
        this.name = b.name;
        this.connectionString = b.connectionString;
        this.container = b.container;
        this.table = b.table;
        this.jobsStoreQueue = b.jobsStoreQueue;
        this.queueDispatch = b.queueDispatch != null ? b.queueDispatch : b.jobsStoreQueue != null;
        this.rerunOnNodeFailure = b.rerunOnNodeFailure;
        this.maxDequeueCount = b.maxDequeueCount;
        this.createIfMissing = b.createIfMissing;
        this.inlineLimitChars = b.inlineLimitChars;
        this.maxRetries = b.maxRetries;
        this.retryDelay = b.retryDelay;
        this.maxRetryDelay = b.maxRetryDelay;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.stagingDirectory = b.stagingDirectory;
        this.requestObserver = b.requestObserver;
        this.writeResultsWithNextUpdate = b.writeResultsWithNextUpdate;
    }

    /** A new builder with the defaults: create missing container/table, 2 retries, 3 s connect timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the cloud-store data item an administrator registers, for example
     * {@code {"path":"/cloudStores/azureblob","type":"cloudStore","provider":"azure",
     * "info":{"connectionString":"…","objectStore":"myblob","tableStore":"mytable"}}}. Other keys (such as
     * {@code id} or {@code info.isManaged}) are ignored.
     *
     * @param dataItemJson the data item's JSON, not null
     * @return the configuration, named after the last segment of {@code path}
     * @throws IllegalArgumentException naming the key when the JSON is malformed, a key is missing, the provider
     *                                  is not {@code azure}, or a value is invalid
     */
    public static AzureJobStoreConfig fromCloudStoreJson(String dataItemJson) {
        CloudStoreItem item = CloudStoreItem.parse(dataItemJson);
        if (!AzureJobStoreProvider.NAME.equals(item.provider())) {
            throw new IllegalArgumentException("cloud store data item: 'provider' must be '" + AzureJobStoreProvider.NAME
                    + "', got '" + item.provider() + "'");
        }
        return fromSettings(item.settings(), item.name());
    }

    /**
     * Reads the provider settings: the keys of the data item's {@code info}: {@code connectionString},
     * {@code objectStore} (the container) and {@code tableStore} (the table), and optionally
     * {@code jobsStoreQueue} (the job queue) and {@code createIfMissing} ({@code true}/{@code false}).
     *
     * @param settings the settings, not null
     * @param name     the cloud store's name, or null
     * @throws IllegalArgumentException naming the setting when one is missing or invalid
     */
    public static AzureJobStoreConfig fromSettings(Map<String, String> settings, String name) {
        return CloudStoreSettings.read(settings, name);
    }

    /** The cloud store's name (the last segment of its data-item path), or {@code "azure"} when none was given. */
    public String name() {
        return name;
    }

    /** The connection string, with the account key: never log it (use {@link #toString()}). */
    public String connectionString() {
        return connectionString;
    }

    /** The Blob container that holds files and large values. */
    public String container() {
        return container;
    }

    /** The Table that holds the job records. */
    public String table() {
        return table;
    }

    /**
     * The configured job queue ({@code jobsStoreQueue}), or null when each asynchronous service's queue is named
     * after the service ({@link #queueName}).
     */
    public String jobsStoreQueue() {
        return jobsStoreQueue;
    }

    /**
     * The queue that carries the jobs of {@code serviceName} across nodes: {@link #jobsStoreQueue()} when set, else
     * {@code gpjobs-} and the service name lower-cased, with other characters turned into hyphens (and a short hash
     * when the name had to change, so two services never share a derived queue). Its poison queue is
     * {@code <queue>-poison}.
     *
     * @param serviceName the asynchronous service, not null
     */
    public String queueName(String serviceName) {
        Objects.requireNonNull(serviceName, "serviceName");
        return jobsStoreQueue != null ? jobsStoreQueue : QueueNames.derive(serviceName);
    }

    /**
     * Whether the store's jobs are dispatched across the nodes that share it, through one queue per service (see
     * {@link #queueName}); when false, every job runs on the engine that accepted it (in-process dispatch). Default:
     * true when {@code jobsStoreQueue} is set.
     */
    public boolean queueDispatch() {
        return queueDispatch;
    }

    /**
     * Whether a job whose node was lost while running it (its lease ran out) runs again on another node; when false
     * (the default) it ends Failed with a message naming the lost node. Only with {@link #queueDispatch()}.
     */
    public boolean rerunOnNodeFailure() {
        return rerunOnNodeFailure;
    }

    /** How many deliveries of one job's message end in the poison queue, its job Failed (default 5). */
    public int maxDequeueCount() {
        return maxDequeueCount;
    }

    /** Whether opening the store creates the container and table when they do not exist. */
    public boolean createIfMissing() {
        return createIfMissing;
    }

    /** The longest JSON text (in characters) kept inside the table entity; longer values go to a blob. */
    public int inlineLimitChars() {
        return inlineLimitChars;
    }

    /** How many times a failed request is retried (connection errors, 408, 429, 5xx). */
    public int maxRetries() {
        return maxRetries;
    }

    /** The first retry delay; it doubles up to {@link #maxRetryDelay()}. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** The longest delay between two retries. */
    public Duration maxRetryDelay() {
        return maxRetryDelay;
    }

    /** How long opening a TCP connection may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one request may wait for its response. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The local folder under which scratch workspaces are staged, or null for a new temporary folder. */
    public Path stagingDirectory() {
        return stagingDirectory;
    }

    /** The observer told of every HTTP response, or null. */
    public AzureRequestObserver requestObserver() {
        return requestObserver;
    }

    /**
     * Whether {@code putResults} holds the results (uploading only a large value's blob) and writes them with the
     * job's next record update, which the engine always makes right after it: the move to Succeeded. Results and
     * the Succeeded status then land in one atomic entity write, one request less per job. Until that update, only
     * this store instance sees the results; if the process dies in between, the job was never Succeeded (recovery
     * marks it Failed), so no succeeded job lacks results. When false, {@code putResults} writes at once (a
     * conditional Merge). Default true.
     */
    public boolean writeResultsWithNextUpdate() {
        return writeResultsWithNextUpdate;
    }

    /** A builder preset with this configuration's values, to derive a variant (e.g. with a request observer). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.connectionString = connectionString;
        b.container = container;
        b.table = table;
        b.jobsStoreQueue = jobsStoreQueue;
        b.queueDispatch = queueDispatch;
        b.rerunOnNodeFailure = rerunOnNodeFailure;
        b.maxDequeueCount = maxDequeueCount;
        b.createIfMissing = createIfMissing;
        b.inlineLimitChars = inlineLimitChars;
        b.maxRetries = maxRetries;
        b.retryDelay = retryDelay;
        b.maxRetryDelay = maxRetryDelay;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.stagingDirectory = stagingDirectory;
        b.requestObserver = requestObserver;
        b.writeResultsWithNextUpdate = writeResultsWithNextUpdate;
        return b;
    }

    @Override
    public String toString() {
        return "AzureJobStoreConfig[name=" + name + ", account=" + ConnectionStrings.describe(connectionString)
                + ", container=" + container + ", table=" + table
                + (jobsStoreQueue == null ? "" : ", jobsStoreQueue=" + jobsStoreQueue) + "]";
    }

    /** Builds an {@link AzureJobStoreConfig}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private String name = "azure";
        private String connectionString;
        private String container;
        private String table;
        private String jobsStoreQueue;
        private Boolean queueDispatch;
        private boolean rerunOnNodeFailure;
        private int maxDequeueCount = 5;
        private boolean createIfMissing = true;
        private int inlineLimitChars = 16 * 1024;
        private int maxRetries = 2;
        private Duration retryDelay = Duration.ofMillis(200);
        private Duration maxRetryDelay = Duration.ofSeconds(1);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Path stagingDirectory;
        private AzureRequestObserver requestObserver;
        private boolean writeResultsWithNextUpdate = true;

        private Builder() {
        }

        /** The cloud store's name, used in messages. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * The storage account's connection string: {@code UseDevelopmentStorage=true} (the emulator on its default
         * ports) or a full one with {@code AccountName} and {@code AccountKey} (or {@code SharedAccessSignature}).
         *
         * @throws IllegalArgumentException when it is not a storage connection string (the value is not echoed)
         */
        public Builder connectionString(String value) {
            ConnectionStrings.validate(Objects.requireNonNull(value, "connectionString"));
            this.connectionString = value;
            return this;
        }

        /**
         * The Blob container ({@code objectStore}): 3–63 lowercase letters, digits and single hyphens.
         *
         * @throws IllegalArgumentException naming the value when it is not a valid container name
         */
        public Builder container(String value) {
            if (value == null || !CONTAINER.matcher(value).matches()) {
                throw new IllegalArgumentException("objectStore (Blob container) '" + value
                        + "' is invalid: use 3-63 lowercase letters, digits and single hyphens, starting and ending"
                        + " with a letter or digit");
            }
            this.container = value;
            return this;
        }

        /**
         * The Table ({@code tableStore}): a letter then 2–62 letters or digits, not {@code tables}.
         *
         * @throws IllegalArgumentException naming the value when it is not a valid table name
         */
        public Builder table(String value) {
            if (value == null || !TABLE.matcher(value).matches() || value.equalsIgnoreCase("tables")) {
                throw new IllegalArgumentException("tableStore (Table) '" + value
                        + "' is invalid: use a letter followed by 2-62 letters or digits (and not 'tables')");
            }
            this.table = value;
            return this;
        }

        /**
         * The job queue ({@code jobsStoreQueue}) of the asynchronous service on this store: 3–56 lowercase letters,
         * digits and single hyphens (so that {@code <name>-poison} is a valid queue too). Unset: derived from the
         * service name ({@link AzureJobStoreConfig#queueName}).
         *
         * @throws IllegalArgumentException naming the value when it is not a valid queue name
         */
        public Builder jobsStoreQueue(String value) {
            this.jobsStoreQueue = QueueNames.requireValid(value);
            return this;
        }

        /** See {@link AzureJobStoreConfig#queueDispatch()} (default: whether jobsStoreQueue is set). */
        public Builder queueDispatch(boolean value) {
            this.queueDispatch = value;
            return this;
        }

        /** See {@link AzureJobStoreConfig#rerunOnNodeFailure()} (default false). */
        public Builder rerunOnNodeFailure(boolean value) {
            this.rerunOnNodeFailure = value;
            return this;
        }

        /**
         * See {@link AzureJobStoreConfig#maxDequeueCount()} (default 5).
         *
         * @throws IllegalArgumentException unless 1..1000
         */
        public Builder maxDequeueCount(int value) {
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("maxDequeueCount must be 1..1000, got " + value);
            }
            this.maxDequeueCount = value;
            return this;
        }

        /** Whether opening creates a missing container and table (default true). */
        public Builder createIfMissing(boolean value) {
            this.createIfMissing = value;
            return this;
        }

        /**
         * The longest JSON text kept inline in the table entity (default 16,384 characters).
         *
         * @throws IllegalArgumentException unless 0..{@link #MAX_INLINE_CHARS}
         */
        public Builder inlineLimitChars(int value) {
            if (value < 0 || value > MAX_INLINE_CHARS) {
                throw new IllegalArgumentException("inlineLimitChars must be 0.." + MAX_INLINE_CHARS + ", got " + value);
            }
            this.inlineLimitChars = value;
            return this;
        }

        /**
         * How often a failed request is retried (default 2).
         *
         * @throws IllegalArgumentException unless 0..10
         */
        public Builder maxRetries(int value) {
            if (value < 0 || value > 10) {
                throw new IllegalArgumentException("maxRetries must be 0..10, got " + value);
            }
            this.maxRetries = value;
            return this;
        }

        /** The first and the longest delay between retries (defaults 200 ms and 1 s). */
        public Builder retryDelays(Duration first, Duration max) {
            requirePositive(first, "retryDelay");
            requirePositive(max, "maxRetryDelay");
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException("maxRetryDelay " + max + " is shorter than retryDelay " + first);
            }
            this.retryDelay = first;
            this.maxRetryDelay = max;
            return this;
        }

        /** The connect timeout (default 3 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requirePositive(value, "connectTimeout");
            return this;
        }

        /** The response timeout of one request (default 30 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = requirePositive(value, "requestTimeout");
            return this;
        }

        /** Where scratch workspaces are staged locally (default: a new temporary folder, removed on close). */
        public Builder stagingDirectory(Path value) {
            this.stagingDirectory = Objects.requireNonNull(value, "stagingDirectory");
            return this;
        }

        /** An observer told of every HTTP response (for metrics and request counting); null for none. */
        public Builder requestObserver(AzureRequestObserver value) {
            this.requestObserver = value;
            return this;
        }

        /** See {@link AzureJobStoreConfig#writeResultsWithNextUpdate()} (default true). */
        public Builder writeResultsWithNextUpdate(boolean value) {
            this.writeResultsWithNextUpdate = value;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws IllegalArgumentException naming the setting when connectionString, container or table is unset
         */
        public AzureJobStoreConfig build() {
            if (connectionString == null) {
                throw new IllegalArgumentException("Azure cloud store setting 'connectionString' is missing");
            }
            if (container == null) {
                throw new IllegalArgumentException("Azure cloud store setting 'objectStore' is missing");
            }
            if (table == null) {
                throw new IllegalArgumentException("Azure cloud store setting 'tableStore' is missing");
            }
            boolean dispatch = queueDispatch != null ? queueDispatch : jobsStoreQueue != null;
            if (dispatch && !writeResultsWithNextUpdate) {
                // Results written at once could land after another node took the job over; written with the end,
                // they land only with the terminal record that names the attempt that made them.
                throw new IllegalArgumentException("writeResultsWithNextUpdate must be true when jobs are dispatched"
                        + " across nodes (jobsStoreQueue or queueDispatch is set), got false");
            }
            return new AzureJobStoreConfig(this);
        }

        private static Duration requirePositive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
            }
            return d;
        }
    }
}
