package io.gpjobs.samples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.ExecuteResult;
import io.gpjobs.GPEngine;
import io.gpjobs.GPJson;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.ParameterValue;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands of the {@code gpjobs} command line, each on the invocation's {@link CliEngine}: results (JSON) go to
 * standard output, progress and notes to standard error.
 *
 * <p>Not thread-safe: one invocation, one thread.
 */
final class Commands {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TICK = Duration.ofMillis(150);
    /** Every how many ticks a followed job's claim is checked (about 3 s). */
    private static final int LEASE_CHECK_TICKS = 20;

    private final CliEngine cli;
    private final String service;
    private final CliArguments args;
    private final PrintStream out;
    private final PrintStream err;
    private final Path baseDir;

    /**
     * Commands on {@code cli} for the parsed {@code args}.
     *
     * @param baseDir the folder relative {@code @file} inputs are read from
     */
    Commands(CliEngine cli, CliArguments args, PrintStream out, PrintStream err, Path baseDir) {
        this.cli = cli;
        this.service = cli.service().name();
        this.args = args;
        this.out = out;
        this.err = err;
        this.baseDir = baseDir;
    }

    /**
     * Runs the command.
     *
     * @return the exit status
     * @throws UsageException         on a bad command line; the caller maps it to exit status 2
     * @throws io.gpjobs.GPException as the engine throws it; the caller maps it to an exit status
     */
    int run() {
        List<String> ops = args.operands();
        return switch (args.command()) {
            case "tasks" -> tasks();
            case "describe" -> print(engine().taskJson(service, ops.get(0)));
            case "run" -> runTask(ops.get(0), inputs(ops.subList(1, ops.size())));
            case "submit" -> submit(ops.get(0), inputs(ops.subList(1, ops.size())));
            case "demo" -> new Demo(cli, this).run(inputs(ops), baseDir.resolve(args.png() == null ? Path.of(Demo.MAP_PNG) : args.png()));
            case "job" -> print(GPJson.job(engine().anonymous().job(ops.get(0)), true));
            case "follow" -> followAndPrint(ops.get(0), renderer());
            case "results" -> print(GPJson.parameters(engine().anonymous().results(ops.get(0))));
            case "inputs" -> print(GPJson.parameters(engine().anonymous().inputs(ops.get(0))));
            case "cancel" -> print(GPJson.jobStatus(engine().anonymous().cancel(ops.get(0))));
            case "delete" -> print(GPJson.jobStatus(engine().anonymous().delete(ops.get(0))));
            case "jobs" -> jobs();
            case "cleanup" -> cleanup();
            case "map" -> MapCommand.run(this, engine(), ops.get(0), args.png() == null ? null
                    : baseDir.resolve(args.png()));
            default -> throw new UsageException("unknown command '" + args.command() + "'");
        };
    }

    private GPEngine engine() {
        return cli.engine();
    }

    private Map<String, String> inputs(List<String> operands) {
        return InputArguments.parse(operands, baseDir);
    }

    private int tasks() {
        GPService s = cli.service();
        for (String name : s.taskNames()) {
            Task t = s.task(name).orElseThrow();
            TaskDefinition d = t.definition();
            out.printf("%-24s %s%n", name, d.displayName() + (d.description().isEmpty() ? "" : ": " + d.description()));
        }
        return GpJobsCli.OK;
    }

    private int runTask(String task, Map<String, String> inputs) {
        requireTask(task);
        if (cli.service().executionType() == GPService.ExecutionType.SYNCHRONOUS) {
            return print(GPJson.execute(engine().anonymous().execute(service, task, inputs)));
        }
        // An asynchronous service has no execute operation: run the task as a job and answer like execute.
        JobInfo job = await(engine().anonymous().submitJob(service, task, inputs).jobId(), null);
        if (job.status() != JobStatus.SUCCEEDED) {
            List<String> details = new ArrayList<>();
            job.messages().stream().filter(m -> m.type() == MessageType.ERROR).map(JobMessage::description)
                    .forEach(details::add);
            if (details.isEmpty()) {
                details.add("job '" + job.jobId() + "' ended " + job.status().wireName());
            }
            err.println("gpjobs: task '" + task + "' did not succeed (job " + job.jobId() + " "
                    + ProgressRenderer.statusWord(job.status()) + "): " + String.join("; ", details));
            return GpJobsCli.JOB_FAILED;
        }
        List<ParameterValue> results = engine().anonymous().results(job.jobId());
        return print(GPJson.execute(new ExecuteResult(job.jobId(), results, job.messages())));
    }

    private int submit(String task, Map<String, String> inputs) {
        requireTask(task);
        JobInfo submitted = engine().anonymous().submitJob(service, task, inputs);
        out.println(GPJson.toJson(GPJson.jobStatus(submitted)));
        out.flush();
        if (args.follow()) {
            return followAndPrint(submitted.jobId(), renderer());
        }
        JobInfo done = await(submitted.jobId(), null);
        print(GPJson.job(done, true));
        return exitStatus(done);
    }

    /** Follows a job with the renderer (if any), then prints its job JSON and, when it succeeded, its results. */
    int followAndPrint(String jobId, ProgressRenderer renderer) {
        JobInfo done = await(jobId, renderer);
        print(GPJson.job(done, true));
        if (done.status() == JobStatus.SUCCEEDED) {
            print(GPJson.parameters(engine().anonymous().results(jobId)));
        }
        return exitStatus(done);
    }

    /**
     * Waits for the job to end, showing its progress with {@code renderer} when not null. There is no deadline of
     * its own: the service's time limit ends the job (Ctrl-C stops waiting). When the job executes in another
     * process that was killed (its claim ran out), the engine is restarted, which marks the job Failed.
     */
    JobInfo await(String jobId, ProgressRenderer renderer) {
        for (long tick = 1; ; tick++) {
            if (tick % LEASE_CHECK_TICKS == 0 && cli.runnerGone(jobId)) {
                err.println();
                err.println("gpjobs: the process executing job " + jobId + " stopped without ending it; "
                        + "recovering the job");
                cli.restart();
            }
            JobInfo j = engine().anonymous().awaitCompletion(jobId, TICK);
            if (j.isTerminal()) {
                if (renderer != null) {
                    renderer.finish(j);
                }
                return j;
            }
            if (renderer != null) {
                renderer.update(j);
            }
        }
    }

    /** The renderer the {@code --progress} option asks for, or null for none. */
    ProgressRenderer renderer() {
        boolean terminal = System.console() != null;
        int width = columns();
        return switch (args.progress()) {
            case NONE -> null;
            case BAR -> new ProgressRenderer(err, true, width);
            case PLAIN -> new ProgressRenderer(err, false, width);
            case AUTO -> new ProgressRenderer(err, terminal, width);
        };
    }

    private static int columns() {
        try {
            String c = System.getenv("COLUMNS");
            return c == null ? 100 : Integer.parseInt(c.trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private int jobs() {
        int offset = 0;
        int count = 0;
        while (true) {
            List<JobInfo> page = engine().jobs(JobQuery.all().withPage(offset, 500));
            for (JobInfo j : page) {
                out.printf("%s  %-18s %-24s %s%n", j.jobId(), j.status().wireName(), j.taskName(), j.submitted());
            }
            count += page.size();
            if (page.size() < 500) {
                break;
            }
            offset += page.size();
        }
        if (count == 0) {
            err.println("gpjobs: no jobs in " + cli.jobsDir());
        }
        return GpJobsCli.OK;
    }

    private int cleanup() {
        int removed = engine().runJanitor();
        err.println("gpjobs: removed " + removed + " job(s) older than " + cli.service().maxFileAge().toMinutes()
                + " minutes");
        return GpJobsCli.OK;
    }

    /** @throws UsageException naming the task and the known ones when the service has no such task */
    void requireTask(String task) {
        if (cli.service().task(task).isEmpty()) {
            throw new UsageException("unknown task '" + task + "'; the tasks are " + cli.service().taskNames());
        }
    }

    /** The exit status for a job that ended. */
    static int exitStatus(JobInfo job) {
        return job.status() == JobStatus.SUCCEEDED ? GpJobsCli.OK : GpJobsCli.JOB_FAILED;
    }

    /** Prints a JSON tree, indented, to standard output; returns {@link GpJobsCli#OK}. */
    int print(JsonNode node) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
        out.flush();
        return GpJobsCli.OK;
    }

    /** Standard error. */
    PrintStream err() {
        return err;
    }

    /** The service name. */
    String service() {
        return service;
    }
}
