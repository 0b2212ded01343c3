package io.gpjobs.store.disk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class of the test classpath, whose standard output lines the test reads with a
 * bound. Closing it kills the process (forcibly) if it still runs.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Thread reader;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    all.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process died; the stream ends
            }
            lines.add("<eof>");
        }, "child-jvm-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args} in a new JVM with this JVM's classpath; stderr goes to stdout. */
    static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Waits (bounded) for a line starting with {@code prefix} and returns it. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "; output:\n"
                        + output());
            }
            if (line.equals("<eof>")) {
                throw new AssertionError("child ended before a line starting with '" + prefix + "'; output:\n"
                        + output());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits (bounded) for the {@code n}th line that starts with {@code prefix} and contains {@code part}. */
    String awaitNth(String prefix, String part, int n, Duration timeout) throws InterruptedException {
        String line = null;
        for (int seen = 0; seen < n; ) {
            line = awaitLine(prefix, timeout);
            if (line.contains(part)) {
                seen++;
            }
        }
        return line;
    }

    /** Writes one line to the child's standard input. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** The process id. */
    long pid() {
        return process.pid();
    }

    /** Waits (bounded) until everything the ended process printed has been read. */
    void awaitOutputEnd() throws InterruptedException {
        reader.join(30_000);
        if (reader.isAlive()) {
            throw new AssertionError("the child's output did not end");
        }
    }

    /** Waits (bounded) for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child did not end within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills the process as {@code kill -9} would and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child survived destroyForcibly");
        }
    }

    /** Everything the child printed so far. */
    String output() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
