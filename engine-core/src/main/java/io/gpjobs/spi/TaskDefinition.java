package io.gpjobs.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The description of a task: its name, texts and parameters, in the order the task JSON lists them. Build one with
 * {@link #builder(String)}:
 *
 * <pre>{@code
 * TaskDefinition echo = TaskDefinition.builder("Echo")
 *         .description("Repeats a text.")
 *         .input("text", GPDataType.STRING)
 *         .input("times", GPDataType.LONG, p -> p.defaultValue(new GPLong(1)).filter(new ParameterFilter.Range(1, 100)))
 *         .output("result", GPDataType.STRING)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name        the task name used in URLs and service lookups; not blank
 * @param displayName the display name; defaults to {@code name} when null
 * @param description the description, "" when null
 * @param category    the category, "" when null
 * @param helpUrl     the help URL, "" when null
 * @param parameters  input and output parameters; names unique
 */
public record TaskDefinition(
        String name,
        String displayName,
        String description,
        String category,
        String helpUrl,
        List<ParameterDefinition> parameters) {

    /**
     * Checks the definition.
     *
     * @throws IllegalArgumentException when the name is blank or two parameters share a name
     */
    public TaskDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank, got '" + name + "'");
        }
        displayName = displayName == null ? name : displayName;
        description = description == null ? "" : description;
        category = category == null ? "" : category;
        helpUrl = helpUrl == null ? "" : helpUrl;
        parameters = List.copyOf(parameters);
        Set<String> seen = new HashSet<>();
        for (ParameterDefinition p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("task '" + name + "' has two parameters named '" + p.name() + "'");
            }
        }
    }

    /**
     * A builder of the task named {@code name}: add its inputs and outputs in the order the task JSON lists them.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The parameter with that name, or empty. */
    public Optional<ParameterDefinition> parameter(String paramName) {
        Objects.requireNonNull(paramName, "paramName");
        return parameters.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** The input parameters, in order. */
    public List<ParameterDefinition> inputs() {
        return only(ParameterDefinition.Direction.INPUT);
    }

    /** The output parameters, in order. */
    public List<ParameterDefinition> outputs() {
        return only(ParameterDefinition.Direction.OUTPUT);
    }

    private List<ParameterDefinition> only(ParameterDefinition.Direction direction) {
        // A loop, not a stream: the engine asks for these on every job.
        ParameterDefinition[] out = new ParameterDefinition[parameters.size()];
        int n = 0;
        for (ParameterDefinition p : parameters) {
            if (p.direction() == direction) {
                out[n++] = p;
            }
        }
        return List.of(java.util.Arrays.copyOf(out, n));
    }

    /**
     * Builds a {@link TaskDefinition}. Each text may be set once; parameters are added in order, each name once.
     * Errors name the option or parameter at fault: {@link IllegalArgumentException} for a bad argument,
     * {@link IllegalStateException} for an option set twice. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private String displayName;
        private String description;
        private String category;
        private String helpUrl;
        private final java.util.LinkedHashMap<String, ParameterDefinition> parameters = new java.util.LinkedHashMap<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("task name must not be blank, got '" + name + "'");
            }
            this.name = name;
        }

        /** The name shown to people; the task name when not set. */
        public Builder displayName(String text) {
            displayName = once("displayName", displayName, text);
            return this;
        }

        /** What the task does. */
        public Builder description(String text) {
            description = once("description", description, text);
            return this;
        }

        /** The task's category. */
        public Builder category(String text) {
            category = once("category", category, text);
            return this;
        }

        /** A page that documents the task. */
        public Builder helpUrl(String url) {
            helpUrl = once("helpUrl", helpUrl, url);
            return this;
        }

        /** A required input with no default: the common case. @throws IllegalArgumentException see below */
        public Builder input(String paramName, io.gpjobs.value.GPDataType type) {
            return input(paramName, type, p -> { });
        }

        /**
         * An input with options: {@code input("times", GPDataType.LONG, p -> p.optional().defaultValue(...))}.
         *
         * @throws IllegalArgumentException when the name is not letters, digits and underscores, is used already,
         *                                  or an option does not fit the parameter
         * @throws IllegalStateException    when an option is set twice
         */
        public Builder input(String paramName, io.gpjobs.value.GPDataType type,
                             java.util.function.Consumer<ParameterOptions> options) {
            return add(paramName, type, ParameterDefinition.Direction.INPUT, options);
        }

        /** An output (derived) parameter. @throws IllegalArgumentException when the name is bad or used already */
        public Builder output(String paramName, io.gpjobs.value.GPDataType type) {
            return output(paramName, type, p -> { });
        }

        /**
         * An output with texts: {@code output("result", GPDataType.STRING, p -> p.displayName("Result"))}.
         *
         * @throws IllegalArgumentException when the name is bad or used already, or an option applies to inputs
         */
        public Builder output(String paramName, io.gpjobs.value.GPDataType type,
                              java.util.function.Consumer<ParameterOptions> options) {
            return add(paramName, type, ParameterDefinition.Direction.OUTPUT, options);
        }

        /** A parameter defined elsewhere (read from JSON, or shared by tasks). */
        public Builder parameter(ParameterDefinition p) {
            Objects.requireNonNull(p, "parameter");
            if (parameters.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("task '" + name + "' already has a parameter named '" + p.name()
                        + "'");
            }
            return this;
        }

        /** The definition. */
        public TaskDefinition build() {
            return new TaskDefinition(name, displayName, description, category, helpUrl,
                    List.copyOf(parameters.values()));
        }

        private Builder add(String paramName, io.gpjobs.value.GPDataType type, ParameterDefinition.Direction d,
                            java.util.function.Consumer<ParameterOptions> options) {
            Objects.requireNonNull(options, "options");
            if (paramName == null || !paramName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("parameter name of task '" + name
                        + "' must be letters, digits and underscores, got '" + paramName + "'");
            }
            if (parameters.containsKey(paramName)) {
                throw new IllegalArgumentException("task '" + name + "' already has a parameter named '" + paramName
                        + "'");
            }
            ParameterOptions o = new ParameterOptions(paramName, type, d);
            options.accept(o);
            return parameter(o.build());
        }

        private String once(String option, String earlier, String value) {
            Objects.requireNonNull(value, option);
            if (earlier != null) {
                throw new IllegalStateException("option '" + option + "' of task '" + name + "' was already set to '"
                        + earlier + "'");
            }
            return value;
        }
    }
}
