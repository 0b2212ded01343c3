package io.gpjobs.internal;

import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import java.util.List;

/** Fans engine events out to the host's listeners; a listener that throws is logged and ignored. Thread-safe. */
final class EngineEvents {
    private static final System.Logger LOG = System.getLogger(EngineEvents.class.getName());
    private final List<JobListener> listeners;

    EngineEvents(List<JobListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void status(String jobId, JobStatus from, JobStatus to) {
        for (JobListener l : listeners) {
            try {
                l.onStatus(jobId, from, to);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a job listener failed", e);
            }
        }
    }

    void progress(String jobId, JobProgress p) {
        for (JobListener l : listeners) {
            try {
                l.onProgress(jobId, p);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a job listener failed", e);
            }
        }
    }

    void message(String jobId, JobMessage m) {
        for (JobListener l : listeners) {
            try {
                l.onMessage(jobId, m);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a job listener failed", e);
            }
        }
    }
}
