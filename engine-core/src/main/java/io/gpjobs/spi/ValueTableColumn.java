package io.gpjobs.spi;

import io.gpjobs.value.GPDataType;
import io.gpjobs.value.ParameterFilter;
import java.util.List;
import java.util.Objects;

/**
 * One column of a {@code GPValueTable} parameter: its name, cell type and, optionally, the values its cells may
 * take (a choice list or a filter, checked per cell at submit). Declared with
 * {@link ParameterOptions#columns}; the task JSON lists it among the parameter's
 * {@code parameterInfos}. Immutable.
 *
 * @param name        the column name; letters, digits and underscores
 * @param dataType    the cell type; not null
 * @param displayName the column's display name; {@code name} when null
 * @param choiceList  the values a cell may take; empty for any
 * @param filter      a range or other filter on the cells, or null
 */
public record ValueTableColumn(String name, GPDataType dataType, String displayName, List<String> choiceList,
                               ParameterFilter filter) {

    /**
     * Checks the column.
     *
     * @throws IllegalArgumentException when the name is not letters, digits and underscores
     * @throws NullPointerException     when {@code dataType} is null
     */
    public ValueTableColumn {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("column name must be letters, digits and underscores, got '" + name
                    + "'");
        }
        Objects.requireNonNull(dataType, "dataType of column '" + name + "'");
        displayName = displayName == null ? name : displayName;
        choiceList = choiceList == null ? List.of() : List.copyOf(choiceList);
    }

    /** A column of that name and cell type, any value allowed. */
    public static ValueTableColumn of(String name, GPDataType dataType) {
        return new ValueTableColumn(name, dataType, null, List.of(), null);
    }

    /** This column with its cells limited to {@code choices}. */
    public ValueTableColumn withChoices(String... choices) {
        return new ValueTableColumn(name, dataType, displayName, List.of(choices), filter);
    }

    /** This column with its cells checked by {@code f} (a range filter, say). */
    public ValueTableColumn withFilter(ParameterFilter f) {
        return new ValueTableColumn(name, dataType, displayName, choiceList, f);
    }

    /** The column as the task JSON's parameter info describes it. */
    ParameterDefinition info() {
        return new ParameterDefinition(name, dataType, displayName, null, ParameterDefinition.Direction.INPUT,
                ParameterDefinition.ParameterType.REQUIRED, null, null, choiceList, filter, null, List.of());
    }

    /** The column a parameter info describes. */
    static ValueTableColumn of(ParameterDefinition info) {
        return new ValueTableColumn(info.name(), info.dataType(), info.displayName(), info.choiceList(),
                info.filter());
    }
}
