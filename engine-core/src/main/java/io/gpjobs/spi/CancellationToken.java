package io.gpjobs.spi;

/**
 * Tells a running task that its job was cancelled (or hit its time limit). Cooperative: the task checks it between
 * units of work, or registers a callback. Consume-only: tasks cannot cancel through it, and only the engine
 * creates it.
 *
 * <p>Thread-safe.
 */
public interface CancellationToken {

    /** Whether cancellation was requested. Cheap: a volatile read. */
    boolean isCancellationRequested();

    /**
     * Throws when cancellation was requested, so a task can stop with one line.
     *
     * @throws TaskCancelledException when cancellation was requested
     */
    void throwIfCancellationRequested();

    /**
     * Runs {@code action} once when cancellation is requested, or at once if it already was. The action runs on
     * the engine's thread and must be quick; exceptions it throws are logged and ignored.
     */
    void onCancel(Runnable action);
}
