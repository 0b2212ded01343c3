package io.gpjobs.store.azure;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the HTTP requests a store sends, by service and method (e.g. {@code table PATCH}). Thread-safe. */
final class RequestCounter implements AzureRequestObserver {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final java.util.Queue<String> trace = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public void onResponse(String service, String method, String path, int statusCode) {
        counts.computeIfAbsent(service + " " + method, k -> new LongAdder()).increment();
        String shortPath = path.replaceAll("^/devstoreaccount1/", "");
        trace.add(method + " " + shortPath + " " + statusCode);
    }

    /** The requests since the last reset, in order, as {@code METHOD path status}. */
    java.util.List<String> trace() {
        return java.util.List.copyOf(trace);
    }

    /** The counts since the last reset, sorted by key. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v.sum() > 0) {
                out.put(k, v.sum());
            }
        });
        return out;
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long total(String service) {
        return snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(service + " "))
                .mapToLong(Map.Entry::getValue).sum();
    }

    void reset() {
        counts.values().forEach(LongAdder::reset);
        trace.clear();
    }
}
