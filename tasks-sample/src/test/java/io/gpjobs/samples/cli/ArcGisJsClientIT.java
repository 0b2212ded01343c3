package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPEngine;
import io.gpjobs.ParameterValue;
import io.gpjobs.rest.GPRestServer;
import io.gpjobs.samples.FeatureJson;
import io.gpjobs.rest.spi.InvalidTokenException;
import io.gpjobs.rest.spi.TokenVerifier;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPRecordSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Esri's own JavaScript client ({@code @arcgis/core} 5.1.25 in Node, {@code src/test/js/gp-client.mjs}) against what
 * {@code gpjobs serve} serves (the sample tasks over the disk store, on 127.0.0.1, a free port): submitJob, waitForJobCompletion and fetchResultData
 * for every output of Buffer, CountPointsInPolygons and PointDensity; execute on a synchronous service; cancelJob on
 * a running LongRunningTask; and a token-protected {@link GPRestServer} over the same engine (499 without a token, 498 with a bad one). What the client
 * read is compared with what the engine holds. Needs Node.js 20+ and {@code bash .ci/arcgis-js.sh install}; fails
 * (never skips) without them.
 */
class ArcGisJsClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "a-valid-token-9f2c";
    private static final Set<String> SDK_STATUSES = Set.of("job-new", "job-submitted", "job-waiting",
            "job-executing", "job-succeeded", "job-failed", "job-timed-out", "job-cancelling", "job-cancelled",
            "job-deleting", "job-deleted");
    private static final double[][] OSLO = {{10.7522, 59.9139}, {10.7461, 59.9111}, {10.7580, 59.9170},
            {10.7390, 59.9200}, {10.7650, 59.9080}, {10.7700, 59.9230}};

    private static Path jobsDir;
    private static ServeCommand.Served served;
    private static GPEngine engine;
    private static GPRestServer secured;
    private static JsonNode report;

    @BeforeAll
    static void runTheClient() throws Exception {
        Path modules = Path.of(System.getProperty("gpjobs.arcgisjs.modules", "../.ci/arcgis-js/node_modules"));
        if (!Files.isRegularFile(modules.resolve("@arcgis/core/package.json"))) {
            throw new AssertionError("@arcgis/core is not installed in " + modules.toAbsolutePath()
                    + ": run `bash .ci/arcgis-js.sh install` from the repository root");
        }
        Path script = Path.of(System.getProperty("gpjobs.client.script", "src/test/js/gp-client.mjs"));
        jobsDir = Files.createTempDirectory("gpjobs-js-client");
        served = ServeCommand.start(new ServeCommand.Options("127.0.0.1", 0, jobsDir.resolve("jobs")));
        engine = served.engine();
        secured = GPRestServer.builder().engine(engine).host("127.0.0.1").port(0).contextPath("/arcgis")
                .tokenVerifier(new TokenVerifier() {
                    @Override
                    public String verify(String token) {
                        if (!token.equals(TOKEN)) {
                            throw new InvalidTokenException("Invalid token.");
                        }
                        return "alice";
                    }
                }).build().start();

        String points = FeatureJson.points(4326, OSLO);
        String zones = FeatureJson.squares(4326, new double[] {10.73, 59.905, 0.03}, new double[] {10.76, 59.915, 0.02});
        String distance = FeatureJson.distance(250, "esriMeters");
        ObjectNode config = JSON.createObjectNode();
        config.put("modules", modules.toAbsolutePath().toString());
        ArrayNode async = config.putArray("async");
        async.addObject().put("url", task(served.uri(), "Samples", "Buffer"))
                .putObject("params").<ObjectNode>set("Input_Features", JSON.readTree(points))
                .set("Distance", JSON.readTree(distance));
        async.addObject().put("url", task(served.uri(), "Samples", "CountPointsInPolygons"))
                .putObject("params").<ObjectNode>set("Input_Points", JSON.readTree(points))
                .set("Input_Polygons", JSON.readTree(zones));
        async.addObject().put("url", task(served.uri(), "Samples", "PointDensity"))
                .putObject("params").set("Input_Points", JSON.readTree(FeatureJson.points(3857, webMercator(OSLO))));
        config.putObject("execute").put("url", task(served.uri(), "SamplesSync", "Buffer"))
                .putObject("params").<ObjectNode>set("Input_Features", JSON.readTree(points))
                .set("Distance", JSON.readTree(distance));
        config.putObject("cancel").put("url", task(served.uri(), "Samples", "LongRunningTask"))
                .putObject("params").put("Steps", 100_000).put("Step_Delay_Ms", 10);
        ObjectNode sec = config.putObject("secured").put("url", task(secured.uri(), "Samples", "Buffer"))
                .put("token", TOKEN).put("badToken", "not-" + TOKEN);
        sec.putObject("params").<ObjectNode>set("Input_Features", JSON.readTree(points))
                .set("Distance", JSON.readTree(distance));

        report = runNode(script, JSON.writeValueAsString(config));
    }

    @AfterAll
    static void stop() throws IOException {
        if (secured != null) {
            secured.close();
        }
        if (served != null) {
            served.close();
        }
        if (jobsDir != null) {
            try (var files = Files.walk(jobsDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The points in Web Mercator (wkid 3857): PointDensity wants projected coordinates. */
    private static double[][] webMercator(double[][] lonLat) {
        double r = 6378137;
        double[][] xy = new double[lonLat.length][];
        for (int i = 0; i < lonLat.length; i++) {
            double lon = Math.toRadians(lonLat[i][0]);
            double lat = Math.toRadians(lonLat[i][1]);
            xy[i] = new double[] {r * lon, r * Math.log(Math.tan(Math.PI / 4 + lat / 2))};
        }
        return xy;
    }

    private static String task(java.net.URI base, String service, String task) {
        return base + "/rest/services/" + service + "/GPServer/" + task;
    }

    private static JsonNode runNode(Path script, String config) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", script.toAbsolutePath().toString());
        pb.environment().put("GP_CLIENT_CONFIG", config);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("could not run `node` (Node.js 20+ is needed for this test)", e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the client did not finish within 5 minutes: " + err.join());
        }
        String stdout = out.join();
        assertThat(p.exitValue()).as("node exit code; stderr: %s", err.join()).isZero();
        String[] lines = stdout.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void everyRequestStayedOnLoopback() {
        assertThat(report.get("offHost")).as("requests to other hosts").isEmpty();
        assertThat(report.get("requests").size()).isGreaterThan(10);
    }

    @Test
    void submitWaitAndFetchEveryOutputOfThreeSampleTasks() {
        List<String> tasks = List.of("Buffer", "CountPointsInPolygons", "PointDensity");
        assertThat(report.get("async")).hasSize(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode step = report.get("async").get(i);
            assertThat(step.get("ok").asBoolean()).as("%s: %s", tasks.get(i), step).isTrue();
            JsonNode job = step.get("value");
            String jobId = job.get("jobId").asText();
            assertThat(job.get("finalStatus").asText()).isEqualTo("job-succeeded");
            job.get("statuses").forEach(s -> assertThat(SDK_STATUSES).contains(s.asText()));
            assertThat(engine.anonymous().job(jobId).status()).isEqualTo(JobStatus.SUCCEEDED);
            TaskDefinition def = engine.service("Samples").task(tasks.get(i)).orElseThrow().definition();
            List<String> outputs = def.outputs().stream().map(ParameterDefinition::name).toList();
            assertThat(job.get("outputs").properties().stream().map(e -> e.getKey()).toList())
                    .containsExactlyElementsOf(outputs);
            for (ParameterDefinition out : def.outputs()) {
                JsonNode read = job.get("outputs").get(out.name());
                assertThat(read.get("paramName").asText()).isEqualTo(out.name());
                assertThat(read.get("dataType").asText()).isEqualTo(sdkDataType(out.dataType().wireName()));
                assertSameValue(read.get("value"), engine.anonymous().result(jobId, out.name()));
            }
        }
        assertThat(report.get("requests").toString()).contains("/results/Output_Features?returnType=data&f=json");
    }

    /** The SDK's name of a wire data type: {@code GPFeatureRecordSetLayer} becomes {@code feature-record-set-layer}. */
    static String sdkDataType(String wire) {
        String name = wire.startsWith("GP") ? wire.substring(2) : wire;
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** What the SDK decoded equals what the engine stored: feature counts and first attributes, or the scalar. */
    private static void assertSameValue(JsonNode read, ParameterValue stored) {
        if (stored.value() instanceof GPFeatureRecordSetLayer fs) {
            assertThat(read.get("kind").asText()).isEqualTo("FeatureSet");
            assertThat(read.get("features").asInt()).isEqualTo(fs.features().size());
            assertThat(read.get("wkid").asInt()).isEqualTo(fs.spatialReference().wkid());
            assertThat(read.get("firstGeometryType").asText()).isNotEqualTo("null");
        } else if (stored.value() instanceof GPRecordSet rs) {
            assertThat(read.get("kind").asText()).isEqualTo("FeatureSet");
            assertThat(read.get("features").asInt()).isEqualTo(rs.rows().size());
        } else {
            JsonNode wire = io.gpjobs.GPJson.parameter(stored).get("value");
            if (wire.isNumber()) {
                assertThat(read.get("value").asDouble()).as(stored.paramName()).isEqualTo(wire.asDouble());
            } else if (wire.isTextual() || wire.isBoolean()) {
                assertThat(read.get("value").asText()).as(stored.paramName()).isEqualTo(wire.asText());
            } else {
                assertThat(read.toString()).as(stored.paramName() + " decoded by the SDK").isNotEqualTo("null");
            }
        }
    }

    @Test
    void executeOnTheSynchronousService() {
        JsonNode execute = report.get("execute");
        assertThat(execute.get("ok").asBoolean()).as("%s", execute).isTrue();
        JsonNode results = execute.get("value").get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("paramName").asText()).isEqualTo("Output_Features");
        assertThat(results.get(0).get("value").get("features").asInt()).isEqualTo(OSLO.length);
        assertThat(results.get(0).get("value").get("geometryType").asText()).isEqualTo("polygon");
    }

    @Test
    void cancelJobStopsARunningJob() {
        JsonNode cancel = report.get("cancel");
        assertThat(cancel.get("ok").asBoolean()).as("%s", cancel).isTrue();
        JsonNode v = cancel.get("value");
        assertThat(v.get("cancelStatus").asText()).isEqualTo("job-cancelled");
        assertThat(v.get("seen").toString()).contains("job-executing");
        assertThat(engine.anonymous().job(v.get("jobId").asText()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aSecuredServiceWantsAToken() {
        JsonNode s = report.get("secured");
        assertThat(s.get("withoutToken").get("ok").asBoolean()).isFalse();
        assertThat(s.get("withoutToken").get("error").toString()).contains("499");
        assertThat(s.get("badToken").get("ok").asBoolean()).isFalse();
        assertThat(s.get("badToken").get("error").toString()).contains("498");
        JsonNode ok = s.get("withToken");
        assertThat(ok.get("ok").asBoolean()).as("%s", ok).isTrue();
        String jobId = ok.get("value").get("jobId").asText();
        assertThat(ok.get("value").get("finalStatus").asText()).isEqualTo("job-succeeded");
        assertThat(engine.as("alice").job(jobId).owner()).isEqualTo("alice");
        List<String> withToken = new ArrayList<>();
        report.get("requests").forEach(r -> {
            if (r.get("url").asText().contains("token=")) {
                withToken.add(r.get("url").asText());
            }
        });
        assertThat(withToken).isNotEmpty().allMatch(u -> u.contains("token=***"));
    }
}
