package io.gpjobs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's reading of {@link DiskFloorBench}: the fork-by-fork ratios of a system to its floor, measured in the
 * same fork ({@code diskfloor.ratio.<system>.<pid>} over all batches, {@code diskfloor.pairs.<system>.<pid>} the
 * median over pairs of batches), as their median, the forks' values and their spread.
 *
 * <p>Stateless.
 */
final class PairedFloor {

    /** The prefix of the ratios over all of a fork's batches. */
    static final String RATIO = "diskfloor.ratio.";
    /** The prefix of the medians over a fork's pairs of batches. */
    static final String PAIRS = "diskfloor.pairs.";

    private PairedFloor() {
    }

    /** The fork values of {@code system} under {@code prefix}, in no particular order (empty when not measured). */
    static List<Double> ratios(Map<String, Double> metrics, String prefix, String system) {
        List<Double> out = new ArrayList<>();
        String start = prefix + system + ".";
        metrics.forEach((k, v) -> {
            if (k.startsWith(start) && k.indexOf('.', start.length()) < 0) {
                out.add(v);
            }
        });
        return out;
    }

    /** E.g. "91% (forks 88%, 91%, 95%; spread 8%)", or "not measured". */
    static String describe(Map<String, Double> metrics, String prefix, String system) {
        List<Double> r = ratios(metrics, prefix, system);
        if (r.isEmpty()) {
            return Report.NONE;
        }
        Collections.sort(r);
        double median = ForkScore.median(r);
        StringBuilder s = new StringBuilder(percent(median)).append(" (fork");
        s.append(r.size() > 1 ? "s " : " ");
        for (int i = 0; i < r.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(percent(r.get(i)));
        }
        double spread = (r.get(r.size() - 1) - r.get(0)) / median;
        return s.append("; spread ").append(percent(spread)).append(spread > ForkScore.MAX_SPREAD ? ", unreliable" : "")
                .append(')').toString();
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
