package io.gpjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One JMH result reduced to figures that say how far they hold: the median over its forks of each fork's mean, and
 * the spread {@code (max − min) / median} of those means. With a single fork the spread is taken over its
 * measured iterations instead ({@link #forks()} is then 1). A result whose spread exceeds {@link #MAX_SPREAD} is
 * {@linkplain #reliable() unreliable}: the report prints its figure but no ratio built on it.
 *
 * <p>Immutable.
 *
 * @param median the median of the forks' means (JMH's own score when the raw data is missing)
 * @param spread {@code (max − min) / median} over the forks' means (or the iterations of a single fork); 0 when
 *               there is only one value
 * @param forks  how many forks the figure comes from
 * @param unit   JMH's score unit, e.g. {@code ops/s}
 */
record ForkScore(double median, double spread, int forks, String unit) {

    /** The largest spread at which a figure still counts as reliable: 25 %. */
    static final double MAX_SPREAD = 0.25;

    /** Reads a JMH {@code primaryMetric} (or {@code secondaryMetrics} entry) node. */
    static ForkScore of(JsonNode metric) {
        String unit = metric.path("scoreUnit").asText();
        JsonNode raw = metric.path("rawData");
        List<Double> forkMeans = new ArrayList<>();
        List<Double> iterations = new ArrayList<>();
        for (JsonNode fork : raw) {
            double sum = 0;
            int n = 0;
            for (JsonNode it : fork) {
                sum += it.asDouble();
                iterations.add(it.asDouble());
                n++;
            }
            if (n > 0) {
                forkMeans.add(sum / n);
            }
        }
        if (forkMeans.isEmpty()) {
            return new ForkScore(metric.path("score").asDouble(), 0, 1, unit);
        }
        List<Double> values = forkMeans.size() > 1 ? forkMeans : iterations;
        double median = median(forkMeans.size() > 1 ? forkMeans : List.of(forkMeans.get(0)));
        double spread = median == 0 ? 0 : (Collections.max(values) - Collections.min(values)) / median;
        return new ForkScore(median, spread, forkMeans.size(), unit);
    }

    /** Whether the spread is at most {@link #MAX_SPREAD}. */
    boolean reliable() {
        return spread <= MAX_SPREAD;
    }

    /** The spread as a percentage with what it is taken over, e.g. "12% (3 forks)". */
    String spreadText() {
        return Math.round(spread * 100) + "% (" + (forks > 1 ? forks + " forks" : "1 fork, iterations") + ")";
    }

    /** A figure with its spread, e.g. "3,830 (8% (3 forks))"; "not measured" for null. */
    static String figure(ForkScore f) {
        return f == null ? Report.NONE : Report.num(f.median()) + " (" + f.spreadText() + ")";
    }

    /** {@code v / base} as {@link Report#ratio(Double, Double)} prints it, or "unreliable" when either spread is too wide. */
    static String ratio(ForkScore v, ForkScore base) {
        if (v == null || base == null) {
            return "–";
        }
        return v.reliable() && base.reliable() ? Report.ratio(v.median(), base.median()) : "unreliable";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
