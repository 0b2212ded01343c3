package io.gpjobs.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: fields separated by one delimiter character, optionally quoted with {@code "} (a quote
 * inside a quoted field is doubled), quoted fields may span lines. A leading byte-order mark is skipped; blank lines
 * are skipped. Each record remembers the line it started on, so tools can report bad rows by line number.
 *
 * <p>Not thread-safe.
 */
final class CsvReader implements AutoCloseable {

    /** One record: the 1-based line number where it starts and its fields. */
    record Row(int line, List<String> fields) {
        Row {
            fields = List.copyOf(fields);
        }
    }

    private final BufferedReader in;
    private final char delimiter;
    private int line;
    private boolean first = true;

    CsvReader(Reader reader, char delimiter) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        this.delimiter = delimiter;
    }

    /**
     * The next non-blank record, or null at the end.
     *
     * @throws IOException when reading fails, or a quoted field is not closed before the end of the input (the
     *                     message names the line where the record started)
     */
    Row next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            if (first) {
                first = false;
                if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
            }
        } while (text.isBlank());
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (true) {
            if (i >= text.length()) {
                if (!quoted) {
                    break;
                }
                String more = in.readLine();
                if (more == null) {
                    throw new IOException("line " + start + ": a quoted field is not closed");
                }
                line++;
                field.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == delimiter) {
                fields.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        return new Row(start, fields);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
