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

    /**
     * A task made of a definition and a body, for small tasks a host adds to a service itself (a task found by
     * {@code ServiceLoader} needs a class of its own):
     *
     * <pre>{@code
     * Task echo = Task.of(definition, context -> {
     *     String text = context.input("text", GPString.class).value();
     *     context.setOutput("result", new GPString(text));
     * });
     * }</pre>
     *
     * @param definition the task's definition; not null
     * @param body       what a job of it runs, as {@link #execute}; not null; thread-safe, as it runs many jobs at
     *                   once
     * @return the task; its {@code toString} names it
     * @throws NullPointerException when an argument is null
     */
    static Task of(TaskDefinition definition, Body body) {
        java.util.Objects.requireNonNull(definition, "definition");
        java.util.Objects.requireNonNull(body, "body");
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return definition;
            }

            @Override
            public void execute(TaskContext context) throws Exception {
                body.execute(context);
            }

            @Override
            public String toString() {
                return "Task[" + definition.name() + "]";
            }
        };
    }

    /** The body of a task made with {@link Task#of}: runs one job, as {@link Task#execute} does. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs one job.
         *
         * @throws Exception any failure; the job becomes {@code esriJobFailed}
         */
        void execute(TaskContext context) throws Exception;
    }
}
