package io.gpjobs.internal;

import io.gpjobs.spi.DispatchContext;
import io.gpjobs.spi.JobDispatcher;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.value.GPValue;
import java.util.Map;
import java.util.Objects;

/**
 * In-process dispatch: every job runs on the engine that accepted it, handed to its service's ready queue at once
 * (the queue is bounded by maxQueueSize at submit). Used for stores that supply no dispatcher of their own.
 * Thread-safe.
 */
final class InProcessDispatcher implements JobDispatcher {
    private volatile DispatchContext context;

    @Override
    public void start(DispatchContext c) {
        this.context = Objects.requireNonNull(c, "context");
    }

    @Override
    public void dispatch(JobRecord job) {
        dispatch(job, null);
    }

    /**
     * Dispatches a job its submit on this engine just created, with the inputs the submit validated, so that its
     * worker needs no read of them.
     *
     * @param inputs the job's validated inputs, or null (its worker reads them)
     */
    void dispatch(JobRecord job, Map<String, GPValue> inputs) {
        DispatchContext c = context;
        if (c == null) {
            throw new IllegalStateException("dispatcher not started");
        }
        if (c instanceof EngineDispatchContext engine) {
            engine.runHere(job.serviceName(), job.jobId(), inputs); // nobody awaits the run's end: no stage to make
        } else {
            c.run(job.serviceName(), job.jobId(), 1);
        }
    }

    @Override
    public void close() {
        // Nothing of its own: the ready queues and worker slots are the engine's.
    }
}
