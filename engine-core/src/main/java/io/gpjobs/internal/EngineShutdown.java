package io.gpjobs.internal;

import io.gpjobs.spi.DispatchContext.RunEnd;
import io.gpjobs.spi.JobDispatcher;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops an engine, in a fixed order: its timers; its running tasks (their tokens fire, they get the grace period
 * to return, then the ones still running are interrupted) and worker threads; the ends of the stopped jobs (Failed,
 * or Cancelled when a cancel was under way); the runs still waiting for a slot (they end STOPPED, their jobs stay
 * queued in the store); the dispatchers, last of the threads' users, so that a dispatcher's heartbeats outlive
 * every run; the scheduler the engine owns; one last attempt at the ends the store refused; the stores it opened.
 * Runs once, on the closing thread.
 */
final class EngineShutdown {
    private static final System.Logger LOG = System.getLogger(EngineShutdown.class.getName());

    private final JobEngine e;

    EngineShutdown(JobEngine engine) {
        this.e = engine;
    }

    void run() {
        e.timers.stop();
        synchronized (e.tickLock) {
            // a tick in flight has ended; none starts again
        }
        stopTasks();
        recordStoppedEnds();
        e.services.values().forEach(rt -> rt.queue.forEach(q -> q.end(RunEnd.STOPPED)));
        for (JobDispatcher d : e.dispatchers.values()) {
            try {
                d.close();
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "could not close a job dispatcher", ex);
            }
        }
        if (e.ownTimer != null) {
            e.ownTimer.shutdownNow();
            try {
                e.ownTimer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        // The watchdog has stopped: one last attempt for ends the store refused, then say which jobs stay Executing.
        e.ends.closing(e.clock.instant());
        e.completions.values().forEach(f -> f.cancel(false));
        for (JobStore st : e.ownedStores) {
            try {
                st.close();
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "could not close a job store", ex);
            }
        }
    }

    private void stopTasks() {
        for (JobExecution x : e.running.values()) {
            x.engineStopping = true;
            x.token.fire("was stopped");
        }
        // Cooperative first: tasks get the grace period (real time: the engine's clock may stand still) to return
        // after their token fired; only those still running are interrupted.
        long graceEnd = System.nanoTime() + e.timeoutGrace.toNanos();
        for (JobExecution x : e.running.values()) {
            x.awaitReturn(graceEnd);
            if (!x.returned.get()) {
                x.thread.interrupt();
            }
        }
        List<Worker> all = new ArrayList<>();
        e.services.values().forEach(rt -> all.addAll(rt.workers));
        all.forEach(w -> w.thread.interrupt());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Worker w : all) {
            try {
                w.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            if (w.thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "thread " + w.thread.getName() + " did not stop");
            }
        }
    }

    private void recordStoppedEnds() {
        Instant now = e.clock.instant();
        for (JobExecution x : e.running.values()) {
            if (x.completed.compareAndSet(false, true)) {
                try {
                    e.writer.update(x.service.store(), x.jobId, cur -> cur.status() != JobStatus.EXECUTING
                            && cur.status() != JobStatus.CANCELLING ? null
                            : JobRunner.ended(cur, cur.status() == JobStatus.CANCELLING ? JobStatus.CANCELLED
                            : JobStatus.FAILED, now, JobRunner.append(x.messages(),
                            JobMessage.error(e.stoppedMessage(e.nodeId)))));
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.WARNING, "could not record the end of job " + x.jobId, ex);
                }
            }
        }
    }
}
