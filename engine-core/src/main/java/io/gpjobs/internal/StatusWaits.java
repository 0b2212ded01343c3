package io.gpjobs.internal;

import io.gpjobs.GPException;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Waiting for a job to reach a status a caller chooses: woken by this engine's own status writes at once, and by
 * a poll of the engine's scheduler for jobs another engine writes. Thread-safe.
 */
public final class StatusWaits {
    private final JobEngine e;
    /** The wake-ups of the callers waiting on each job, completed by the next status change of it. */
    private final ConcurrentHashMap<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    StatusWaits(JobEngine engine) {
        this.e = engine;
    }

    /** Wakes the callers waiting on {@code jobId}: its status changed. */
    void changed(String jobId) {
        Set<CompletableFuture<Void>> wakes = waiting.remove(jobId);
        if (wakes != null) {
            wakes.forEach(w -> w.complete(null));
        }
    }

    /**
     * Waits until the job's status satisfies {@code until}, the job ended, or {@code timeout} passes (real time).
     *
     * @return the job's view at that moment
     */
    public JobInfo await(String jobId, Predicate<JobStatus> until, Duration timeout, String principal) {
        e.reads.check(AccessPolicy.Action.READ, principal, e.reads.locate(jobId).record());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Registered before the read, so a change between the read and the wait still wakes this caller.
            CompletableFuture<Void> wake = new CompletableFuture<>();
            waiting.compute(jobId, (k, set) -> { // atomic with changed()'s removal: no wake lands in a dropped set
                Set<CompletableFuture<Void>> wakes = set == null ? ConcurrentHashMap.newKeySet() : set;
                wakes.add(wake);
                return wakes;
            });
            try {
                JobRecord r = e.reads.locate(jobId).record();
                long left = deadline - System.nanoTime();
                if (until.test(r.status()) || r.status().isTerminal() || left <= 0) {
                    return e.reads.view(r);
                }
                // A job another engine writes changes without telling this one: read it again at each poll.
                e.timers.once("await status poll", JobReads.POLL, () -> wake.complete(null));
                wake.get(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException ignored) {
                // read again; the loop ends at the deadline
            } catch (ExecutionException ex) {
                throw new IllegalStateException(ex.getCause());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new GPException(500, "Interrupted while waiting for job.", List.of("job '" + jobId + "'"), ie);
            } finally {
                waiting.computeIfPresent(jobId, (k, set) -> {
                    set.remove(wake);
                    return set.isEmpty() ? null : set;
                });
                e.cache.invalidate(jobId);
            }
        }
    }
}
