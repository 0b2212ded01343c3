package io.gpjobs.internal;

import io.gpjobs.spi.DispatchContext.RunEnd;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One worker slot of a service: a platform thread named {@code gpjobs-<service>-N} that takes queued jobs and runs
 * them one at a time. When a job outlives its time limit and grace period, the engine abandons the worker (its
 * thread exits when the task finally returns) and starts a replacement.
 */
final class Worker implements Runnable {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    private final ServiceRuntime runtime;
    private final JobRunner runner;
    final Thread thread;
    final AtomicBoolean abandoned = new AtomicBoolean();
    /** Whether this worker currently counts in {@link ServiceRuntime#busy}. */
    final AtomicBoolean counted = new AtomicBoolean();

    Worker(ServiceRuntime runtime, JobRunner runner) {
        this.runtime = runtime;
        this.runner = runner;
        this.thread = new Thread(this, "gpjobs-" + runtime.service().name() + "-" + runtime.threadNumber.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        runtime.workers.add(this);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!runner.isClosed() && !abandoned.get()) {
                ServiceRuntime.QueueEntry e;
                try {
                    e = runtime.queue.take();
                } catch (InterruptedException ie) {
                    // Close interrupts to stop; an interrupt meant for a task that already returned is ignored.
                    continue;
                }
                runtime.releasePermit(e.jobId());
                runtime.busy.incrementAndGet();
                counted.set(true);
                RunEnd end;
                try {
                    end = runner.run(runtime, e, this);
                } catch (RuntimeException | Error t) {
                    end = RunEnd.NOT_CLAIMED;
                    LOG.log(System.Logger.Level.ERROR, "worker failed on job " + e.jobId(), t);
                } finally {
                    uncount(); // before the end is told: whoever hears it finds the slot free
                    Thread.interrupted();
                }
                if (end != null) {
                    e.end(end);
                }
            }
        } finally {
            runtime.workers.remove(this);
        }
    }

    /** Stops counting this worker as busy (once). */
    void uncount() {
        if (counted.compareAndSet(true, false)) {
            runtime.busy.decrementAndGet();
        }
    }
}
