package io.gpjobs.samples.cli;

import io.gpjobs.GPService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code submit --detach}: the job runs in a background gpjobs process and the command returns its id at once. The
 * background process is started with the same class path, working folder and jobs directory (in a session of its
 * own where {@code setsid} exists, so closing the terminal does not stop it); it submits the job as a plain
 * {@code submit} would, prints the {@code {"jobId","jobStatus"}} line, closes its standard output and error, and
 * runs the job to its end. When it refuses the command (bad input) it exits before that line, and its message and
 * exit status become this command's.
 *
 * <p>Not instantiable.
 */
final class Detach {
    /** Set to {@code 1} in the environment of the background process. */
    static final String CHILD_ENV = "GPJOBS_DETACHED_CHILD";
    /** How long the background process may take to accept or refuse the job. */
    private static final long HANDSHAKE_SECONDS = 120;

    private Detach() {
    }

    /** Whether this process is the background process of a detached submit. */
    static boolean isChild() {
        return "1".equals(System.getenv(CHILD_ENV));
    }

    /**
     * Starts the background process for the submit command of {@code args} and relays its answer.
     *
     * @return the exit status: {@link GpJobsCli#OK} once the job was accepted, else the background process's
     */
    static int submit(GPService service, Path jobsDir, CliArguments args, PrintStream out, PrintStream err,
                      Path baseDir) {
        TaskCommands.task(service, args.operands().get(0)); // an unknown task needs no second process
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), GpJobsCli.class.getName(), "--jobs-dir", jobsDir.toString(),
                "--progress", "none"));
        if (args.serviceFile() != null) {
            cmd.addAll(List.of("--service", baseDir.resolve(args.serviceFile()).toString()));
        }
        if (args.verbose()) {
            cmd.add("--verbose");
        }
        cmd.addAll(List.of("--", "submit"));
        cmd.addAll(args.operands());
        Path errFile;
        Process child;
        try {
            errFile = Files.createTempFile("gpjobs-detach-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(baseDir.toFile()).redirectError(errFile.toFile());
            pb.environment().put(CHILD_ENV, "1");
            child = pb.start();
            child.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the background gpjobs process", e);
        }
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(reader))
                    .get(HANDSHAKE_SECONDS, TimeUnit.SECONDS);
            if (line != null && line.startsWith("{")) {
                String id = line.replaceFirst(".*\"jobId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                out.println(line);
                out.flush();
                err.println("gpjobs: job " + id + " runs in the background, in process " + child.pid() + "; "
                        + "'gpjobs follow " + id + "' shows its progress, 'gpjobs cancel " + id + "' stops it");
                err.flush();
                return GpJobsCli.OK;
            }
            if (!child.waitFor(HANDSHAKE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException("the background gpjobs process neither took nor refused the job");
            }
            err.print(Files.readString(errFile, StandardCharsets.UTF_8));
            err.flush();
            return child.exitValue();
        } catch (TimeoutException e) {
            child.destroyForcibly();
            throw new IllegalStateException("the background gpjobs process did not answer in " + HANDSHAKE_SECONDS
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the background gpjobs process", e);
        } catch (ExecutionException | IOException e) {
            throw new IllegalStateException("cannot read the background gpjobs process's answer: " + e, e);
        } finally {
            try {
                Files.deleteIfExists(errFile);
            } catch (IOException e) {
                errFile.toFile().deleteOnExit();
            }
        }
    }

    /**
     * In the background process, once the job was submitted and its line printed: closes standard output and error
     * (the waiting {@link #submit} returns) and sends what the commands would still print nowhere; the job's state
     * stays readable with {@code gpjobs job}, diagnostics go to the log file.
     */
    static void handOver(Commands commands, String jobId) {
        commands.redirect(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        System.out.flush();
        System.out.close();
        System.err.close();
        System.getLogger(Detach.class.getName()).log(System.Logger.Level.INFO, "running job " + jobId
                + " detached, in process " + ProcessHandle.current().pid());
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
