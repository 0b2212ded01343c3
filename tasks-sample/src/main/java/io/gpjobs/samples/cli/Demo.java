package io.gpjobs.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPJson;
import io.gpjobs.JobInfo;
import io.gpjobs.ParameterValue;
import io.gpjobs.samples.SampleData;
import io.gpjobs.spi.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code demo} command, the README's sample job: Buffer the 36 bundled Oslo bike-share stations by 250 m as
 * an asynchronous job on the disk store, with the live progress bar; then print the job JSON and a summary of the
 * results (per output: data type, geometry type, spatial reference, feature count, fields, the first feature's
 * attributes) with the job's folder and files, and draw the job's result map into a PNG ({@value #MAP_PNG} in the
 * working folder, or {@code --png <file>}). Inputs given on the command line replace the defaults.
 *
 * <p>Not thread-safe: one invocation, one thread.
 */
final class Demo {
    /** The task the demo runs. */
    static final String TASK = "Buffer";
    /** The PNG the demo draws the job's result map into, relative to the working folder, unless {@code --png}. */
    static final String MAP_PNG = "gpjobs-demo-map.png";
    /** The default buffer distance, as the REST API takes it. */
    static final String DISTANCE = "{\"distance\":250,\"units\":\"esriMeters\"}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CliEngine cli;
    private final Commands commands;

    Demo(CliEngine cli, Commands commands) {
        this.cli = cli;
        this.commands = commands;
    }

    /**
     * Runs the demo job with {@code overrides} replacing default inputs and, when it succeeds, draws its result map
     * into {@code png}; returns the exit status.
     */
    int run(Map<String, String> overrides, Path png) {
        if (cli.service().task(TASK).isEmpty()) {
            throw new UsageException("the demo runs the '" + TASK + "' task, which this service does not have; "
                    + "the tasks are " + cli.service().taskNames());
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("Input_Features", SampleData.read(SampleData.BIKE_STATIONS));
        inputs.put("Distance", DISTANCE);
        inputs.put("Dissolve_Option", "NONE");
        inputs.putAll(overrides);
        commands.err().println("gpjobs: buffering the bundled Oslo bike-share stations ("
                + SampleData.BIKE_STATIONS + ") by " + inputs.get("Distance") + " in service '"
                + commands.service() + "', jobs directory " + cli.jobsDir());
        JobInfo submitted = cli.engine().anonymous().submitJob(commands.service(), TASK, inputs);
        JobInfo done = commands.await(submitted.jobId(), commands.renderer());
        commands.print(GPJson.job(done, true));
        Path folder = cli.jobFolder(done.jobId());
        ObjectNode summary = MAPPER.createObjectNode();
        summary.put("jobId", done.jobId());
        summary.put("jobStatus", done.status().wireName());
        summary.put("task", TASK);
        if (done.status() == JobStatus.SUCCEEDED) {
            ArrayNode results = summary.putArray("results");
            cli.engine().anonymous().results(done.jobId()).forEach(v -> results.add(summarize(v)));
        }
        summary.put("jobFolder", folder == null ? null : folder.toString());
        if (done.status() == JobStatus.SUCCEEDED && cli.service().resultMapServer()) {
            summary.put("resultMapPng", MapCommand.draw(commands, cli.engine(), done.jobId(), png).toString());
        }
        if (folder != null) {
            ArrayNode files = summary.putArray("files");
            listFiles(folder).forEach(files::add);
        }
        commands.print(summary);
        if (done.status() == JobStatus.SUCCEEDED) {
            commands.err().println("gpjobs: job " + done.jobId() + " succeeded; its outputs are in "
                    + (folder == null ? "the job store" : folder.resolve("results")));
            commands.err().println("gpjobs: its result map JSON: gpjobs map " + done.jobId());
        } else {
            commands.err().println("gpjobs: job " + done.jobId() + " " + ProgressRenderer.statusWord(done.status()));
        }
        return Commands.exitStatus(done);
    }

    /**
     * A short view of one result: its name and data type, and for a feature or record set its geometry type,
     * spatial reference, feature count, field names and first feature's attributes instead of every feature.
     */
    static ObjectNode summarize(ParameterValue v) {
        ObjectNode full = GPJson.parameter(v);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("paramName", v.paramName());
        o.put("dataType", full.path("dataType").asText());
        JsonNode value = full.path("value");
        JsonNode features = value.path("features");
        if (value.isObject() && features.isArray()) {
            copy(value, o, "geometryType");
            copy(value, o, "spatialReference");
            o.put("featureCount", features.size());
            ArrayNode fields = o.putArray("fields");
            for (JsonNode f : value.path("fields")) {
                fields.add(f.path("name").asText());
            }
            if (!features.isEmpty()) {
                o.set("firstFeatureAttributes", features.get(0).path("attributes"));
            }
        } else {
            o.set("value", value);
        }
        return o;
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        }
    }

    /** The files under {@code folder}, as sorted relative paths with {@code /}. */
    static List<String> listFiles(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).map(p -> {
                StringBuilder sb = new StringBuilder();
                for (Iterator<Path> it = folder.relativize(p).iterator(); it.hasNext(); ) {
                    sb.append(it.next()).append(it.hasNext() ? "/" : "");
                }
                return sb.toString();
            }).filter(n -> !n.startsWith(".") && !n.contains("/.")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the job folder " + folder, e);
        }
    }
}
