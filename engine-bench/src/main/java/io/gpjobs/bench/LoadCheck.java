package io.gpjobs.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a run was quiet enough to publish, from the {@code load.txt} that {@code run.sh} writes: the 1-minute load
 * average at the start and at the end of the run ({@code loadStart}, {@code loadEnd}; the end figure includes the
 * benchmarks' own threads) and the CPU that processes other than the run used during it, in cores
 * ({@code otherCores}: busy time of the whole machine from {@code /proc/stat} minus the run's own). A run whose start
 * load or other processes' CPU is above {@link #MAX_LOAD} gets a warning at the top of its results.
 *
 * <p>Stateless.
 */
final class LoadCheck {

    /** The largest load (1-minute average, or other processes' cores) at which a run still counts as quiet. */
    static final double MAX_LOAD = 1.5;

    private LoadCheck() {
    }

    /** Appends the load line (and the warning when the run was not quiet) for {@code load.txt}'s content. */
    static void append(StringBuilder s, String loadFile) {
        Map<String, Double> v = parse(loadFile);
        if (v.isEmpty()) {
            s.append("Load: not recorded.\n\n");
            return;
        }
        Double start = v.get("loadStart");
        Double end = v.get("loadEnd");
        Double other = v.get("otherCores");
        s.append("Load average (1 min): ").append(fmt(start)).append(" at the start, ").append(fmt(end))
                .append(" at the end (with the run's own threads); CPU used by other processes during the run: ")
                .append(fmt(other)).append(" cores.\n\n");
        if ((start != null && start > MAX_LOAD) || (other != null && other > MAX_LOAD)) {
            s.append("**Warning: not a quiet run** (load above ").append(MAX_LOAD)
                    .append("): other work shared the cores; do not publish these figures.\n\n");
        }
    }

    private static Map<String, Double> parse(String text) {
        Map<String, Double> v = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                try {
                    v.put(line.substring(0, eq).trim(), Double.parseDouble(line.substring(eq + 1).trim()));
                } catch (NumberFormatException e) {
                    // a figure run.sh could not measure stays absent
                }
            }
        }
        return v;
    }

    private static String fmt(Double d) {
        return d == null ? "not recorded" : String.format(Locale.ROOT, "%.2f", d);
    }
}
