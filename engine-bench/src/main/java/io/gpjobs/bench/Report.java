package io.gpjobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's JMH JSON results (and the extra figures of {@link Metrics}) into the Markdown tables of
 * BENCHMARKS.md, with every gpjobs figure as a ratio against the baselines measured in the same run. A figure
 * the run did not produce is shown as "not measured".
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.gpjobs.bench.Report <results folder> [BENCHMARKS.md]}: reads the
 * folder's {@code jmh*.json}, {@code metrics.properties} and {@code machine.txt}, prints the section, and when the
 * second argument is given, replaces the part of that file between the {@code <!-- results:begin -->} and
 * {@code <!-- results:end -->} markers.
 */
public final class Report {

    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";
    static final String NONE = "not measured";

    private final Map<String, JsonNode> results = new HashMap<>();
    private final Map<String, Double> metrics = new HashMap<>();
    private final ExtraTables extra = new ExtraTables();

    private Report(JsonNode jmh, Map<String, Double> metrics) {
        for (JsonNode r : jmh) {
            String name = r.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder key = new StringBuilder(name);
            r.path("params").properties().forEach(p -> key.append(':').append(p.getValue().asText()));
            results.put(key.toString(), r.path("primaryMetric"));
            extra.offer(name, key.toString(), r);
        }
        this.metrics.putAll(metrics);
    }

    /**
     * Prints the results section, and writes it into BENCHMARKS.md when a fourth argument names it.
     *
     * @param args the results folder, optionally BENCHMARKS.md
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: Report <results folder> [BENCHMARKS.md]");
        }
        Path dir = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode jmh = json.createArrayNode();
        try (var files = Files.newDirectoryStream(dir, "jmh*.json")) {
            for (Path f : files) {
                if (Files.size(f) > 0) {
                    json.readTree(f.toFile()).forEach(jmh::add);
                }
            }
        }
        Map<String, Double> metrics = new HashMap<>();
        Path metricsFile = dir.resolve("metrics.properties");
        if (Files.exists(metricsFile)) {
            for (String line : Files.readAllLines(metricsFile, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    metrics.put(line.substring(0, eq).trim(), Double.parseDouble(line.substring(eq + 1).trim()));
                }
            }
        }
        Path machineFile = dir.resolve("machine.txt");
        String machine = Files.exists(machineFile) ? Files.readString(machineFile, StandardCharsets.UTF_8).strip()
                : "not recorded";
        Path loadFile = dir.resolve("load.txt");
        String load = Files.exists(loadFile) ? Files.readString(loadFile, StandardCharsets.UTF_8).strip() : "";
        String section = new Report(jmh, metrics).render(machine, load);
        System.out.println(section);
        if (args.length > 1) {
            Path md = Path.of(args[1]);
            String doc = Files.readString(md, StandardCharsets.UTF_8);
            int b = doc.indexOf(BEGIN);
            int e = doc.indexOf(END);
            if (b < 0 || e < b) {
                throw new IllegalArgumentException("'" + md + "' lacks the " + BEGIN + " / " + END + " markers");
            }
            Files.writeString(md, doc.substring(0, b + BEGIN.length()) + "\n" + section + "\n" + doc.substring(e),
                    StandardCharsets.UTF_8);
        }
    }

    private String render(String machine, String load) {
        StringBuilder s = new StringBuilder();
        s.append("Machine: ").append(machine.replace("\n", "; ")).append("\n\n");
        LoadCheck.append(s, load);

        s.append("### Throughput of no-op jobs (submit → succeeded), jobs/s\n\n");
        s.append("Each figure is the median over the forks of each fork's mean; spread = (max − min) / median over ")
                .append("the forks. A ratio built on a figure whose spread exceeds ")
                .append(Math.round(ForkScore.MAX_SPREAD * 100)).append("% is not printed (\"unreliable\").\n\n");
        s.append("| system | jobs/s | spread | × executor | × JobRunr (memory) | target |\n|---|---:|---:|---:|---:|---|\n");
        String exec = "executor";
        String jobrunr = "jobrunr";
        throughputRow(s, "ThreadPoolExecutor (in-process limit)", "executor", exec, jobrunr, "");
        throughputRow(s, "JobRunr 8.7.0, in-memory, 200 ms poll", "jobrunr", exec, jobrunr, "");
        throughputRow(s, "JobRunr 8.7.0, H2 file database (commits written, not forced), 5 s poll", "jobrunr-h2", exec,
                jobrunr, "");
        throughputRow(s, "gpjobs, memory store", "memory", exec, jobrunr,
                "≥ 150,000 jobs/s or ≥ 0.1× executor; ≥ 100× JobRunr");
        throughputRow(s, "gpjobs, disk store (atomic renames, no fsync)", "disk", exec, jobrunr,
                "≥ 2× JobRunr on H2 (equal durability)");
        throughputRow(s, "gpjobs, disk store (fsync every write)", "disk-fsync", exec, jobrunr, "");
        throughputRow(s, "gpjobs, Azure store (Azurite)", "azure", exec, jobrunr, "");
        throughputRow(s, "file operations of a job alone, no engine (the disk store's floor)", "files", exec, jobrunr,
                "");
        s.append("\nAt equal durability (both survive a killed process, neither forces writes to the device): disk ")
                .append("store ÷ JobRunr on H2 = ").append(reliableRatio("disk", "jobrunr-h2"))
                .append(" (target ≥ 2×). `disk-fsync` is stronger than anything H2 offers JobRunr (H2 never forces a ")
                .append("commit to the device): disk-fsync ÷ JobRunr on H2 = ").append(reliableRatio("disk-fsync", "jobrunr-h2"))
                .append(". Disk store ÷ its floor (`files`: a job's bare file operations on this file system, a folder ")
                .append("with a record renamed into place on the submitting thread, then two atomic replaces of the ")
                .append("record on a worker) = ").append(reliableRatio("disk", "files")).append(" (target ≥ 90%) from ")
                .append("the rows above, measured in different forks; paired in each fork (`DiskFloorBench`: a ")
                .append("batch on each in turn, so both meet the same moment of the machine; a longer warm-up) = ")
                .append(PairedFloor.describe(metrics, PairedFloor.RATIO, "disk"))
                .append(", and as the median of each fork's pairs of batches (which a stall of the file system during ")
                .append("one batch does not move) = ").append(PairedFloor.describe(metrics, PairedFloor.PAIRS, "disk"))
                .append("; the store's own work for a job without the engine ÷ the floor, paired the same way = ")
                .append(PairedFloor.describe(metrics, PairedFloor.RATIO, "disk-store")).append(" (pairs' median ")
                .append(PairedFloor.describe(metrics, PairedFloor.PAIRS, "disk-store")).append(").\n");
        s.append("\n### Submit → executing latency, one job on an idle system, µs\n\n");
        s.append("| system | p50 | p99 | p50 × executor | p50 vs JobRunr | target |\n|---|---:|---:|---:|---:|---|\n");
        Double execP50 = pct("LatencyBench.submitToExecuting:executor", "50.0");
        Double jrP50 = pct("LatencyBench.submitToExecuting:jobrunr", "50.0");
        latencyRow(s, "ThreadPoolExecutor", "executor", execP50, jrP50, "");
        latencyRow(s, "JobRunr 8.7.0", "jobrunr", execP50, jrP50, "");
        latencyRow(s, "gpjobs, memory store", "memory", execP50, jrP50, "p50 < 1,000 µs");
        latencyRow(s, "gpjobs, disk store", "disk", execP50, jrP50, "");
        latencyRow(s, "gpjobs, Azure store (Azurite)", "azure", execP50, jrP50, "");

        s.append("\n### Status read `job(jobId)`, ns\n\n");
        s.append("| case | p50 | p99 | target |\n|---|---:|---:|---|\n");
        statusRow(s, "hot (cached), memory store", "StatusReadBench.hot:memory", "p50 < 5,000 ns");
        statusRow(s, "hot (cached), disk store", "StatusReadBench.hot:disk", "p50 < 5,000 ns");
        statusRow(s, "cold (cache miss), memory store", "StatusReadBench.cold:memory", "");
        statusRow(s, "cold (cache miss), disk store", "StatusReadBench.cold:disk", "");

        http(s);

        s.append("\n### Azure store: storage requests per job lifecycle (submit → succeeded, no progress updates)\n\n");
        s.append("| figure | value | target |\n|---|---:|---|\n");
        s.append("| requests per job, one job at a time on an idle engine (LatencyBench) | ")
                .append(num(metrics.get("azure.requestsPerJob.idle"))).append(" | ≤ 4 |\n");
        s.append("| requests per job, batches of 1,000 (ThroughputBench) | ")
                .append(num(metrics.get("azure.requestsPerJob.batch"))).append(" | ≤ 4 |\n");

        s.append("\n### Large disk store\n\n");
        s.append("| figure | value | target |\n|---|---:|---|\n");
        Double empty = metrics.get("large.heapEmptyBytes");
        Double full = metrics.get("large.heapFullBytes");
        s.append("| jobs held | ").append(num(metrics.get("large.jobs"))).append(" | 1,000,000 |\n");
        s.append("| heap after GC, empty store, MiB | ").append(mib(empty)).append(" | |\n");
        s.append("| heap after GC, store holding the jobs, MiB | ").append(mib(full))
                .append(" | does not grow with the jobs |\n");
        Double jobs = metrics.get("large.jobs");
        s.append("| heap per stored job, bytes | ").append(empty == null || full == null || jobs == null || jobs == 0 ? NONE
                : num((full - empty) / jobs)).append(" | ≈ 0 |\n");
        s.append("| time to write the jobs through the store (2 threads), s | ")
                .append(metrics.get("large.reused") != null ? "store kept from an earlier run"
                        : seconds(metrics.get("large.createSeconds"))).append(" | |\n");
        s.append("| time to open the store and start the engine over them (index snapshot saved at the last close), s | ")
                .append(seconds(metrics.get("large.openSeconds"))).append(" | |\n");
        s.append("| from the start of the open to the first status read answered, s | ")
                .append(seconds(metrics.get("large.firstStatusSeconds"))).append(" | ≤ 10 |\n");
        s.append("| from the start of the open to the first page of the job listing, s | ")
                .append(seconds(metrics.get("large.firstPageSeconds"))).append(" | ≤ 10 |\n");
        s.append("| query: one page of finished jobs of a service, ms | ")
                .append(ms("LargeStoreBench.queryPage")).append(" | |\n");
        s.append("| janitor: jobs deleted | ").append(num(metrics.get("janitor.jobs"))).append(" | 100,000 |\n");
        s.append("| janitor: time to delete them, s | ").append(sec("LargeStoreBench.janitor")).append(" | |\n");
        ScaleOutTables.render(s, this::find, metrics);
        extra.render(s, metrics);
        return s.toString();
    }

    /** The HTTP section: each REST figure beside the bare Jetty handler and the in-process rate of one run. */
    private void http(StringBuilder s) {
        s.append("\n### GP REST API over HTTP (loopback, JDK HTTP client), operations/s\n\n");
        s.append("| operation | REST API (spread) | bare Jetty handler, same bytes | in-process | REST × bare | REST × in-process "
                + "| target |\n|---|---:|---:|---:|---:|---:|---|\n");
        httpRow(s, "status read `GET jobs/<id>?f=json`", "statusRead", "REST ≥ 0.5× bare");
        httpRow(s, "submit → succeeded, " + HttpBench.BATCH + " jobs, " + HttpStack.IN_FLIGHT + " in flight",
                "submitToSucceeded", "REST ≥ 0.5× in-process");
    }

    private void httpRow(StringBuilder s, String label, String bench, String target) {
        ForkScore rest = forkScore("HttpBench." + bench + ":rest");
        ForkScore bare = forkScore("HttpBench." + bench + ":bare");
        ForkScore in = forkScore("HttpBench." + bench + ":inprocess");
        s.append("| ").append(label).append(" | ").append(ForkScore.figure(rest)).append(" | ").append(ForkScore.figure(bare))
                .append(" | ").append(ForkScore.figure(in)).append(" | ").append(ForkScore.ratio(rest, bare)).append(" | ")
                .append(ForkScore.ratio(rest, in)).append(" | ").append(target).append(" |\n");
    }

    private void throughputRow(StringBuilder s, String label, String key, String exec, String jobrunr, String target) {
        ForkScore v = forkScore("ThroughputBench.noOpJobs:" + key);
        s.append("| ").append(label).append(" | ").append(v == null ? NONE : num(v.median())).append(" | ")
                .append(v == null ? "–" : v.spreadText()).append(" | ").append(reliableRatio(key, exec))
                .append(" | ").append(reliableRatio(key, jobrunr)).append(" | ").append(target).append(" |\n");
    }

    /** The ratio of two throughput rows, or "unreliable" when either one's spread is above the limit. */
    private String reliableRatio(String key, String baseKey) {
        return ForkScore.ratio(forkScore("ThroughputBench.noOpJobs:" + key), forkScore("ThroughputBench.noOpJobs:" + baseKey));
    }

    private ForkScore forkScore(String key) {
        JsonNode m = find(key);
        return m == null ? null : ForkScore.of(m);
    }

    private void latencyRow(StringBuilder s, String label, String key, Double execP50, Double jrP50, String target) {
        String k = "LatencyBench.submitToExecuting:" + key;
        Double p50 = pct(k, "50.0");
        s.append("| ").append(label).append(" | ").append(num(p50)).append(" | ").append(num(pct(k, "99.0")))
                .append(" | ").append(ratio(p50, execP50)).append(" | ").append(ratio(p50, jrP50))
                .append(" | ").append(target).append(" |\n");
    }

    private void statusRow(StringBuilder s, String label, String key, String target) {
        s.append("| ").append(label).append(" | ").append(num(pct(key, "50.0"))).append(" | ")
                .append(num(pct(key, "99.0"))).append(" | ").append(target).append(" |\n");
    }

    /** The result of {@code key}, or of the first result whose key is {@code key} plus parameters. */
    private JsonNode find(String key) {
        JsonNode m = results.get(key);
        if (m != null) {
            return m;
        }
        return results.entrySet().stream().filter(e -> e.getKey().startsWith(key + ":")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private Double score(String key) {
        JsonNode m = find(key);
        return m == null ? null : ForkScore.of(m).median();
    }

    private Double pct(String key, String percentile) {
        JsonNode m = find(key);
        return m == null || !m.path("scorePercentiles").has(percentile) ? null
                : m.path("scorePercentiles").path(percentile).asDouble();
    }

    private String ms(String key) {
        JsonNode m = find(key);
        if (m == null) {
            return NONE;
        }
        double v = m.path("score").asDouble();
        return switch (m.path("scoreUnit").asText()) {
            case "s/op" -> num(v * 1e3);
            case "ms/op" -> num(v);
            case "us/op" -> num(v / 1e3);
            default -> num(v) + " " + m.path("scoreUnit").asText();
        };
    }

    private String sec(String key) {
        JsonNode m = find(key);
        if (m == null) {
            return NONE;
        }
        return "s/op".equals(m.path("scoreUnit").asText()) ? num(m.path("score").asDouble())
                : num(m.path("score").asDouble()) + " " + m.path("scoreUnit").asText();
    }

    /** {@code v / base}: "26.3×" when at least 1, "1/640" (read: 640 times less) when below. */
    static String ratio(Double v, Double base) {
        if (v == null || base == null || base == 0 || v == 0) {
            return "–";
        }
        double r = v / base;
        return r >= 1 ? num(r) + "×" : "1/" + num(1 / r);
    }

    private static String mib(Double bytes) {
        return bytes == null ? NONE : num(bytes / (1024 * 1024));
    }

    private static String seconds(Double s) {
        return s == null ? NONE : num(s);
    }

    static String num(Double v) {
        if (v == null) {
            return NONE;
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
