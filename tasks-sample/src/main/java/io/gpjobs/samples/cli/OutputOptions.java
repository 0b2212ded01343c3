package io.gpjobs.samples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where and how the run and results commands write a job's outputs: {@code --format geojson|esrijson|csv} and
 * {@code --out <file or folder>}. Without either, the commands print the GP JSON of the results as before.
 *
 * <p>Immutable and thread-safe.
 *
 * @param format the format asked ({@link #FORMATS}), or null for the default of each output's type
 * @param out    the file or folder to write to, or null for standard output
 */
record OutputOptions(String format, Path out) {

    /** The formats {@code --format} accepts. */
    static final List<String> FORMATS = List.of("geojson", "esrijson", "csv");

    /** Whether the outputs are written as files or in another format than the GP JSON. */
    boolean any() {
        return format != null || out != null;
    }

    /**
     * The {@code --format} value, lower-cased.
     *
     * @throws UsageException naming the value when it is not one of {@link #FORMATS}
     */
    static String format(String value) {
        String f = value.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new UsageException("option '--format' must be geojson, esrijson or csv, got '" + value + "'");
        }
        return f;
    }
}
