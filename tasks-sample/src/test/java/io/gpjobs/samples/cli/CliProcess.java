package io.gpjobs.samples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code gpjobs} command line as a child JVM on the test class path, as a user would run it: in a working
 * folder, on a jobs directory, with an environment of its own.
 */
final class CliProcess {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long TIMEOUT_SECONDS = 90;

    private final Path workDir;
    private final Path jobsDir;
    private final Map<String, String> env = new HashMap<>();

    CliProcess(Path workDir, Path jobsDir) {
        this.workDir = workDir;
        this.jobsDir = jobsDir;
    }

    /** Sets an environment variable of the processes started from now on. */
    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The outcome of one child process. */
    record Run(int exit, String out, String err) {
        /** The JSON documents printed on standard output, in order. */
        List<JsonNode> json() throws IOException {
            List<JsonNode> docs = new ArrayList<>();
            try (JsonParser p = MAPPER.createParser(out)) {
                // one document after the other (readValues would unwrap a top-level array)
                while (p.nextToken() != null) {
                    docs.add(p.readValueAsTree());
                }
            }
            return docs;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The command line of the CLI with {@code args}, on the jobs directory unless {@code args} name another. */
    List<String> commandLine(String... args) {
        String cp = System.getProperty("java.class.path");
        String mp = System.getProperty("jdk.module.path");
        if (mp != null && !mp.isBlank()) {
            cp = cp.isBlank() ? mp : cp + File.pathSeparator + mp;
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", cp, GpJobsCli.class.getName()));
        if (!List.of(args).contains("--jobs-dir")) {
            cmd.addAll(List.of("--jobs-dir", jobsDir.toString()));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A process builder for the CLI with {@code args}, in the working folder with the environment. */
    ProcessBuilder builder(String... args) {
        ProcessBuilder pb = new ProcessBuilder(commandLine(args)).directory(workDir.toFile());
        pb.environment().remove(GpJobsCli.JOBS_DIR_ENV);
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs the CLI to its end (bounded) and collects its output. */
    Run run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        try {
            Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("gpjobs " + String.join(" ", args) + " did not end in " + TIMEOUT_SECONDS
                        + " s; stderr: " + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
