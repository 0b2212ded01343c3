package io.gpjobs.testkit;

import io.gpjobs.GPEngine;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The listener of a {@link TaskTester} run: records progress updates and status changes of the one job its engine
 * runs, moves the clock per progress update, and cancels the job when the tester says so. Thread-safe.
 */
final class TaskRecorder implements JobListener {
    private static final System.Logger LOG = System.getLogger(TaskRecorder.class.getName());

    private final ManualClock clock;
    private final Duration clockStep;
    private final Integer cancelAfterSteps;
    private final Instant cancelAt;
    private final Consumer<Instant> clockListener = this::clockMoved;
    private final List<JobProgress> progress = new ArrayList<>();
    private final List<JobStatus> statuses = new ArrayList<>();
    private volatile GPEngine engine;
    private volatile String executingJob;
    private boolean cancelRequested;

    TaskRecorder(ManualClock clock, Duration clockStep, Integer cancelAfterSteps, Instant cancelAt) {
        this.clock = clock;
        this.clockStep = clockStep;
        this.cancelAfterSteps = cancelAfterSteps;
        this.cancelAt = cancelAt;
    }

    void attach(GPEngine e) {
        this.engine = e;
        clock.addListener(clockListener);
    }

    void detach() {
        clock.removeListener(clockListener);
    }

    synchronized List<JobProgress> progress() {
        return List.copyOf(progress);
    }

    synchronized List<JobStatus> statuses() {
        return List.copyOf(statuses);
    }

    @Override
    public void onStatus(String jobId, JobStatus from, JobStatus to) {
        synchronized (this) {
            statuses.add(to);
        }
        if (to == JobStatus.EXECUTING) {
            executingJob = jobId;
            if ((cancelAfterSteps != null && cancelAfterSteps == 0)
                    || (cancelAt != null && !clock.instant().isBefore(cancelAt))) {
                cancel(jobId);
            }
        } else if (to.isTerminal()) {
            executingJob = null;
        }
    }

    @Override
    public void onProgress(String jobId, JobProgress p) {
        int count;
        synchronized (this) {
            progress.add(p);
            count = progress.size();
        }
        if (!clockStep.isZero()) {
            clock.advance(clockStep); // may cancel through clockMoved
        }
        if (cancelAfterSteps != null && count == cancelAfterSteps) {
            cancel(jobId);
        }
    }

    @Override
    public void onMessage(String jobId, JobMessage message) {
        // Messages are read from the job at the end, with the engine's own messages among them.
    }

    private void clockMoved(Instant now) {
        String jobId = executingJob;
        if (cancelAt != null && jobId != null && !now.isBefore(cancelAt)) {
            cancel(jobId);
        }
    }

    private void cancel(String jobId) {
        synchronized (this) {
            if (cancelRequested) {
                return;
            }
            cancelRequested = true;
        }
        try {
            engine.anonymous().cancel(jobId);
        } catch (RuntimeException e) {
            // The job may have ended meanwhile; the recorded run shows how it ended.
            LOG.log(System.Logger.Level.DEBUG, "cancel of job " + jobId + " was refused", e);
        }
    }
}
