package io.gpjobs.samples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.GPJson;
import io.gpjobs.GPService;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import java.io.PrintStream;
import java.util.Set;

/**
 * The commands that only read the service's task definitions, {@code tasks} and {@code describe}: they need no
 * jobs directory and start no engine, so they work anywhere and answer quickly.
 *
 * <p>Not thread-safe: one invocation, one thread.
 */
final class TaskCommands {
    private static final Set<String> COMMANDS = Set.of("tasks", "describe");

    private final GPService service;
    private final CliArguments args;
    private final PrintStream out;

    TaskCommands(GPService service, CliArguments args, PrintStream out) {
        this.service = service;
        this.args = args;
        this.out = out;
    }

    /** Whether {@code command} is one of these. */
    static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    /**
     * Runs the command.
     *
     * @return {@link GpJobsCli#OK}
     * @throws UsageException naming the task and the known ones when the service has no such task
     */
    int run() {
        if (args.command().equals("tasks")) {
            for (String name : service.taskNames()) {
                TaskDefinition d = service.task(name).orElseThrow().definition();
                out.printf("%-24s %s%n", name, d.displayName()
                        + (d.description().isEmpty() ? "" : ": " + d.description()));
            }
        } else {
            Task task = task(service, args.operands().get(0));
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(GPJson.task(task.definition(), service.executionType())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not write JSON", e);
            }
        }
        out.flush();
        return GpJobsCli.OK;
    }

    /** @throws UsageException naming the task and the known ones when the service has no such task */
    static Task task(GPService service, String name) {
        return service.task(name).orElseThrow(() -> new UsageException("unknown task '" + name + "'; the tasks are "
                + service.taskNames()));
    }
}
