package io.gpjobs.samples.cli;

import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code gpjobs} command line: lists and describes the sample tasks, runs them synchronously or as jobs with a
 * live progress bar, and shows, cancels and deletes jobs, all on a jobs directory on disk that every invocation
 * shares. Run {@code java -jar gpjobs.jar --help} for the usage.
 *
 * <p>Exit status: 0 when the command did what was asked (a job it waited for succeeded); 1 when a job failed, timed
 * out or was cancelled; 2 when the command line is wrong (unknown command or task, malformed or invalid input) or
 * cannot be done as asked (no such job, a job in the wrong state, a jobs directory that is a file or cannot be
 * written), with a message on standard error that names the argument and the value; 3 when gpjobs itself failed.
 *
 * <p>Not instantiable; {@link #run} may be called from several threads with distinct streams.
 */
public final class GpJobsCli {

    /** Exit status of success. */
    public static final int OK = 0;
    /** Exit status when a job failed, timed out or was cancelled. */
    public static final int JOB_FAILED = 1;
    /**
     * Exit status of a wrong command line, invalid input, or a command that cannot be done as asked (no such job, a
     * job in the wrong state, an unusable jobs directory).
     */
    public static final int USAGE = 2;
    /** Exit status when gpjobs itself failed (a storage error, a bug); the log file has the details. */
    public static final int ERROR = 3;

    /** The environment variable that sets the default jobs directory. */
    public static final String JOBS_DIR_ENV = "GPJOBS_JOBS_DIR";

    private GpJobsCli() {
    }

    /**
     * Runs the command line and exits the JVM with its status. Ctrl-C stops the engine: a job it was executing
     * ends Failed (written by the engine as it stops, or else by the next engine on the jobs directory once the
     * job's claim has run out); queued ones stay queued for the next engine.
     *
     * @param args the command line, see {@code --help}
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, true));
    }

    /**
     * Runs the command line, writing results to {@code out} and progress and errors to {@code err}.
     *
     * @param args               the command line
     * @param installShutdownHook whether to stop the engine cleanly when the JVM is stopped (Ctrl-C)
     * @return the exit status: {@link #OK}, {@link #JOB_FAILED}, {@link #USAGE} or {@link #ERROR}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean installShutdownHook) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        if (args.length > 0 && args[0].equals(ServeCommand.NAME)) {
            return ServeCommand.run(java.util.List.of(args).subList(1, args.length), out, err, installShutdownHook);
        }
        CliArguments a;
        try {
            a = CliArguments.parse(args);
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        }
        if (a.command().equals("help")) {
            out.print(usage());
            out.flush();
            return OK;
        }
        GPService service;
        try {
            service = CliEngine.loadService(a.serviceFile(), a.olderThan());
            if (TaskCommands.handles(a.command())) { // they need no jobs directory and no engine
                return new TaskCommands(service, a, out).run();
            }
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        }
        CliEngine engine;
        try {
            Path jobsDir = JobsDirectory.prepare(CliEngine.jobsDirOf(service,
                    a.jobsDir() != null ? a.jobsDir() : defaultJobsDir()));
            CliLogging.install(jobsDir, a.verbose(), err);
            if (a.detach()) { // the job runs in a background process: this one needs no engine
                return Detach.submit(service, jobsDir, a, out, err, Path.of("").toAbsolutePath());
            }
            engine = CliEngine.start(service, jobsDir);
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        } catch (RefusedException e) {
            return refused(err, e.getMessage());
        } catch (RuntimeException e) {
            return internalError(err, "cannot start on the jobs directory", e);
        }
        Thread hook = new Thread(engine::close, "gpjobs-shutdown");
        if (installShutdownHook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            return new Commands(engine, a, out, err, Path.of("").toAbsolutePath()).run();
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        } catch (RefusedException e) {
            return refused(err, e.getMessage());
        } catch (InvalidInputException e) {
            return refused(err, describe(e));
        } catch (JobNotFoundException e) {
            return refused(err, "no job " + jobIdIn(e) + " in " + engine.jobsDir() + " (never submitted there, "
                    + "or deleted or cleaned up since)");
        } catch (GPException e) {
            if (e.code() == 400 || e.code() == 404) {
                return refused(err, describe(e));
            }
            return internalError(err, describe(e), e);
        } catch (RuntimeException e) {
            return internalError(err, e.toString(), e);
        } finally {
            engine.finishAndClose(err);
            if (installShutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping; the hook closes the engine (again, harmlessly)
                }
            }
            out.flush();
            err.flush();
        }
    }

    /**
     * The default jobs directory: {@code $GPJOBS_JOBS_DIR} when set, else {@code .gpjobs/jobs} in the user's home
     * folder.
     */
    static Path defaultJobsDir() {
        String env = System.getenv(JOBS_DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".gpjobs", "jobs");
    }

    private static String describe(GPException e) {
        String msg = e.envelopeMessage();
        if (e.details().isEmpty()) {
            return msg;
        }
        return (msg.endsWith(".") ? msg.substring(0, msg.length() - 1) : msg) + ": " + String.join("; ", e.details());
    }

    /** Reports a wrong command line, with a pointer to the help. */
    private static int usageError(PrintStream err, String message) {
        err.println("gpjobs: " + message);
        err.println("Run 'gpjobs --help' for the usage.");
        err.flush();
        return USAGE;
    }

    /** Reports a command that cannot be done as asked: rejected input, no such job, a job in the wrong state. */
    private static int refused(PrintStream err, String message) {
        err.println("gpjobs: " + message);
        err.flush();
        return USAGE;
    }

    /** Reports a failure of gpjobs itself (storage, a bug), kept with its stack trace in the log file. */
    private static int internalError(PrintStream err, String message, RuntimeException e) {
        System.getLogger(GpJobsCli.class.getName()).log(System.Logger.Level.ERROR, message, e);
        err.println("gpjobs: " + message + (e.getMessage() == null || message.contains(e.getMessage()) ? ""
                : ": " + e.getMessage()));
        err.println("gpjobs: the details are in " + CliLogging.LOG_FILE + " in the jobs directory; --verbose "
                + "shows them here");
        err.flush();
        return ERROR;
    }

    private static String jobIdIn(JobNotFoundException e) {
        for (String d : e.details()) {
            int i = d.indexOf("'j");
            if (i >= 0 && d.indexOf('\'', i + 1) > i) {
                return d.substring(i + 1, d.indexOf('\'', i + 1));
            }
        }
        return "with that id";
    }

    /** The help text. */
    static String usage() {
        return """
                gpjobs - run geoprocessing jobs from the command line

                Usage: gpjobs [options] <command> [arguments]
                  (the script tasks-sample/gpjobs, or: java -jar tasks-sample/target/gpjobs.jar)

                Commands:
                  tasks                        list the tasks of the service
                  describe <task>              print a task's description JSON (its parameters)
                  run <task> [name=value...] [--out <file|folder>] [--format <f>]
                                               run a task and wait; print the execute response JSON, or
                                               write its outputs to files (see Files below)
                  submit <task> [name=value...] [--follow | --detach]
                                               submit a job: print {"jobId","jobStatus"} at once; the job
                                               runs in this process, which waits for it to end and prints
                                               its job JSON; --follow shows a live progress bar and prints
                                               the results JSON too; --detach runs the job in a background
                                               process and returns at once
                  demo [name=value...]         the sample job: Buffer the bundled Oslo bike-share stations
                                               by 250 m, with a progress bar; print the job JSON and a
                                               summary of its results with the folder that holds them
                  job <jobId>                  print a job's JSON (status, progress, messages)
                  follow <jobId>               follow a job another gpjobs process runs, with the bar
                  results <jobId> [<output>] [--out <file|folder>] [--format <f>]
                                               print a job's results JSON, or write its outputs to files
                  inputs <jobId>               print a job's stored inputs JSON
                  cancel <jobId>               cancel a job
                  delete <jobId>               delete a job and its files
                  jobs                         list the jobs with their status
                  cleanup [--older-than <age>] remove the finished jobs last updated longer ago than <age>
                                               (90s, 30m, 12h, 7d, PT36H; default: the service's maxFileAge)
                  map <jobId> [--png <file>]   print a succeeded job's result map JSON (a layer per geodata
                                               output); with --png also draw the map into a PNG file
                  serve [--host <a>] [--port <n>] [--jobs-dir <path>]
                                               serve the tools over the GP REST API (service Samples,
                                               asynchronous, and SamplesSync) at http://127.0.0.1:8080/arcgis
                                               until stopped; must be the first argument

                Inputs are name=value, the value as the REST API takes it: a literal (Steps=20,
                Dissolve_Option=ALL) or JSON text (Distance='{"distance":500,"units":"esriMeters"}');
                name=@file reads the value from a file. Feature inputs come from a GeoJSON or Esri JSON
                file (Input_Features=@stations.geojson; the format is told by the content); a data file
                or raster input is a plain path (Input_File=data/sensors.csv). Relative paths are read
                from the working folder.

                Files: --out <folder> (an existing folder, a name ending in /, or one without an
                extension) writes every feature, table and raster output as <output>.<ext> and prints
                a summary with the scalar outputs; --out <file> writes one output (the only file output,
                or the one named after the job id). --format geojson|esrijson|csv: GeoJSON (RFC 7946,
                longitude/latitude) is the default for features, CSV for tables; rasters are written as
                their files. Without --out, --format prints the one output on standard output.

                Options:
                  --jobs-dir <path>    the jobs directory (default: $GPJOBS_JOBS_DIR, else ~/.gpjobs/jobs)
                  --service <file>     an admin service JSON ({"serviceName":...,"properties":{...}}) to use
                                       instead of the built-in asynchronous service "samples"
                  --progress <mode>    auto (a redrawn bar when stderr is a terminal, plain lines
                                       otherwise), bar, plain or none
                  --png <file>         the PNG file the map command writes (demo: default gpjobs-demo-map.png)
                  -v, --verbose        also show diagnostics on stderr (always kept in gpjobs.log in the
                                       jobs directory)
                  -h, --help           this help

                A job runs inside the gpjobs process that submitted it (or, with --detach, a background
                gpjobs process); other gpjobs processes on the same jobs directory can show, follow,
                cancel or delete it meanwhile. If that process stops (Ctrl-C, kill), its job is marked
                failed by the next gpjobs process on the directory once the job's claim (10 s) has run
                out ('follow' waits for that); a job that was still queued runs in that next process.
                tasks, describe and --help need no jobs directory.

                Exit status: 0 done; 1 the job failed, timed out or was cancelled; 2 bad command line or
                input, no such job, a job in the wrong state, or an unusable jobs directory; 3 gpjobs
                itself failed (the details are in gpjobs.log).
                """;
    }
}
