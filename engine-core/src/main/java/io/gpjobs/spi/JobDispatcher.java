package io.gpjobs.spi;

/**
 * Hands accepted jobs to worker slots: the seam between "a job was accepted and stored" and "a worker slot runs
 * it". The engine calls {@link #dispatch} once a job is stored Submitted or Waiting (by a submit, or when it takes
 * over a queued job of an engine that stopped); the dispatcher decides where and when the job runs and asks an
 * engine to run it with {@link DispatchContext#run}, on that engine's free slots.
 *
 * <p>In-process dispatch (the default, and what the memory and disk stores use) runs every job on the engine that
 * accepted it, in submission order. A store that spans nodes may supply a dispatcher of its own through
 * {@link JobStore#dispatcher()}: one that puts a message on a shared queue at {@code dispatch} and, on each node,
 * receives at most {@link DispatchContext#freeSlots} messages, runs them with {@link DispatchContext#run} and learns
 * from the returned stage when each run ended (to delete its message, or to leave it for another node).
 *
 * <p>Lifecycle: {@link #start} once, then {@code dispatch} any number of times from any thread, then
 * {@link #close}. When the engine starts closing, {@link DispatchContext#run} refuses new runs
 * ({@link IllegalStateException}: stop receiving); the engine stops its tasks, every pending run's stage completes
 * (with {@link DispatchContext.RunEnd#STOPPED} for runs that did not end), and only then calls {@code close}, so
 * that heartbeats stop last. Implementations are thread-safe; a store creates them without I/O, {@code start} may
 * do I/O. {@code close} is idempotent and never deletes the message of an unfinished job: it stays queued in the
 * store for another engine.
 */
public interface JobDispatcher extends AutoCloseable {

    /**
     * Starts dispatching for one engine; called once, before any {@link #dispatch}.
     *
     * @param context the engine's side of the seam, not null
     * @throws JobStoreException when the dispatcher's storage cannot be reached
     */
    void start(DispatchContext context);

    /**
     * Dispatches a job that is stored Submitted or Waiting. Called on the submitting thread, and by an engine's
     * recovery when it takes over a queued job whose lease expired (the engine renews the leases of the jobs in its
     * own ready queue only, so a job waiting in a dispatcher's queue longer than a lease is handed here again: a
     * dispatcher with a durable queue may treat that as a re-queue). It should return quickly and never runs the
     * task itself.
     *
     * @param job the stored record, not null
     * @throws JobStoreException when the job could not be handed on (the submit fails and the job is removed)
     */
    void dispatch(JobRecord job);

    /** Stops dispatching (idempotent). Jobs accepted and not run stay queued in the store. */
    @Override
    void close();
}
