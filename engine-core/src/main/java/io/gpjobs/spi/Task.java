package io.gpjobs.spi;

/**
 * A geoprocessing task: what a plugin author implements. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.gpjobs.spi.Task} file and {@code provides io.gpjobs.spi.Task with …} in
 * {@code module-info}) or added to a service explicitly by the host.
 *
 * <p>An implementation has a public no-arg constructor, is stateless or thread-safe (one instance runs many jobs
 * at once), and reads and writes everything through its {@link TaskContext}.
 */
public interface Task {

    /** The task's name, parameters and descriptions. Called once when the task is registered; must not change. */
    TaskDefinition definition();

    /**
     * Runs one job. Inputs are already validated against {@link #definition()} and defaults applied.
     * Outputs set with {@link TaskContext#setOutput} are stored before the job is reported succeeded.
     *
     * <p>A task should check {@link TaskContext#cancellation()} between units of work; at the service's time
     * limit the engine interrupts the thread and, if the task still runs, abandons it.
     *
     * @throws Exception any failure; the job becomes {@code esriJobFailed} with the exception's message as an
     *                   error message
     */
    void execute(TaskContext context) throws Exception;
}
