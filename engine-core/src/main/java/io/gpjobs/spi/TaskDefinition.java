package io.gpjobs.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The description of a task: its name, texts and parameters, in the order the task JSON lists them.
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
}
