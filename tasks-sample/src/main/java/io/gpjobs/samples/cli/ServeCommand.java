package io.gpjobs.samples.cli;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.rest.GPRestServer;
import io.gpjobs.samples.CsvToPointsTask;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.Task;
import io.gpjobs.store.disk.DiskJobStoreConfig;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code serve} command: serves the sample tasks over the GP REST API, on the jobs directory on disk, until the
 * process is stopped. Two services: {@value #ASYNC} (asynchronous, with result maps and uploads) and {@value #SYNC}
 * (synchronous). The CSV tool reads only uploaded files there (a client cannot make it read the server's files).
 * Stateless; each {@link #start} gives its own running server.
 */
final class ServeCommand {

    /** The command's name. */
    static final String NAME = "serve";
    /** The asynchronous service. */
    static final String ASYNC = "Samples";
    /** The synchronous service. */
    static final String SYNC = "SamplesSync";

    private ServeCommand() {
    }

    /**
     * The command line of {@code serve}: {@code [--host <address>] [--port <n>] [--jobs-dir <path>]}.
     *
     * @param host    the address to listen on (default 127.0.0.1: this machine only)
     * @param port    the port (default 8080; 0 picks a free one)
     * @param jobsDir the jobs directory (default as the other commands)
     */
    record Options(String host, int port, Path jobsDir) {

        /** @throws UsageException naming the argument when it is unknown, repeated or lacks a valid value */
        static Options parse(List<String> args) {
            String host = null;
            Integer port = null;
            Path jobsDir = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                int eq = a.indexOf('=');
                String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
                String value = a.startsWith("--") && eq > 0 ? a.substring(eq + 1) : null;
                if (!List.of("--host", "--port", "--jobs-dir").contains(name)) {
                    throw new UsageException("serve: unknown argument '" + a + "'; serve takes --host, --port and "
                            + "--jobs-dir");
                }
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
                        throw new UsageException("option '" + name + "' needs a value");
                    }
                    value = args.get(++i);
                }
                switch (name) {
                    case "--host" -> {
                        once(name, host);
                        host = value;
                    }
                    case "--port" -> {
                        once(name, port);
                        port = port(value);
                    }
                    default -> {
                        once(name, jobsDir);
                        jobsDir = Path.of(value);
                    }
                }
            }
            return new Options(host == null ? "127.0.0.1" : host, port == null ? 8080 : port,
                    jobsDir == null ? GpJobsCli.defaultJobsDir() : jobsDir);
        }

        private static void once(String name, Object current) {
            if (current != null) {
                throw new UsageException("option '" + name + "' is given twice");
            }
        }

        private static int port(String v) {
            try {
                int p = Integer.parseInt(v);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException("option '--port' must be a port number 0..65535, got '" + v + "'");
        }
    }

    /** A running server with its engine and store; {@link #close()} stops all three. */
    static final class Served implements AutoCloseable {
        private final JobStore store;
        private final GPEngine engine;
        private final GPRestServer server;
        private final CountDownLatch closed = new CountDownLatch(1);

        private Served(JobStore store, GPEngine engine, GPRestServer server) {
            this.store = store;
            this.engine = engine;
            this.server = server;
        }

        /** The server's base URI ({@code http://host:port/arcgis}). */
        URI uri() {
            return server.uri();
        }

        /** The engine (for tests). */
        GPEngine engine() {
            return engine;
        }

        /** Waits until {@link #close()} was called. */
        void awaitClosed() throws InterruptedException {
            closed.await();
        }

        /** Stops the server, the engine and the store. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed.getCount() == 0) {
                return;
            }
            try {
                server.close();
            } finally {
                try {
                    engine.close();
                } finally {
                    store.close();
                    closed.countDown();
                }
            }
        }
    }

    /**
     * Starts the services and the server.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    static Served start(Options o) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // result maps draw without a display
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR"); // Jetty logs through SLF4J; none is bound
        }
        Path jobsDir = o.jobsDir().toAbsolutePath().normalize();
        Path uploads = jobsDir.resolveSibling(jobsDir.getFileName() + "-uploads");
        List<Task> tasks = new ArrayList<>();
        for (Task t : ServiceLoader.load(Task.class, ServeCommand.class.getClassLoader())) {
            tasks.add(t instanceof CsvToPointsTask ? new CsvToPointsTask(uploads) : t);
        }
        GPService.Builder async = GPService.builder(ASYNC).description("The gpjobs sample tools, as jobs.")
                .executionType(GPService.ExecutionType.ASYNCHRONOUS).resultMapServer(true)
                .progressMessageUpdateInterval(Duration.ofSeconds(1)).cancellationCheckInterval(Duration.ofSeconds(1));
        GPService.Builder sync = GPService.builder(SYNC).description("The gpjobs sample tools, run synchronously.")
                .executionType(GPService.ExecutionType.SYNCHRONOUS).cancellationCheckInterval(Duration.ofSeconds(1));
        tasks.forEach(async::task);
        tasks.forEach(sync::task);
        JobStore store = DiskJobStoreConfig.builder(jobsDir).build().open();
        GPEngine engine = null;
        try {
            engine = GPEngine.builder().service(async.build()).service(sync.build()).jobStore(store).build();
            GPRestServer server = GPRestServer.builder().engine(engine).host(o.host()).port(o.port())
                    .uploads(uploads).build().start();
            return new Served(store, engine, server);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * Runs the command: serves until the JVM stops (Ctrl-C).
     *
     * @return the exit status: {@link GpJobsCli#USAGE} for a bad command line, {@link GpJobsCli#JOB_FAILED} when the
     *         server cannot start, else {@link GpJobsCli#OK} once stopped
     */
    static int run(List<String> args, PrintStream out, PrintStream err, boolean installShutdownHook) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (UsageException e) {
            err.println("gpjobs: " + e.getMessage());
            err.println("Run 'gpjobs --help' for the usage.");
            return GpJobsCli.USAGE;
        }
        Served s;
        try {
            s = start(o);
        } catch (RuntimeException e) {
            err.println("gpjobs: cannot serve: " + e.getMessage());
            return GpJobsCli.JOB_FAILED;
        }
        String rest = s.uri() + "/rest/services";
        out.println("gpjobs: serving the GP REST API at " + rest);
        out.println("  " + rest + "/" + ASYNC + "/GPServer   (asynchronous: submitJob, jobs, result maps, uploads)");
        out.println("  " + rest + "/" + SYNC + "/GPServer   (synchronous: execute)");
        out.println("  jobs in " + o.jobsDir().toAbsolutePath().normalize() + "; Ctrl-C stops");
        out.flush();
        if (!installShutdownHook) {
            s.close();
            return GpJobsCli.OK;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "gpjobs-serve-shutdown"));
        try {
            s.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.close();
        }
        return GpJobsCli.OK;
    }
}
