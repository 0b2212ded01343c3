package io.gpjobs.samples;

import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The attribute columns of a CSV file (all but the coordinate columns): field names made valid and unique, and
 * each column's type inferred from its values: integer when every value is a whole number in the 32-bit range,
 * double when every value is a number, string otherwise. Empty values are nulls and do not affect the type.
 *
 * <p>Not thread-safe.
 */
final class CsvColumns {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");

    private final List<Integer> positions = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final boolean[] allIntegers;
    private final boolean[] allNumbers;
    private final int[] maxLength;

    CsvColumns(List<String> header, List<Integer> skip) {
        Set<String> used = new HashSet<>(Set.of("OBJECTID"));
        for (int i = 0; i < header.size(); i++) {
            if (skip.contains(i)) {
                continue;
            }
            positions.add(i);
            names.add(unique(fieldName(header.get(i), i), used));
        }
        allIntegers = new boolean[positions.size()];
        allNumbers = new boolean[positions.size()];
        maxLength = new int[positions.size()];
        java.util.Arrays.fill(allIntegers, true);
        java.util.Arrays.fill(allNumbers, true);
    }

    /** Whether {@code text} is a plain decimal number (no hex, no NaN or Infinity, no type suffix). */
    static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }

    /** Takes a good row's values into account for the column types. */
    void observe(List<String> row) {
        for (int c = 0; c < positions.size(); c++) {
            String v = row.get(positions.get(c));
            maxLength[c] = Math.max(maxLength[c], v.length());
            if (v.isEmpty()) {
                continue;
            }
            boolean number = isNumber(v);
            allNumbers[c] &= number;
            allIntegers[c] &= number && INTEGER.matcher(v).matches() && fitsInt(v);
        }
    }

    /** The fields: OBJECTID, then one per attribute column. */
    List<GPField> fields() {
        List<GPField> fields = new ArrayList<>();
        fields.add(new GPField("OBJECTID", FieldType.OID, "OBJECTID", null, null, null));
        for (int c = 0; c < positions.size(); c++) {
            FieldType type = allIntegers[c] ? FieldType.INTEGER : allNumbers[c] ? FieldType.DOUBLE : FieldType.STRING;
            fields.add(new GPField(names.get(c), type, names.get(c),
                    type == FieldType.STRING ? Math.max(1, maxLength[c]) : null, null, null));
        }
        return fields;
    }

    /** A good row's attribute values, typed like {@link #fields()}. */
    Map<String, Object> attributes(List<String> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < positions.size(); c++) {
            String v = row.get(positions.get(c));
            Object value;
            if (v.isEmpty()) {
                value = null;
            } else if (allIntegers[c]) {
                value = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            } else if (allNumbers[c]) {
                value = Double.parseDouble(v);
            } else {
                value = v;
            }
            out.put(names.get(c), value);
        }
        return out;
    }

    private static boolean fitsInt(String v) {
        long l = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
    }

    private static String fieldName(String header, int index) {
        String n = header.strip().replaceAll("[^A-Za-z0-9_]", "_");
        if (n.isEmpty() || n.chars().allMatch(ch -> ch == '_')) {
            return "FIELD_" + (index + 1);
        }
        return Character.isLetter(n.charAt(0)) ? n : "F_" + n;
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int k = 2; !used.add(candidate.toUpperCase(Locale.ROOT)); k++) {
            candidate = name + "_" + k;
        }
        return candidate;
    }
}
