package io.gpjobs.samples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPEngine;
import io.gpjobs.GPJson;
import io.gpjobs.ParameterValue;
import io.gpjobs.value.GPDataType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a succeeded job's outputs in the format asked ({@code --format}) to standard output, a file or a folder
 * ({@code --out}). Feature sets as GeoJSON ({@link GeoJsonWriter}), Esri JSON or CSV (points as x/y columns),
 * record sets as CSV, Esri JSON or GeoJSON without geometry, rasters and data files the job wrote as their files
 * (an ESRI ASCII grid with its {@code .prj}). In a folder every such output becomes {@code <name>.<ext>}; scalar
 * outputs are listed with their values in the summary printed on standard output.
 *
 * <p>Not thread-safe: one invocation, one thread.
 */
final class OutputFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final GPEngine engine;
    private final PrintStream out;
    private final PrintStream err;

    OutputFiles(GPEngine engine, PrintStream out, PrintStream err) {
        this.engine = engine;
        this.out = out;
        this.err = err;
    }

    /**
     * Writes the outputs of job {@code jobId} as {@code options} say: with {@code --out} a folder (it exists, ends
     * with a separator or has no extension) gets every file output, a file gets one output; without {@code --out}
     * one output goes to standard output.
     *
     * @param results the job's results
     * @param param   the output to write, or null for the only file output
     * @return {@link GpJobsCli#OK}
     * @throws UsageException   when the output, format or target cannot be told
     * @throws RefusedException when an output cannot be written in the format asked
     */
    int write(String jobId, String status, List<ParameterValue> results, String param, OutputOptions options,
              Path baseDir) {
        Path target = options.out() == null ? null : baseDir.resolve(options.out()).toAbsolutePath().normalize();
        if (target != null && isFolder(options.out(), target)) {
            ObjectNode summary = summary(jobId, status);
            ArrayNode outputs = summary.putArray("outputs");
            for (ParameterValue v : results) {
                if (param != null && !v.paramName().equals(param)) {
                    continue;
                }
                ObjectNode o = outputs.addObject().put("paramName", v.paramName()).put("dataType",
                        v.dataType().wireName());
                if (isFileOutput(v)) {
                    String format = options.format() != null ? options.format() : defaultFormat(v);
                    Path file = target.resolve(v.paramName() + extension(v, format));
                    writeOne(jobId, v, format, file, o, options.format() == null);
                } else {
                    o.set("value", GPJson.parameter(v).path("value"));
                }
            }
            return print(summary);
        }
        ParameterValue v = choose(results, param);
        String format = options.format() != null ? options.format() : target == null ? null : formatOf(target);
        if (format == null) {
            if (!isFeatureOrTable(v)) {
                format = "file";
            } else {
                throw new UsageException("option '--out': cannot tell the format of '" + options.out()
                        + "' from its extension; add --format geojson, esrijson or csv");
            }
        }
        if (target == null) {
            if (!isFeatureOrTable(v)) {
                throw new UsageException("output '" + v.paramName() + "' is a " + v.dataType().wireName()
                        + " file; write it with --out <file>");
            }
            out.println(render(v, format));
            out.flush();
            return GpJobsCli.OK;
        }
        ObjectNode summary = summary(jobId, status);
        ObjectNode o = summary.putArray("outputs").addObject().put("paramName", v.paramName())
                .put("dataType", v.dataType().wireName());
        writeOne(jobId, v, format, target, o, false);
        return print(summary);
    }

    private void writeOne(String jobId, ParameterValue v, String format, Path file, ObjectNode o, boolean fallback) {
        if (!isFeatureOrTable(v)) {
            String url = GPJson.parameter(v).path("value").path("url").asText("");
            copy(jobId, url, file, o);
            return;
        }
        String text;
        try {
            text = render(v, format);
        } catch (RefusedException e) {
            if (!fallback) {
                throw e;
            }
            err.println("gpjobs: " + e.getMessage() + "; writing Esri JSON instead");
            format = "esrijson";
            file = file.resolveSibling(v.paramName() + ".json");
            text = render(v, format);
        }
        writeText(file, text);
        o.put("format", format).put("file", file.toString())
                .put("featureCount", GPJson.parameter(v).path("value").path("features").size());
        err.println("gpjobs: wrote " + v.paramName() + " (" + o.path("featureCount").asInt() + " features, "
                + format + ") to " + file);
    }

    private String render(ParameterValue v, String format) {
        JsonNode value = GPJson.parameter(v).path("value");
        String what = "output '" + v.paramName() + "'";
        return switch (format) {
            case "geojson" -> pretty(GeoJsonWriter.featureCollection(value, what));
            case "csv" -> Csv.of(value, what);
            default -> pretty(value);
        };
    }

    private void copy(String jobId, String url, Path file, ObjectNode o) {
        if (url.isEmpty() || url.contains(":") || url.startsWith("/")) {
            o.put("url", url); // not a file of the job: nothing to copy
            return;
        }
        copyFile(jobId, url, file);
        o.put("file", file.toString());
        String prj = url.replaceFirst("\\.[^./]+$", ".prj");
        if (!prj.equals(url) && copyFile(jobId, prj, file.resolveSibling(file.getFileName().toString()
                .replaceFirst("\\.[^.]+$", "") + ".prj"))) {
            o.put("projectionFile", true);
        }
        err.println("gpjobs: wrote " + o.path("paramName").asText() + " (" + url + ") to " + file);
    }

    private boolean copyFile(String jobId, String relative, Path file) {
        Optional<InputStream> in = engine.anonymous().openFile(jobId, relative);
        if (in.isEmpty()) {
            return false;
        }
        try (InputStream s = in.get()) {
            createParent(file);
            Files.copy(s, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            createParent(file);
            Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RefusedException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createParent(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
    }

    private static ParameterValue choose(List<ParameterValue> results, String param) {
        if (param != null) {
            return results.stream().filter(v -> v.paramName().equals(param)).findFirst()
                    .orElseThrow(() -> new UsageException("the job has no output '" + param + "'; its outputs are "
                            + results.stream().map(ParameterValue::paramName).toList()));
        }
        List<ParameterValue> files = results.stream().filter(OutputFiles::isFileOutput).toList();
        if (files.size() != 1) {
            throw new UsageException("the job has " + files.size() + " outputs to write as files "
                    + files.stream().map(ParameterValue::paramName).toList() + "; name one (gpjobs results <jobId> "
                    + "<output>) or give --out a folder");
        }
        return files.get(0);
    }

    private static boolean isFolder(Path given, Path target) {
        String s = given.toString();
        return Files.isDirectory(target) || s.endsWith("/") || s.endsWith(java.io.File.separator)
                || !target.getFileName().toString().contains(".");
    }

    private static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".geojson")) {
            return "geojson";
        }
        if (name.endsWith(".json")) {
            return "esrijson";
        }
        return name.endsWith(".csv") ? "csv" : null;
    }

    private static boolean isFeatureOrTable(ParameterValue v) {
        return v.dataType().base() == GPDataType.Base.GPFeatureRecordSetLayer
                || v.dataType().base() == GPDataType.Base.GPRecordSet;
    }

    private static boolean isFileOutput(ParameterValue v) {
        return isFeatureOrTable(v) || ((v.dataType().base() == GPDataType.Base.GPRasterDataLayer
                || v.dataType().base() == GPDataType.Base.GPDataFile)
                && GPJson.parameter(v).path("value").hasNonNull("url"));
    }

    private static String defaultFormat(ParameterValue v) {
        return v.dataType().base() == GPDataType.Base.GPRecordSet ? "csv" : "geojson";
    }

    private static String extension(ParameterValue v, String format) {
        if (!isFeatureOrTable(v)) {
            String url = GPJson.parameter(v).path("value").path("url").asText("");
            int dot = url.lastIndexOf('.');
            return dot > url.lastIndexOf('/') && dot >= 0 ? url.substring(dot) : "";
        }
        return switch (format) {
            case "geojson" -> ".geojson";
            case "csv" -> ".csv";
            default -> ".json";
        };
    }

    private static ObjectNode summary(String jobId, String status) {
        return MAPPER.createObjectNode().put("jobId", jobId).put("jobStatus", status);
    }

    private int print(ObjectNode summary) {
        out.println(pretty(summary));
        out.flush();
        return GpJobsCli.OK;
    }

    private static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
