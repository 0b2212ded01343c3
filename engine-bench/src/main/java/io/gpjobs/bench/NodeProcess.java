package io.gpjobs.bench;

import io.gpjobs.spi.JobStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker node of the scale-out site running as its own JVM ({@link ScaleOutNode#main}), started with this JVM's
 * class path; a reader thread turns the lines it prints into {@link ScaleOutNode.Events}. Its standard error goes
 * to {@code <node>.log} in the folder given. Not thread-safe apart from the events it forwards.
 */
final class NodeProcess implements AutoCloseable {

    private final String node;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Thread reader;

    /**
     * Starts the node {@code node} with {@code slots} worker slots on the store of {@code site}.
     *
     * @throws UncheckedIOException when the JVM cannot be started
     */
    NodeProcess(String node, int slots, ScaleOutSite site, Path logs, ScaleOutNode.Events events) {
        this.node = node;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Dsite.node=" + node, "-Dsite.workers=" + slots, "-Dsite.cs=" + site.connectionString(),
                "-Dsite.container=" + site.container(), "-Dsite.table=" + site.table(), "-Dsite.queue=" + site.queue(),
                ScaleOutNode.class.getName()));
        try {
            process = new ProcessBuilder(cmd).redirectError(logs.resolve(node + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker node " + node, e);
        }
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = new Thread(() -> read(events), "scaleout-" + node);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(ScaleOutNode.Events events) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("STARTED ")) {
                    events.started(line.substring(8));
                } else if (line.startsWith("ENDED ")) {
                    String[] p = line.split(" ");
                    events.ended(p[1], JobStatus.fromWireName(p[2]));
                } else if (line.startsWith("READY ") || line.startsWith("REQUESTS ")) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits until the node started its engine. */
    void awaitReady() throws InterruptedException {
        answer("READY ");
    }

    /** The storage requests the node made so far, by storage service. */
    Map<String, Long> requests() throws InterruptedException {
        try {
            commands.write("COUNT\n");
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("worker node " + node + " is gone (exit " + exit() + ")", e);
        }
        return RequestTally.parse(answer("REQUESTS ").substring(9));
    }

    private String answer(String prefix) throws InterruptedException {
        String line = answers.poll(JobSystem.WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException("worker node " + node + " did not answer '" + prefix.trim() + "' within "
                    + JobSystem.WAIT_SECONDS + " s (got " + line + ", alive " + process.isAlive() + ")");
        }
        return line;
    }

    private String exit() {
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    /** Stops the node: closes its standard input (it closes its engine) and waits for it, killing it if it hangs. */
    @Override
    public void close() {
        try {
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(JobSystem.WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
