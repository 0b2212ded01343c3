package io.gpjobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Figures a benchmark measures besides its JMH score (heap, storage requests), appended as {@code key=value}
 * lines to the file named by the system property {@code bench.metrics}; {@link Report} reads them back. Without
 * the property the figures are only printed.
 *
 * <p>Thread-safe enough for its use: one line per call, appended.
 */
final class Metrics {

    private Metrics() {
    }

    /** Records {@code value} under {@code key}; a later line with the same key wins. */
    static synchronized void record(String key, double value) {
        String line = key + "=" + value + System.lineSeparator();
        System.out.print("[metric] " + line);
        String file = System.getProperty("bench.metrics");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to metrics file '" + file + "'", e);
        }
    }

    /** The used heap after a full collection, in bytes (best effort: asks for GC a few times). */
    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
