package io.gpjobs.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads and writes GPValueTable: rows as arrays in column order, or as objects keyed by column name. */
final class ValueTableCodec {
    private static final String VT = "GPValueTable";

    private ValueTableCodec() {
    }

    static GPValueTable read(List<ValueShape> infos, JsonNode n) {
        if (!n.isArray()) {
            throw Json.bad(VT, "expected a JSON array of rows", n);
        }
        if (infos.isEmpty()) {
            return readInferred(n);
        }
        List<GPValueTable.Column> columns = infos.stream()
                .map(p -> new GPValueTable.Column(p.name(), p.dataType())).toList();
        List<List<GPValue>> rows = new ArrayList<>();
        int r = 0;
        for (JsonNode row : n) {
            GPValue[] cells = new GPValue[infos.size()];
            if (row.isArray()) {
                if (row.size() > infos.size()) {
                    throw Json.bad(VT, "row " + r + " has " + row.size() + " cells, expected " + infos.size(), row);
                }
                for (int c = 0; c < row.size(); c++) {
                    cells[c] = cell(infos.get(c), row.get(c), r);
                }
            } else if (row.isObject()) {
                for (Map.Entry<String, JsonNode> e : row.properties()) {
                    int c = indexOf(infos, e.getKey());
                    if (c < 0) {
                        throw Json.bad(VT, "row " + r + " has unknown column '" + e.getKey() + "'", row);
                    }
                    cells[c] = cell(infos.get(c), e.getValue(), r);
                }
            } else {
                throw Json.bad(VT, "row " + r + " must be an array or an object", row);
            }
            rows.add(Arrays.asList(cells));
            r++;
        }
        return new GPValueTable(columns, rows);
    }

    private static int indexOf(List<ValueShape> infos, String name) {
        for (int i = 0; i < infos.size(); i++) {
            if (infos.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static GPValue cell(ValueShape col, JsonNode v, int row) {
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty()
                && col.dataType().base() != GPDataType.Base.GPString)) {
            return null;
        }
        try {
            return GPValueCodec.read(col.dataType(), col.members(), v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VT + ": row " + row + " column '" + col.name() + "': "
                    + e.getMessage(), e);
        }
    }

    /** Without column definitions: array rows only, each column typed by its first non-empty cell. */
    private static GPValueTable readInferred(JsonNode n) {
        List<List<GPValue>> rows = new ArrayList<>();
        int width = -1;
        int r = 0;
        for (JsonNode row : n) {
            if (!row.isArray()) {
                throw Json.bad(VT, "row " + r + " must be an array when the columns are not known", row);
            }
            if (width >= 0 && row.size() != width) {
                throw Json.bad(VT, "row " + r + " has " + row.size() + " cells, expected " + width, row);
            }
            width = row.size();
            List<GPValue> cells = new ArrayList<>();
            for (Iterator<JsonNode> it = row.elements(); it.hasNext(); ) {
                JsonNode v = it.next();
                try {
                    cells.add(v.isNull() ? null : CompositeCodec.infer(v));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(VT + ": row " + r + ": " + e.getMessage(), e);
                }
            }
            rows.add(cells);
            r++;
        }
        // an empty table read without its definition has no known columns
        List<GPValueTable.Column> columns = new ArrayList<>();
        for (int c = 0; c < Math.max(width, 0); c++) {
            GPDataType t = null;
            for (List<GPValue> row : rows) {
                if (row.get(c) != null) {
                    t = row.get(c).dataType();
                    break;
                }
            }
            columns.add(new GPValueTable.Column("", t == null ? GPDataType.STRING : t));
        }
        try {
            return new GPValueTable(columns, rows);
        } catch (IllegalArgumentException e) {
            throw Json.bad(VT, e.getMessage(), n);
        }
    }

    static ArrayNode write(GPValueTable v) {
        ArrayNode a = Json.NODES.arrayNode();
        for (List<GPValue> row : v.rows()) {
            ArrayNode ra = a.addArray();
            for (GPValue cell : row) {
                if (cell == null) {
                    ra.addNull();
                } else {
                    ra.add(GPValueCodec.write(cell));
                }
            }
        }
        return a;
    }

    static ArrayNode writeByColumnName(GPValueTable v) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (GPValueTable.Column c : v.columns()) {
            if (c.name().isEmpty() || !names.add(c.name())) {
                throw new IllegalArgumentException(VT + ": cannot key rows by column name, column names are "
                        + v.columns().stream().map(GPValueTable.Column::name).toList());
            }
        }
        ArrayNode a = Json.NODES.arrayNode();
        for (List<GPValue> row : v.rows()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = a.addObject();
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) != null) {
                    o.set(v.columns().get(c).name(), GPValueCodec.write(row.get(c)));
                }
            }
        }
        return a;
    }
}
