package io.gpjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's generic part: every JMH result of a benchmark class the report has no table of its own for (e.g. a
 * benchmark added later), one row per benchmark method and parameter set with its median, spread and unit, plus
 * its JMH secondary metrics (profilers' figures such as {@code ·gc.alloc.rate.norm}); and every figure of
 * {@link Metrics} that no table above shows. A new benchmark appears in the report without code here; a table of its
 * own (ratios, targets) can follow later in {@link Report}.
 *
 * <p>Not thread-safe: filled, then rendered, by one thread.
 */
final class ExtraTables {

    /** Benchmark classes {@link Report} has tables of its own for. */
    static final Set<String> KNOWN = Set.of("ThroughputBench", "LatencyBench", "StatusReadBench", "HttpBench",
            "LargeStoreBench", "ScaleOutBench", "DiskFloorBench");
    /** Prefixes of the {@link Metrics} keys {@link Report} shows in its own tables. */
    static final List<String> KNOWN_METRICS = List.of("azure.", "large.", "janitor.", "scaleout.", PairedFloor.RATIO,
            PairedFloor.PAIRS);

    private final Map<String, JsonNode> rows = new TreeMap<>();

    /**
     * Keeps {@code result} when its class is not one of {@link #KNOWN}.
     *
     * @param name the benchmark as {@code Class.method}
     * @param key  the name with its parameter values, {@code Class.method:value…}
     */
    void offer(String name, String key, JsonNode result) {
        String cls = name.substring(0, name.indexOf('.'));
        if (!KNOWN.contains(cls)) {
            rows.put(key, result);
        }
    }

    /** Appends the tables (nothing when there is nothing to show). */
    void render(StringBuilder s, Map<String, Double> metrics) {
        if (!rows.isEmpty()) {
            s.append("\n### Other benchmarks\n\n");
            s.append("| benchmark (parameters) | score | spread | unit | secondary metrics |\n|---|---:|---:|---|---|\n");
            for (Map.Entry<String, JsonNode> e : rows.entrySet()) {
                JsonNode r = e.getValue();
                ForkScore f = ForkScore.of(r.path("primaryMetric"));
                s.append("| ").append(e.getKey()).append(" | ").append(Report.num(f.median())).append(" | ")
                        .append(f.reliable() ? f.spreadText() : f.spreadText() + ", unreliable").append(" | ")
                        .append(f.unit()).append(" | ").append(secondary(r.path("secondaryMetrics"))).append(" |\n");
            }
        }
        List<String> other = new ArrayList<>();
        new TreeMap<>(metrics).forEach((k, v) -> {
            if (KNOWN_METRICS.stream().noneMatch(k::startsWith)) {
                other.add("| " + k + " | " + Report.num(v) + " |\n");
            }
        });
        if (!other.isEmpty()) {
            s.append("\n### Other figures measured besides the scores\n\n| figure | value |\n|---|---:|\n");
            other.forEach(s::append);
        }
    }

    private static String secondary(JsonNode secondaryMetrics) {
        StringBuilder s = new StringBuilder();
        secondaryMetrics.properties().forEach(p -> {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            ForkScore f = ForkScore.of(p.getValue());
            s.append(p.getKey().replace("|", "/")).append(' ').append(Report.num(f.median())).append(' ')
                    .append(f.unit());
        });
        return s.isEmpty() ? "" : s.toString();
    }
}
