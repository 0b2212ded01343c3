package io.gpjobs.bench;

import io.gpjobs.store.azure.AzureRequestObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the storage requests an Azure store sends, per storage service ({@code blob}, {@code queue},
 * {@code table}); every response counts, retries included. Thread-safe.
 */
final class RequestTally implements AzureRequestObserver {

    private final Map<String, LongAdder> byService = new ConcurrentHashMap<>();

    @Override
    public void onResponse(String service, String method, String path, int statusCode) {
        byService.computeIfAbsent(service, k -> new LongAdder()).increment();
    }

    /** The counts so far, by service, sorted. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byService.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The counts as one line, {@code blob=1 queue=2 table=3}, as {@link #parse} reads it. */
    String line() {
        StringBuilder s = new StringBuilder();
        snapshot().forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return s.toString();
    }

    /**
     * Reads a line written by {@link #line}.
     *
     * @throws IllegalArgumentException naming the line when it is not {@code name=count} pairs
     */
    static Map<String, Long> parse(String line) {
        Map<String, Long> out = new TreeMap<>();
        for (String pair : line.trim().split(" +")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("request counts '" + line + "': expected name=count pairs");
            }
            out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return out;
    }

    /** Adds {@code more} into {@code into}, key by key. */
    static void add(Map<String, Long> into, Map<String, Long> more) {
        more.forEach((k, v) -> into.merge(k, v, Long::sum));
    }
}
