package io.gpjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's scale-out section ({@link ScaleOutBench}): for each site, jobs/s (median over forks and spread), the
 * storage requests per job of every process of the site, the requests per second the emulator served and the share
 * of a core it used; then submit → executing when the accepting node, or another node, runs the job.
 *
 * <p>Stateless; the lookups are the report's.
 */
final class ScaleOutTables {
    private static final String[][] SITES = {
        {"today", "one node, Azure store, no queue (today's single node)", ""},
        {"accepting", "one node, queue dispatch, the accepting node runs its jobs", "≤ 6 requests/job"},
        {"web+1", "a worker-less web node + 1 worker process", ""},
        {"web+2", "a worker-less web node + 2 worker processes", "grows with processes"},
        {"web+3", "a worker-less web node + 3 worker processes", "until the emulator saturates"},
    };

    private ScaleOutTables() {
    }

    /**
     * Appends the section, or nothing when the run did not measure scale-out.
     *
     * @param find    the JMH primary metric of a benchmark key ({@code Class.method:params}), or null
     * @param metrics the run's {@link Metrics} figures
     */
    static void render(StringBuilder s, Function<String, JsonNode> find, Map<String, Double> metrics) {
        if (find.apply("ScaleOutBench.jobs:today") == null && find.apply("ScaleOutBench.submitToExecuting:today") == null) {
            return;
        }
        s.append("\n### Many nodes on one Azurite (queue dispatch), short jobs\n\n");
        s.append("Requests per job count every storage request of every process of the site (idle polls included); ")
                .append("the emulator's served rate is those requests per second, and its CPU the share of one core ")
                .append("its process used. Jobs are submitted through the first node; batches of ")
                .append(ScaleOutBench.BATCH).append(" jobs.\n\n");
        s.append("| site | jobs/s | spread | requests/job | emulator served, requests/s | emulator CPU, % of a core "
                + "| target |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (String[] site : SITES) {
            JsonNode m = find.apply("ScaleOutBench.jobs:" + site[0]);
            ForkScore f = m == null ? null : ForkScore.of(m);
            String key = "scaleout.jobs." + site[0];
            Double cpu = metrics.get(key + ".emulatorCpuShare");
            s.append("| ").append(site[1]).append(" | ").append(f == null ? Report.NONE : jobsPerSecond(f))
                    .append(" | ").append(f == null ? "–" : f.reliable() ? f.spreadText() : f.spreadText() + ", unreliable")
                    .append(" | ").append(Report.num(metrics.get(key + ".requestsPerJob"))).append(" | ")
                    .append(Report.num(metrics.get(key + ".servedRequestsPerSecond"))).append(" | ")
                    .append(cpu == null ? Report.NONE : Report.num(cpu * 100)).append(" | ").append(site[2])
                    .append(" |\n");
        }
        s.append("\n| submit → executing | p50, ms | p99, ms | requests/job | target |\n|---|---:|---:|---:|---|\n");
        latency(s, find, metrics, "today", "today's single node", "");
        latency(s, find, metrics, "accepting", "queue dispatch, the accepting node runs the job", "");
        latency(s, find, metrics, "web+1", "queue dispatch, another node runs the job", "p50 < 300 ms");
    }

    /** Jobs/s: the benchmark counts each job of a batch as an operation. */
    private static String jobsPerSecond(ForkScore f) {
        return Report.num(f.median());
    }

    private static void latency(StringBuilder s, Function<String, JsonNode> find, Map<String, Double> metrics,
            String site, String label, String target) {
        JsonNode m = find.apply("ScaleOutBench.submitToExecuting:" + site);
        s.append("| ").append(label).append(" | ").append(ms(m, "50.0")).append(" | ").append(ms(m, "99.0"))
                .append(" | ").append(Report.num(metrics.get("scaleout.latency." + site + ".requestsPerJob")))
                .append(" | ").append(target).append(" |\n");
    }

    private static String ms(JsonNode m, String percentile) {
        if (m == null || !m.path("scorePercentiles").has(percentile)) {
            return Report.NONE;
        }
        double v = m.path("scorePercentiles").path(percentile).asDouble();
        return Report.num(switch (m.path("scoreUnit").asText()) {
            case "us/op" -> v / 1e3;
            case "s/op" -> v * 1e3;
            case "ns/op" -> v / 1e6;
            default -> v;
        });
    }
}
