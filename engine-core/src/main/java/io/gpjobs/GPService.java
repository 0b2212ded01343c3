package io.gpjobs;

import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A GP service: a named set of tasks with the service properties of an ArcGIS admin service JSON. Built in code
 * with {@link #builder(String)} or read from the admin JSON with {@link #fromJson(String, List)}; both go through
 * the {@link Builder}, which checks every property.
 *
 * <p>Immutable and thread-safe. Two services are equal only when they are the same object.
 */
public final class GPService {
    private final String name;
    private final String description;
    private final ExecutionType executionType;
    private final Duration maxUsageTime;
    private final Duration maxWaitTime;
    private final int maxInstances;
    private final int maxQueueSize;
    private final MessageLevel showMessages;
    private final int maximumRecords;
    private final String jobsDirectory;
    private final Duration maxFileAge;
    private final boolean resultMapServer;
    private final Duration progressMessageUpdateInterval;
    private final Duration cancellationCheckInterval;
    private final Map<String, Task> tasks;

    /** How the service runs its tasks, with the wire names of the service JSON. */
    public enum ExecutionType {
        SYNCHRONOUS("esriExecutionTypeSynchronous"), ASYNCHRONOUS("esriExecutionTypeAsynchronous");

        private final String wireName;

        ExecutionType(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the REST service and task JSON, e.g. {@code esriExecutionTypeAsynchronous}. */
        public String wireName() {
            return wireName;
        }
    }

    /** The service's message level ({@code showMessages}): which job messages readers see. */
    public enum MessageLevel {
        /** No messages at all. */
        NONE,
        /** Errors only. */
        ERROR,
        /** Warnings and errors. */
        WARNING,
        /** Every message. */
        INFO
    }

    private GPService(Builder b, Map<String, Task> byName) {
        this.name = b.name;
        this.description = b.description;
        this.executionType = b.executionType;
        this.maxUsageTime = b.maxUsageTime;
        this.maxWaitTime = b.maxWaitTime;
        this.maxInstances = b.maxInstances;
        this.maxQueueSize = b.maxQueueSize;
        this.showMessages = b.showMessages;
        this.maximumRecords = b.maximumRecords;
        this.jobsDirectory = b.jobsDirectory;
        this.maxFileAge = b.maxFileAge;
        this.resultMapServer = b.resultMapServer;
        this.progressMessageUpdateInterval = b.progressMessageUpdateInterval;
        this.cancellationCheckInterval = b.cancellationCheckInterval;
        this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The service name; letters, digits and {@code _ - . /}. */
    public String name() {
        return name;
    }

    /** The service description, "" when none. */
    public String description() {
        return description;
    }

    /** Synchronous ({@code execute}) or asynchronous ({@code submitJob}). */
    public ExecutionType executionType() {
        return executionType;
    }

    /** The longest a job may execute before it times out (default 600 s). */
    public Duration maxUsageTime() {
        return maxUsageTime;
    }

    /** The longest a synchronous request waits for a free worker (default 60 s). */
    public Duration maxWaitTime() {
        return maxWaitTime;
    }

    /** The worker slots: jobs of this service that execute at once on one engine (default 2). */
    public int maxInstances() {
        return maxInstances;
    }

    /** How many jobs may wait in the queue; beyond it submits are rejected (default 1000). */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    /** Which messages readers see (default {@link MessageLevel#INFO}). */
    public MessageLevel showMessages() {
        return showMessages;
    }

    /** The most features an output returns (default 1000). */
    public int maximumRecords() {
        return maximumRecords;
    }

    /** A local path, {@code /cloudStores/<name>}, or null for the engine's default store. */
    public String jobsDirectory() {
        return jobsDirectory;
    }

    /** How long a finished job is kept before the janitor removes it (default 360 min). */
    public Duration maxFileAge() {
        return maxFileAge;
    }

    /** Whether succeeded jobs get a result map (default false). */
    public boolean resultMapServer() {
        return resultMapServer;
    }

    /** How often progress and messages of a running job are persisted (default 5 s). */
    public Duration progressMessageUpdateInterval() {
        return progressMessageUpdateInterval;
    }

    /** How often the executing node checks the store for a cancel request (default 5 s). */
    public Duration cancellationCheckInterval() {
        return cancellationCheckInterval;
    }

    /** The tasks by name, in registration order; names unique, at least one. Unmodifiable. */
    public Map<String, Task> tasks() {
        return tasks;
    }

    @Override
    public String toString() {
        return "GPService[" + name + ", " + executionType.wireName() + ", maxInstances=" + maxInstances + ", tasks="
                + tasks.keySet() + "]";
    }

    /** A builder for a service named {@code name}, with the ArcGIS defaults. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Reads a service from the admin service JSON {@code {"serviceName":…,"type":"GPServer","properties":{…}}}.
     * Numbers and booleans may be strings ({@code "1000"}, {@code "false"}); {@code maxUsageTime},
     * {@code maxWaitTime} and {@code maxInstancesPerNode} are read from the top level (or {@code properties});
     * {@code progressMessageUpdateInterval} (at least 5), {@code cancellationCheckInterval} (at least 1),
     * {@code executionType} ({@code Asynchronous}/{@code Synchronous}), {@code showMessages}, {@code maximumRecords},
     * {@code jobsDirectory}, {@code resultMapServer} and the gpjobs additions {@code maxFileAge} (minutes) and
     * {@code maxQueueSize} from {@code properties}. Unknown properties are ignored.
     *
     * @param adminServiceJson the service JSON
     * @param tasks            the service's tasks (the toolbox the JSON names is not read)
     * @throws IllegalArgumentException naming the property and the value when one is invalid, or when the JSON is
     *                                  malformed, or when two tasks share a name
     */
    public static GPService fromJson(String adminServiceJson, List<Task> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        Builder b = ServiceJsonReader.read(adminServiceJson);
        tasks.forEach(b::task);
        return b.build();
    }

    /** The task named {@code taskName}, or empty. */
    public Optional<Task> task(String taskName) {
        return Optional.ofNullable(taskName == null ? null : tasks.get(taskName));
    }

    /** The task names, sorted. */
    public List<String> taskNames() {
        return tasks.keySet().stream().sorted().toList();
    }

    /**
     * Builds a {@link GPService}: the one way to make one. Each setter checks its argument
     * ({@link IllegalArgumentException} naming the property and the value) and may be called once (a second call is
     * an {@link IllegalStateException} naming the earlier value); tasks are added one by one; {@link #build()}
     * checks the whole. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final Map<String, Object> set = new HashMap<>();
        private String description = "";
        private ExecutionType executionType = ExecutionType.ASYNCHRONOUS;
        private Duration maxUsageTime = Duration.ofSeconds(600);
        private Duration maxWaitTime = Duration.ofSeconds(60);
        private int maxInstances = 2;
        private int maxQueueSize = 1000;
        private MessageLevel showMessages = MessageLevel.INFO;
        private int maximumRecords = 1000;
        private String jobsDirectory;
        private Duration maxFileAge = Duration.ofMinutes(360);
        private boolean resultMapServer;
        private Duration progressMessageUpdateInterval = Duration.ofSeconds(5);
        private Duration cancellationCheckInterval = Duration.ofSeconds(5);
        private final List<Task> tasks = new ArrayList<>();

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*")) {
                throw new IllegalArgumentException("service name must be letters, digits and _ - . /, got '" + name
                        + "'");
            }
            this.name = name;
        }

        private <T> T once(String property, T value) {
            BuilderChecks.once("service '" + name + "': " + property, set.get(property), value);
            set.put(property, value == null ? "null" : value);
            return value;
        }

        private static int atLeastOne(String property, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(property + " must be >= 1, got " + n);
            }
            return n;
        }

        /** The service description (null for none). */
        public Builder description(String d) {
            this.description = once("description", d == null ? "" : d);
            return this;
        }

        /** Synchronous or asynchronous (default asynchronous). */
        public Builder executionType(ExecutionType t) {
            this.executionType = once("executionType", Objects.requireNonNull(t, "executionType"));
            return this;
        }

        /** The time limit of one job (default 600 s). */
        public Builder maxUsageTime(Duration d) {
            this.maxUsageTime = once("maxUsageTime", BuilderChecks.positive("maxUsageTime", d));
            return this;
        }

        /** How long a synchronous request waits for a worker (default 60 s). */
        public Builder maxWaitTime(Duration d) {
            this.maxWaitTime = once("maxWaitTime", BuilderChecks.positive("maxWaitTime", d));
            return this;
        }

        /** Worker slots (default 2). */
        public Builder maxInstances(int n) {
            this.maxInstances = once("maxInstances", atLeastOne("maxInstances", n));
            return this;
        }

        /** Queue bound (default 1000). */
        public Builder maxQueueSize(int n) {
            this.maxQueueSize = once("maxQueueSize", atLeastOne("maxQueueSize", n));
            return this;
        }

        /** The message level (default {@link MessageLevel#INFO}). */
        public Builder showMessages(MessageLevel level) {
            this.showMessages = once("showMessages", Objects.requireNonNull(level, "showMessages"));
            return this;
        }

        /** The most features an output returns (default 1000). */
        public Builder maximumRecords(int n) {
            this.maximumRecords = once("maximumRecords", atLeastOne("maximumRecords", n));
            return this;
        }

        /** A local path, {@code /cloudStores/<name>}, or null (or blank) for the engine's default store. */
        public Builder jobsDirectory(String dir) {
            this.jobsDirectory = once("jobsDirectory", dir == null || dir.isBlank() ? null : dir);
            return this;
        }

        /** How long finished jobs are kept (default 360 min). */
        public Builder maxFileAge(Duration d) {
            this.maxFileAge = once("maxFileAge", BuilderChecks.positive("maxFileAge", d));
            return this;
        }

        /** Whether succeeded jobs get a result map (default false). */
        public Builder resultMapServer(boolean on) {
            this.resultMapServer = once("resultMapServer", on);
            return this;
        }

        /** How often running jobs' progress is persisted (default 5 s; shorter values are allowed in code). */
        public Builder progressMessageUpdateInterval(Duration d) {
            this.progressMessageUpdateInterval = once("progressMessageUpdateInterval",
                    BuilderChecks.positive("progressMessageUpdateInterval", d));
            return this;
        }

        /** How often the store is checked for a cancel request of a running job (default 5 s). */
        public Builder cancellationCheckInterval(Duration d) {
            this.cancellationCheckInterval = once("cancellationCheckInterval",
                    BuilderChecks.positive("cancellationCheckInterval", d));
            return this;
        }

        /** Adds a task. */
        public Builder task(Task t) {
            tasks.add(Objects.requireNonNull(t, "task"));
            return this;
        }

        /** Adds every task {@link ServiceLoader} finds with the context class loader (or on the module path). */
        public Builder tasksFromServiceLoader() {
            ServiceLoader.load(Task.class).forEach(tasks::add);
            return this;
        }

        /** Adds every task {@link ServiceLoader} finds with {@code loader}. */
        public Builder tasksFromServiceLoader(ClassLoader loader) {
            ServiceLoader.load(Task.class, loader).forEach(tasks::add);
            return this;
        }

        /**
         * Builds the service.
         *
         * @throws IllegalArgumentException when two tasks share a name
         * @throws IllegalStateException    when no task was added
         */
        public GPService build() {
            Map<String, Task> byName = new LinkedHashMap<>();
            for (Task t : tasks) {
                TaskDefinition d = Objects.requireNonNull(t.definition(), "definition() of " + t.getClass().getName());
                Task earlier = byName.putIfAbsent(d.name(), t);
                if (earlier != null) {
                    throw new IllegalArgumentException("service '" + name + "' has two tasks named '" + d.name()
                            + "': " + earlier.getClass().getName() + " and " + t.getClass().getName());
                }
            }
            if (byName.isEmpty()) {
                throw new IllegalStateException("service '" + name + "' has no task");
            }
            return new GPService(this, byName);
        }
    }
}
