package io.gpjobs;

import io.gpjobs.internal.ServiceJsonReader;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A GP service: a named set of tasks with the service properties of an ArcGIS admin service JSON. Built in code
 * with {@link #builder(String)} or read from the admin JSON with {@link #fromJson(String, List)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name                          the service name; letters, digits, {@code _ - . /}
 * @param description                   the service description, "" when none
 * @param executionType                 synchronous ({@code execute}) or asynchronous ({@code submitJob})
 * @param maxUsageTime                  the longest a job may execute before it times out (default 600 s)
 * @param maxWaitTime                   the longest a synchronous request waits for a free worker (default 60 s)
 * @param maxInstances                  the worker slots: jobs of this service that execute at once (default 2)
 * @param maxQueueSize                  how many jobs may wait in the queue; beyond it submits are rejected (default 1000)
 * @param showMessages                  which messages readers see (default {@link MessageLevel#INFO})
 * @param maximumRecords                the most features an output returns (default 1000)
 * @param jobsDirectory                 a local path, {@code /cloudStores/<name>}, or null for the engine's default store
 * @param maxFileAge                    how long a finished job is kept before the janitor removes it (default 360 min)
 * @param resultMapServer               whether succeeded jobs get a result map (default false)
 * @param progressMessageUpdateInterval how often progress and messages of a running job are persisted (default 5 s)
 * @param cancellationCheckInterval     how often the executing node checks the store for a cancel request (default 5 s)
 * @param tasks                         the tasks by name, in registration order; names unique, at least one
 */
public record GPService(
        String name,
        String description,
        ExecutionType executionType,
        Duration maxUsageTime,
        Duration maxWaitTime,
        int maxInstances,
        int maxQueueSize,
        MessageLevel showMessages,
        int maximumRecords,
        String jobsDirectory,
        Duration maxFileAge,
        boolean resultMapServer,
        Duration progressMessageUpdateInterval,
        Duration cancellationCheckInterval,
        Map<String, Task> tasks) {

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

    /** Validates the properties; see {@link Builder} for the rules. */
    public GPService {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*")) {
            throw new IllegalArgumentException("service name must be letters, digits and _ - . /, got '" + name + "'");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(executionType, "executionType");
        requirePositive("maxUsageTime", maxUsageTime);
        requirePositive("maxWaitTime", maxWaitTime);
        requirePositive("maxFileAge", maxFileAge);
        requirePositive("progressMessageUpdateInterval", progressMessageUpdateInterval);
        requirePositive("cancellationCheckInterval", cancellationCheckInterval);
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be >= 1, got " + maxInstances);
        }
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException("maxQueueSize must be >= 1, got " + maxQueueSize);
        }
        if (maximumRecords < 1) {
            throw new IllegalArgumentException("maximumRecords must be >= 1, got " + maximumRecords);
        }
        Objects.requireNonNull(showMessages, "showMessages");
        if (jobsDirectory != null && jobsDirectory.isBlank()) {
            jobsDirectory = null;
        }
        tasks = Map.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("service '" + name + "' has no task");
        }
        tasks.forEach((taskName, task) -> {
            if (!taskName.equals(task.definition().name())) {
                throw new IllegalArgumentException("service '" + name + "' lists task '"
                        + task.definition().name() + "' under the name '" + taskName + "'");
            }
        });
    }

    private static void requirePositive(String property, Duration d) {
        Objects.requireNonNull(d, property);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, got " + d);
        }
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
     * Builds a {@link GPService}; each setter checks its argument, {@link #build()} checks the whole.
     * Not thread-safe.
     */
    public static final class Builder {
        private final String name;
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
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The service description. */
        public Builder description(String d) {
            this.description = d;
            return this;
        }

        /** Synchronous or asynchronous (default asynchronous). */
        public Builder executionType(ExecutionType t) {
            this.executionType = Objects.requireNonNull(t, "executionType");
            return this;
        }

        /** The time limit of one job (default 600 s). */
        public Builder maxUsageTime(Duration d) {
            requirePositive("maxUsageTime", d);
            this.maxUsageTime = d;
            return this;
        }

        /** How long a synchronous request waits for a worker (default 60 s). */
        public Builder maxWaitTime(Duration d) {
            requirePositive("maxWaitTime", d);
            this.maxWaitTime = d;
            return this;
        }

        /** Worker slots (default 2). */
        public Builder maxInstances(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxInstances must be >= 1, got " + n);
            }
            this.maxInstances = n;
            return this;
        }

        /** Queue bound (default 1000). */
        public Builder maxQueueSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxQueueSize must be >= 1, got " + n);
            }
            this.maxQueueSize = n;
            return this;
        }

        /** The message level (default {@link MessageLevel#INFO}). */
        public Builder showMessages(MessageLevel level) {
            this.showMessages = Objects.requireNonNull(level, "showMessages");
            return this;
        }

        /** The most features an output returns (default 1000). */
        public Builder maximumRecords(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maximumRecords must be >= 1, got " + n);
            }
            this.maximumRecords = n;
            return this;
        }

        /** A local path, {@code /cloudStores/<name>}, or null for the engine's default store. */
        public Builder jobsDirectory(String dir) {
            this.jobsDirectory = dir;
            return this;
        }

        /** How long finished jobs are kept (default 360 min). */
        public Builder maxFileAge(Duration d) {
            requirePositive("maxFileAge", d);
            this.maxFileAge = d;
            return this;
        }

        /** Whether succeeded jobs get a result map (default false). */
        public Builder resultMapServer(boolean on) {
            this.resultMapServer = on;
            return this;
        }

        /** How often running jobs' progress is persisted (default 5 s; shorter values are allowed in code). */
        public Builder progressMessageUpdateInterval(Duration d) {
            requirePositive("progressMessageUpdateInterval", d);
            this.progressMessageUpdateInterval = d;
            return this;
        }

        /** How often the store is checked for a cancel request of a running job (default 5 s). */
        public Builder cancellationCheckInterval(Duration d) {
            requirePositive("cancellationCheckInterval", d);
            this.cancellationCheckInterval = d;
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
         * @throws IllegalArgumentException when two tasks share a name, or there is no task
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
            return new GPService(name, description, executionType, maxUsageTime, maxWaitTime, maxInstances,
                    maxQueueSize, showMessages, maximumRecords, jobsDirectory, maxFileAge, resultMapServer,
                    progressMessageUpdateInterval, cancellationCheckInterval, byName);
        }
    }
}
