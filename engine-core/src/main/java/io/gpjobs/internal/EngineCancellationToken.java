package io.gpjobs.internal;

import io.gpjobs.spi.CancellationToken;
import io.gpjobs.spi.TaskCancelledException;
import java.util.ArrayList;
import java.util.List;

/** The engine's cancellation token of one job: fired once, by the engine only. Thread-safe. */
final class EngineCancellationToken implements CancellationToken {
    private static final System.Logger LOG = System.getLogger(EngineCancellationToken.class.getName());

    private final String jobId;
    private volatile String reason;
    private final List<Runnable> callbacks = new ArrayList<>();

    EngineCancellationToken(String jobId) {
        this.jobId = jobId;
    }

    @Override
    public boolean isCancellationRequested() {
        return reason != null;
    }

    @Override
    public void throwIfCancellationRequested() {
        String r = reason;
        if (r != null) {
            throw new TaskCancelledException("job '" + jobId + "' " + r);
        }
    }

    @Override
    public void onCancel(Runnable action) {
        java.util.Objects.requireNonNull(action, "action");
        synchronized (this) {
            if (reason == null) {
                callbacks.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** Requests cancellation with a reason ("was cancelled", "timed out"); runs the callbacks once. */
    boolean fire(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return false;
            }
            reason = why;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(EngineCancellationToken::runQuietly);
        return true;
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a cancellation callback failed", e);
        }
    }
}
