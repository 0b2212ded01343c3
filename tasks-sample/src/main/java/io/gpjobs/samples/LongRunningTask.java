package io.gpjobs.samples;

import io.gpjobs.spi.CancellationToken;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskCancelledException;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPDate;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.ParameterFilter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code LongRunningTask}: simulates a long job for demos and tests. It runs {@code Steps} steps that each take
 * {@code Step_Delay_Ms} milliseconds, drives a step progressor over them, and stops as soon as the job is cancelled:
 * a cancellation callback wakes the waiting step, so a cancel takes effect within one step or sooner.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code Steps} (GPLong, optional, default 10, 1–1,000,000): the number of steps;
 *   <li>{@code Step_Delay_Ms} (GPLong, optional, default 500, 0–600,000): how long each step takes;
 *   <li>{@code Steps_Completed} (GPLong, output): the steps done;
 *   <li>{@code Finished_At} (GPDate, output): when the last step ended, by the engine's clock.
 * </ul>
 *
 * <p>Thread-safe (stateless).
 */
public final class LongRunningTask implements Task {

    /** The task name. */
    public static final String NAME = "LongRunningTask";

    private static final TaskDefinition DEFINITION = new TaskDefinition(NAME, "Long Running Task",
            "Simulates a long-running job: a number of steps of a fixed duration, with a step progressor, honouring "
                    + "cancellation between and during steps.",
            "Samples", null,
            List.of(ParameterDefinition.optionalInput("Steps", GPDataType.LONG, new GPLong(10))
                            .withFilter(new ParameterFilter.Range(1.0, 1_000_000.0))
                            .withDisplayName("Steps", "How many steps to run."),
                    ParameterDefinition.optionalInput("Step_Delay_Ms", GPDataType.LONG, new GPLong(500))
                            .withFilter(new ParameterFilter.Range(0.0, 600_000.0))
                            .withDisplayName("Step Delay (ms)", "How long each step takes, in milliseconds."),
                    ParameterDefinition.output("Steps_Completed", GPDataType.LONG)
                            .withDisplayName("Steps Completed", "The number of steps done."),
                    ParameterDefinition.output("Finished_At", GPDataType.DATE)
                            .withDisplayName("Finished At", "When the last step ended.")));

    /** Creates the task; it holds no state. */
    public LongRunningTask() {
    }

    @Override
    public TaskDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void execute(TaskContext context) throws InterruptedException {
        int steps = Math.toIntExact(context.input("Steps", GPLong.class).value());
        long delayMs = context.input("Step_Delay_Ms", GPLong.class).value();
        CancellationToken cancellation = context.cancellation();
        CountDownLatch cancelled = new CountDownLatch(1);
        cancellation.onCancel(cancelled::countDown);

        context.info("Running " + steps + " steps of " + delayMs + " ms.");
        context.progressor().setStep("Simulating " + steps + " steps", 0, steps, 1);
        for (int i = 1; i <= steps; i++) {
            cancellation.throwIfCancellationRequested();
            // The simulated work: wait for the step's duration, or less if the job is cancelled meanwhile.
            if (delayMs > 0 && cancelled.await(delayMs, TimeUnit.MILLISECONDS)) {
                throw new TaskCancelledException("cancelled during step " + i + " of " + steps);
            }
            context.progressor().step();
        }
        cancellation.throwIfCancellationRequested();
        context.setOutput("Steps_Completed", new GPLong(steps));
        context.setOutput("Finished_At", GPDate.of(context.clock().instant()));
        context.info("Completed " + steps + " steps.");
    }
}
