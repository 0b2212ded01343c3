package io.gpjobs.spi;

import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.ParameterFilter;
import io.gpjobs.value.ValueShape;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of a task, as the task JSON describes it.
 *
 * @param name           the parameter key used in requests; letters, digits and underscores
 * @param dataType       the data type
 * @param displayName    defaults to {@code name}
 * @param description    "" when null
 * @param direction      input or output
 * @param parameterType  required, optional or derived
 * @param defaultValue   the default value, or null
 * @param category       "" when null
 * @param choiceList     the allowed values (a value list filter), empty when any value is allowed
 * @param filter         a range, featureClass, file or field filter, or null
 * @param dependency     the name of the parameter this one depends on, or null
 * @param parameterInfos element descriptors: one per GPValueTable column or GPComposite member type; empty otherwise
 */
public record ParameterDefinition(
        String name,
        GPDataType dataType,
        String displayName,
        String description,
        Direction direction,
        ParameterType parameterType,
        GPValue defaultValue,
        String category,
        List<String> choiceList,
        ParameterFilter filter,
        String dependency,
        List<ParameterDefinition> parameterInfos) {

    /** The parameter direction, with its wire name. */
    public enum Direction {
        INPUT("esriGPParameterDirectionInput"), OUTPUT("esriGPParameterDirectionOutput");

        private final String wireName;

        Direction(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The parameter type, with its wire name. */
    public enum ParameterType {
        REQUIRED("esriGPParameterTypeRequired"),
        OPTIONAL("esriGPParameterTypeOptional"),
        DERIVED("esriGPParameterTypeDerived");

        private final String wireName;

        ParameterType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public ParameterDefinition {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name must be letters, digits and underscores, got '" + name + "'");
        }
        Objects.requireNonNull(dataType, "dataType of parameter '" + name + "'");
        Objects.requireNonNull(direction, "direction of parameter '" + name + "'");
        Objects.requireNonNull(parameterType, "parameterType of parameter '" + name + "'");
        displayName = displayName == null ? name : displayName;
        description = description == null ? "" : description;
        category = category == null ? "" : category;
        choiceList = choiceList == null ? List.of() : List.copyOf(choiceList);
        parameterInfos = parameterInfos == null ? List.of() : List.copyOf(parameterInfos);
    }

    /**
     * The shape the codec reads this parameter's values into: its name, type and the shapes of its
     * {@code parameterInfos} (value-table columns, multivalue element, composite members).
     */
    public ValueShape shape() {
        return new ValueShape(name, dataType, parameterInfos.stream().map(ParameterDefinition::shape).toList());
    }

    /**
     * The columns of a {@code GPValueTable} parameter, as declared; empty for other types.
     */
    public List<ValueTableColumn> columns() {
        return dataType.base() == GPDataType.Base.GPValueTable
                ? parameterInfos.stream().map(ValueTableColumn::of).toList() : List.of();
    }

    /**
     * The member types of a {@code GPComposite} or {@code GPMultiValue:GPComposite} parameter, as declared; empty
     * for other types.
     */
    public List<CompositeMember> members() {
        GPDataType.Base base = dataType.element() == null ? dataType.base() : dataType.element().base();
        if (base != GPDataType.Base.GPComposite) {
            return List.of();
        }
        List<ParameterDefinition> infos = parameterInfos.size() == 1
                && parameterInfos.get(0).dataType().equals(dataType.element())
                ? parameterInfos.get(0).parameterInfos() : parameterInfos;
        return infos.stream().map(CompositeMember::of).toList();
    }

    /** A required input parameter with no default, filter or choice list. */
    public static ParameterDefinition requiredInput(String name, GPDataType type) {
        return new ParameterDefinition(name, type, null, null, Direction.INPUT, ParameterType.REQUIRED, null, null,
                List.of(), null, null, List.of());
    }

    /** An optional input parameter with a default value. */
    public static ParameterDefinition optionalInput(String name, GPDataType type, GPValue defaultValue) {
        return new ParameterDefinition(name, type, null, null, Direction.INPUT, ParameterType.OPTIONAL, defaultValue,
                null, List.of(), null, null, List.of());
    }

    /** A derived output parameter. */
    public static ParameterDefinition output(String name, GPDataType type) {
        return new ParameterDefinition(name, type, null, null, Direction.OUTPUT, ParameterType.DERIVED, null, null,
                List.of(), null, null, List.of());
    }

    public ParameterDefinition withChoiceList(List<String> choices) {
        return new ParameterDefinition(name, dataType, displayName, description, direction, parameterType,
                defaultValue, category, choices, filter, dependency, parameterInfos);
    }

    public ParameterDefinition withFilter(ParameterFilter f) {
        return new ParameterDefinition(name, dataType, displayName, description, direction, parameterType,
                defaultValue, category, choiceList, f, dependency, parameterInfos);
    }

    public ParameterDefinition withDisplayName(String display, String desc) {
        return new ParameterDefinition(name, dataType, display, desc, direction, parameterType,
                defaultValue, category, choiceList, filter, dependency, parameterInfos);
    }

    public ParameterDefinition withParameterInfos(List<ParameterDefinition> infos) {
        return new ParameterDefinition(name, dataType, displayName, description, direction, parameterType,
                defaultValue, category, choiceList, filter, dependency, infos);
    }
}
