package io.gpjobs.spi;

import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.ParameterFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The options of one parameter while a {@link TaskDefinition.Builder} defines it: texts, whether an input is
 * optional, its default, the values it allows, and the columns of a value table or the members of a composite.
 * Each option may be set once; an option that does not fit the parameter (a default on an output, columns on a
 * string) is refused at once, naming the parameter and the option. Used only inside the lambda given to
 * {@link TaskDefinition.Builder#input(String, GPDataType, java.util.function.Consumer)}; not thread-safe.
 */
public final class ParameterOptions {
    private final String name;
    private final GPDataType dataType;
    private final ParameterDefinition.Direction direction;
    private String displayName;
    private String description;
    private String category;
    private Boolean optional;
    private GPValue defaultValue;
    private List<String> choices;
    private ParameterFilter filter;
    private String dependency;
    private List<ParameterDefinition> infos;

    ParameterOptions(String name, GPDataType dataType, ParameterDefinition.Direction direction) {
        this.name = name;
        this.dataType = Objects.requireNonNull(dataType, "dataType of parameter '" + name + "'");
        this.direction = direction;
    }

    /** The name shown to people; the parameter name when not set. */
    public ParameterOptions displayName(String text) {
        displayName = once("displayName", displayName, Objects.requireNonNull(text, "displayName"));
        return this;
    }

    /** What the parameter means, shown in the task description. */
    public ParameterOptions description(String text) {
        description = once("description", description, Objects.requireNonNull(text, "description"));
        return this;
    }

    /** The category the parameter is grouped under. */
    public ParameterOptions category(String text) {
        category = once("category", category, Objects.requireNonNull(text, "category"));
        return this;
    }

    /** Makes an input optional ({@code esriGPParameterTypeOptional}); inputs are required otherwise. */
    public ParameterOptions optional() {
        inputOnly("optional");
        optional = once("optional", optional, Boolean.TRUE);
        return this;
    }

    /**
     * The value an omitted input takes (also a required one: the task JSON publishes it).
     *
     * @throws IllegalArgumentException when the value's type is not the parameter's
     */
    public ParameterOptions defaultValue(GPValue value) {
        inputOnly("defaultValue");
        Objects.requireNonNull(value, "defaultValue");
        if (!value.dataType().equals(dataType)) {
            throw new IllegalArgumentException("defaultValue of parameter '" + name + "' is a "
                    + value.dataType().wireName() + ", expected a " + dataType.wireName());
        }
        defaultValue = once("defaultValue", defaultValue, value);
        return this;
    }

    /** The values the input may take (a value list filter); checked at submit. */
    public ParameterOptions choices(String... values) {
        inputOnly("choices");
        if (values.length == 0) {
            throw new IllegalArgumentException("choices of parameter '" + name + "' must not be empty");
        }
        choices = once("choices", choices, List.of(values));
        return this;
    }

    /** A range, feature class, file or field filter on the input; checked at submit. */
    public ParameterOptions filter(ParameterFilter f) {
        inputOnly("filter");
        filter = once("filter", filter, Objects.requireNonNull(f, "filter"));
        return this;
    }

    /** The parameter this one depends on (a field parameter's feature set, say). */
    public ParameterOptions dependsOn(String parameterName) {
        dependency = once("dependsOn", dependency, Objects.requireNonNull(parameterName, "dependsOn"));
        return this;
    }

    /**
     * The columns of a {@code GPValueTable} parameter, in order.
     *
     * @throws IllegalArgumentException when the parameter is not a value table, or two columns share a name
     */
    public ParameterOptions columns(ValueTableColumn... columns) {
        if (dataType.base() != GPDataType.Base.GPValueTable) {
            throw new IllegalArgumentException("columns apply to GPValueTable parameters; parameter '" + name
                    + "' is a " + dataType.wireName());
        }
        if (Arrays.stream(columns).map(ValueTableColumn::name).distinct().count() != columns.length) {
            throw new IllegalArgumentException("parameter '" + name + "' has two columns of one name: "
                    + Arrays.stream(columns).map(ValueTableColumn::name).toList());
        }
        infos = once("columns", infos, Arrays.stream(columns).map(ValueTableColumn::info).toList());
        return this;
    }

    /**
     * The types a {@code GPComposite} (or {@code GPMultiValue:GPComposite}) parameter accepts.
     *
     * @throws IllegalArgumentException when the parameter is not a composite, or a type is listed twice
     */
    public ParameterOptions members(CompositeMember... members) {
        GPDataType.Base base = dataType.element() == null ? dataType.base() : dataType.element().base();
        if (base != GPDataType.Base.GPComposite) {
            throw new IllegalArgumentException("members apply to GPComposite parameters; parameter '" + name
                    + "' is a " + dataType.wireName());
        }
        if (Arrays.stream(members).map(CompositeMember::dataType).distinct().count() != members.length) {
            throw new IllegalArgumentException("parameter '" + name + "' lists a member type twice: "
                    + Arrays.stream(members).map(m -> m.dataType().wireName()).toList());
        }
        infos = once("members", infos, Arrays.stream(members).map(CompositeMember::info).toList());
        return this;
    }

    ParameterDefinition build() {
        ParameterDefinition.ParameterType type = direction == ParameterDefinition.Direction.OUTPUT
                ? ParameterDefinition.ParameterType.DERIVED
                : optional != null ? ParameterDefinition.ParameterType.OPTIONAL
                : ParameterDefinition.ParameterType.REQUIRED;
        return new ParameterDefinition(name, dataType, displayName, description, direction, type, defaultValue,
                category, choices, filter, dependency, infos);
    }

    private void inputOnly(String option) {
        if (direction == ParameterDefinition.Direction.OUTPUT) {
            throw new IllegalArgumentException("option '" + option + "' applies to inputs; parameter '" + name
                    + "' is an output");
        }
    }

    private <T> T once(String option, T earlier, T value) {
        if (earlier != null) {
            throw new IllegalStateException("option '" + option + "' of parameter '" + name + "' was already set to "
                    + earlier);
        }
        return value;
    }
}
