package io.gpjobs.samples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.ExecuteResult;
import io.gpjobs.GPEngine;
import io.gpjobs.GPException;
import io.gpjobs.GPJson;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.ParameterValue;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.value.GPDataType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
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
    private PrintStream out;
    private PrintStream err;
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
            case "run" -> runTask(ops.get(0), inputs(ops.get(0), ops.subList(1, ops.size())));
            case "submit" -> submit(ops.get(0), inputs(ops.get(0), ops.subList(1, ops.size())));
            case "demo" -> new Demo(cli, this).run(inputs(null, ops), baseDir.resolve(args.png() == null
                    ? Path.of(Demo.MAP_PNG) : args.png()));
            case "job" -> print(GPJson.job(engine().anonymous().job(jobId(ops.get(0))), true));
            case "follow" -> followAndPrint(jobId(ops.get(0)), renderer());
            case "results" -> results(jobId(ops.get(0)), ops.size() > 1 ? ops.get(1) : null);
            case "inputs" -> print(GPJson.parameters(engine().anonymous().inputs(jobId(ops.get(0)))));
            case "cancel" -> cancel(jobId(ops.get(0)));
            case "delete" -> print(GPJson.jobStatus(engine().anonymous().delete(jobId(ops.get(0)))));
            case "jobs" -> jobs();
            case "cleanup" -> cleanup();
            case "map" -> MapCommand.run(this, engine(), jobId(ops.get(0)), args.png() == null ? null
                    : baseDir.resolve(args.png()));
            default -> throw new UsageException("unknown command '" + args.command() + "'");
        };
    }

    /** @throws UsageException naming the argument when it is not a job id */
    static String jobId(String operand) {
        if (!operand.matches("j[0-9a-f]{32}")) {
            throw new UsageException("'" + operand + "' is not a job id: a job id is 'j' and 32 lowercase hex "
                    + "digits, as 'gpjobs submit' and 'gpjobs jobs' print it");
        }
        return operand;
    }

    private GPEngine engine() {
        return cli.engine();
    }

    /** The inputs of {@code operands}, files converted by the parameter types of {@code task} (when not null). */
    private Map<String, String> inputs(String task, List<String> operands) {
        Map<String, GPDataType> types = new HashMap<>();
        String definitionOf = task != null ? task : Demo.TASK;
        cli.service().task(definitionOf).ifPresent(t -> t.definition().parameters()
                .forEach(p -> types.put(p.name(), p.dataType())));
        return InputArguments.parse(operands, baseDir, types);
    }

    private int runTask(String task, Map<String, String> inputs) {
        requireTask(task);
        if (cli.service().executionType() == GPService.ExecutionType.SYNCHRONOUS) {
            ExecuteResult r;
            try {
                r = engine().anonymous().execute(service, task, inputs);
            } catch (GPException e) {
                if (e.code() != 500) {
                    throw e;
                }
                err.println("gpjobs: task '" + task + "' did not succeed: " + String.join("; ", e.details()));
                return GpJobsCli.JOB_FAILED; // the task failed, timed out or was cancelled
            }
            return args.outputs().any() ? new OutputFiles(engine(), out, err).write(r.jobId(),
                    JobStatus.SUCCEEDED.wireName(), r.results(), null, args.outputs(), baseDir)
                    : print(GPJson.execute(r));
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
        if (args.outputs().any()) {
            return new OutputFiles(engine(), out, err).write(job.jobId(), job.status().wireName(), results, null,
                    args.outputs(), baseDir);
        }
        return print(GPJson.execute(new ExecuteResult(job.jobId(), results, job.messages())));
    }

    /** The results command: the GP JSON of every result, or the outputs written as {@code --format/--out} say. */
    private int results(String jobId, String param) {
        JobInfo job = engine().anonymous().job(jobId);
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new RefusedException("job " + jobId + " has no results: it " + (job.isTerminal() ? "ended "
                    : "is ") + ProgressRenderer.statusWord(job.status()) + (job.isTerminal() ? ""
                    : "; results come when it succeeds ('gpjobs follow " + jobId + "' waits for that)"));
        }
        List<ParameterValue> results = engine().anonymous().results(jobId);
        if (args.outputs().any() || param != null) {
            return new OutputFiles(engine(), out, err).write(jobId, job.status().wireName(), results, param,
                    args.outputs(), baseDir);
        }
        return print(GPJson.parameters(results));
    }

    /** The cancel command; a job that already ended is refused plainly, not as an input error. */
    private int cancel(String jobId) {
        try {
            return print(GPJson.jobStatus(engine().anonymous().cancel(jobId)));
        } catch (InvalidInputException e) {
            JobInfo job = engine().anonymous().job(jobId);
            if (!job.isTerminal()) {
                throw e;
            }
            throw new RefusedException("job " + jobId + " already ended " + ProgressRenderer.statusWord(job.status())
                    + "; there is nothing to cancel", e);
        }
    }

    private int submit(String task, Map<String, String> inputs) {
        requireTask(task);
        JobInfo submitted = engine().anonymous().submitJob(service, task, inputs);
        out.println(GPJson.toJson(GPJson.jobStatus(submitted)));
        out.flush();
        if (Detach.isChild()) {
            Detach.handOver(this, submitted.jobId());
        }
        if (args.follow()) {
            return followAndPrint(submitted.jobId(), renderer());
        }
        if (!Detach.isChild()) {
            err.println("gpjobs: job " + submitted.jobId() + " runs in this process: gpjobs returns when it ends "
                    + "and then prints its JSON; stopping gpjobs (Ctrl-C) stops the job. To get the prompt back "
                    + "at once, submit with --detach; to watch it, with --follow.");
            err.flush();
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
        return ProgressRenderer.forMode(args.progress(), err);
    }

    private int jobs() {
        long count;
        try (Stream<JobInfo> all = engine().allJobs(JobQuery.all().withPage(0, 500))) { // read page by page
            count = all.peek(j -> out.printf("%s  %-18s %-24s %s%n", j.jobId(), j.status().wireName(), j.taskName(),
                    j.submitted())).count();
        }
        if (count == 0) {
            err.println("gpjobs: no jobs in " + cli.jobsDir());
        }
        return GpJobsCli.OK;
    }

    private int cleanup() {
        int removed = engine().runJanitor();
        err.println("gpjobs: removed " + removed + " finished job(s) last updated more than "
                + DurationArgument.describe(cli.service().maxFileAge()) + " ago" + (args.olderThan() == null
                ? " (the service's maxFileAge; --older-than <duration> chooses another age)" : ""));
        out.println(GPJson.toJson(MAPPER.createObjectNode().put("removed", removed)
                .put("olderThanSeconds", cli.service().maxFileAge().toSeconds())));
        out.flush();
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

    /** From now on writes what it would print to {@code to} instead (a detached job's log). */
    void redirect(PrintStream to) {
        this.out = to;
        this.err = to;
    }

    /** The engine of this invocation. */
    CliEngine cli() {
        return cli;
    }

    /** The service name. */
    String service() {
        return service;
    }
}
