package io.gpjobs.bench;

import io.gpjobs.GPService;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import java.util.List;
import java.util.function.Consumer;

/** The benchmark service and its two parameterless tasks. */
final class BenchTasks {

    /** The service every gpjobs benchmark uses. */
    static final String SERVICE = "bench";
    /** A task that does nothing. */
    static final String NO_OP = "NoOp";
    /** A task that counts down {@link Signals#started}. */
    static final String SIGNAL = "Signal";

    private BenchTasks() {
    }

    /**
     * The benchmark service: {@code workers} worker slots and a queue deep enough for any batch.
     *
     * @param workers the service's maxInstances
     */
    static GPService service(int workers) {
        return service(workers, context -> Signals.signalStart());
    }

    /**
     * The benchmark service whose signalling task runs {@code signal} (a node in another process tells the
     * benchmark through its own channel).
     *
     * @param workers the service's maxInstances
     */
    static GPService service(int workers, Consumer<TaskContext> signal) {
        return GPService.builder(SERVICE)
                .maxInstances(workers)
                .maxQueueSize(1_000_000)
                .task(task(NO_OP, context -> Signals.noOp()))
                .task(task(SIGNAL, signal))
                .build();
    }

    private static Task task(String name, Consumer<TaskContext> body) {
        TaskDefinition def = new TaskDefinition(name, name, "benchmark task", "bench", null, List.of());
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return def;
            }

            @Override
            public void execute(TaskContext context) {
                body.accept(context);
            }
        };
    }
}
