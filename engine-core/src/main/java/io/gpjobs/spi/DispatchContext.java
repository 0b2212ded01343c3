package io.gpjobs.spi;

import io.gpjobs.EngineScheduler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The engine's side of the dispatch seam, given to a {@link JobDispatcher} when it starts: which services it
 * dispatches for, how many worker slots are free, and {@link #run} to run a job on one of them. Implemented by the
 * engine only; dispatchers use it, they never implement it.
 *
 * <p>Thread-safe.
 */
public interface DispatchContext {

    /** How a {@link #run} ended, as seen by the node that was asked to run the job. */
    enum RunEnd {
        /**
         * The job was not queued any more when a slot took it: it ended, was cancelled or deleted, or another node
         * claimed it first. Read its record to tell which.
         */
        NOT_CLAIMED,
        /** It ran here and its end (results first, then the terminal status) is recorded in the store. */
        RECORDED,
        /**
         * It ran here, but the store refused its end: the engine keeps the outcome and retries the writes (the
         * record still shows the job executing, with this node's lease renewed).
         */
        PENDING,
        /** The engine closed before or while running it; the job is left for the next engine (queued or Failed). */
        STOPPED
    }

    /** The node id of the engine (recorded as the owner of the jobs it runs). */
    String nodeId();

    /** The engine's clock (time stamps, deadlines, leases). */
    Clock clock();

    /** The engine's scheduler: a dispatcher's polls and heartbeats go through it, so tests can drive them. */
    EngineScheduler scheduler();

    /** The names of the services this dispatcher dispatches for, sorted. */
    List<String> serviceNames();

    /**
     * The store of a service.
     *
     * @throws IllegalArgumentException when the dispatcher does not dispatch for {@code serviceName}
     */
    JobStore store(String serviceName);

    /**
     * How many more jobs of a service this engine can start now: its worker slots ({@code maxInstances}) minus
     * those busy and those already handed to {@link #run} and not started. Never negative.
     *
     * @throws IllegalArgumentException when the dispatcher does not dispatch for {@code serviceName}
     */
    int freeSlots(String serviceName);

    /**
     * Runs a job on a worker slot of this engine. The slot claims the job (a compare-and-set from Submitted or
     * Waiting to Executing, leased to this node; while the store refuses the claim, the engine retries it with a
     * backoff), runs its task, renews its lease while it runs and records its end. Returns at once; the job waits
     * for a slot when none is free.
     *
     * @param serviceName the job's service
     * @param jobId       the job
     * @param attempt     the delivery number, 1 for a first run (a queue dispatcher passes its message's dequeue
     *                    count); the engine logs runs after the first, the record does not carry it
     * @return a stage completed, on the slot's thread, when the run ended; never completed exceptionally
     * @throws IllegalArgumentException when the dispatcher does not dispatch for {@code serviceName}, or
     *                                  {@code attempt} is below 1
     * @throws IllegalStateException    when the engine is closed
     */
    CompletionStage<RunEnd> run(String serviceName, String jobId, int attempt);
}
