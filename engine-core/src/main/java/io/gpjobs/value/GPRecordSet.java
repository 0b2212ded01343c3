package io.gpjobs.value;

import java.util.List;
import java.util.Map;

/**
 * A {@code GPRecordSet} value: a table of rows, inline
 * {@code {"fields":[…],"features":[{"attributes":{…}}],"exceededTransferLimit":false}}, or by reference
 * {@code {"url":"…"}} / {@code {"itemID":"…"}}.
 *
 * @param fields                the fields; empty for a reference
 * @param rows                  the rows' attributes, in order (see {@link Feature#attributes()}); empty for a reference
 * @param exceededTransferLimit whether rows were left out because of the record limit
 * @param reference             the table reference, or null for an inline record set
 */
public record GPRecordSet(List<GPField> fields, List<Map<String, Object>> rows, boolean exceededTransferLimit,
                          LayerReference reference) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when a reference also has inline content, or a value is not plain
     */
    public GPRecordSet {
        fields = List.copyOf(fields);
        rows = rows.stream().map(Attributes::copy).toList();
        if (reference != null && (!fields.isEmpty() || !rows.isEmpty() || exceededTransferLimit)) {
            throw new IllegalArgumentException("GPRecordSet: a reference cannot also have fields or rows");
        }
    }

    /** An inline record set. */
    public static GPRecordSet of(List<GPField> fields, List<Map<String, Object>> rows) {
        return new GPRecordSet(fields, rows, false, null);
    }

    /** A record set given by reference. */
    public static GPRecordSet ofReference(LayerReference reference) {
        return new GPRecordSet(List.of(), List.of(), false, java.util.Objects.requireNonNull(reference, "reference"));
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.RECORD_SET;
    }
}
