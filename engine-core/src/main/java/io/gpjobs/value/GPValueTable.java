package io.gpjobs.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@code GPValueTable} value: rows of cells in column order, on the wire an array of row arrays.
 *
 * @param columns the columns; empty only for a table read without its definition that had no cells
 * @param rows    the rows, each with one cell per column; a cell is null when empty. Unmodifiable.
 */
public record GPValueTable(List<Column> columns, List<List<GPValue>> rows) implements GPValue {

    /**
     * A column of a value table.
     *
     * @param name     the column name; "" when unnamed
     * @param dataType the cell type; not a multivalue or value table (a {@code GPComposite} column holds values
     *                 of member types)
     */
    public record Column(String name, GPDataType dataType) {
        /**
         * Creates the value, checking and copying its components.
         *
         * @throws IllegalArgumentException when the type cannot be a value table cell
         */
        public Column {
            name = name == null ? "" : name;
            Objects.requireNonNull(dataType, "dataType of column '" + name + "'");
            if (dataType.base() == GPDataType.Base.GPMultiValue || dataType.base() == GPDataType.Base.GPValueTable) {
                throw new IllegalArgumentException("GPValueTable column '" + name + "' cannot hold "
                        + dataType.wireName());
            }
        }
    }

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when a row has the wrong width or a cell the wrong type
     */
    public GPValueTable {
        columns = List.copyOf(columns);
        List<List<GPValue>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<GPValue> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("GPValueTable: row " + r + " has " + row.size() + " cells, expected "
                        + columns.size());
            }
            for (int c = 0; c < row.size(); c++) {
                GPValue cell = row.get(c);
                GPDataType t = columns.get(c).dataType();
                if (cell != null && !cell.dataType().equals(t)
                        && !(t.base() == GPDataType.Base.GPComposite && CompositeCodec.canBeMember(cell.dataType()))) {
                    throw new IllegalArgumentException("GPValueTable: row " + r + " column '" + columns.get(c).name()
                            + "' holds a " + cell.dataType().wireName() + " value, expected " + t.wireName());
                }
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.VALUE_TABLE;
    }
}
