package io.gpjobs.internal;

import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The read side of the engine: locating a job (cache first), the access policy, the reader's view (live progress
 * and messages of running jobs overlaid, message level applied), results and inputs, waiting, queries,
 * statistics, and the janitor. Thread-safe.
 */
public final class JobReads {

    /** A located job: its record, the store holding it, and its service (null when not served here). */
    record Located(JobRecord record, JobStore store, ServiceRuntime runtime) {
    }

    /** How often a job run by another engine is read again while a caller awaits it. */
    static final Duration POLL = Duration.ofMillis(50);

    private final JobEngine e;
    /** Result and input names of succeeded jobs (they never change once the job succeeded). */
    private final RecentMap<String, List<List<String>>> names = new RecentMap<>(10_000);

    JobReads(JobEngine engine) {
        this.e = engine;
    }

    /**
     * Finds a job: the cache first, then each store in use.
     *
     * @throws InvalidInputException when the id is malformed
     * @throws JobNotFoundException  when no store has it
     */
    Located locate(String jobId) {
        if (!JobRecord.isValidJobId(jobId)) {
            throw new InvalidInputException("invalid jobId '" + jobId + "': expected 'j' followed by 32 lowercase hex digits");
        }
        JobRecord r = e.cache.getIfPresent(jobId);
        if (r != null) {
            ServiceRuntime rt = e.services.get(r.serviceName());
            if (rt != null) {
                return new Located(r, rt.store(), rt);
            }
        }
        for (JobStore st : e.stores) {
            JobRecord found = st.read(jobId).orElse(null);
            if (found != null) {
                ServiceRuntime rt = e.services.get(found.serviceName());
                if (rt != null && rt.store() == st) {
                    e.cache.putNewer(found);
                    return new Located(found, st, rt);
                }
                return new Located(found, st, null);
            }
        }
        throw new JobNotFoundException(jobId);
    }

    /** @throws GPException 403 when the policy refuses */
    void check(AccessPolicy.Action action, String principal, JobRecord r) {
        if (!e.accessPolicy.permits(action, principal, r)) {
            throw new GPException(403, "You do not have permissions to access this resource or perform this operation.",
                    List.of((principal == null ? "anonymous" : "'" + principal + "'") + " may not "
                            + action.name().toLowerCase(java.util.Locale.ROOT) + " job '" + r.jobId() + "'"));
        }
    }

    /** The reader's view of a job. */
    public JobInfo job(String jobId, String principal) {
        Located loc = locate(jobId);
        check(AccessPolicy.Action.READ, principal, loc.record());
        return view(loc.record(), loc.runtime(), loc.store());
    }

    /** The reader's view of a record. */
    public JobInfo view(JobRecord r, ServiceRuntime rt, JobStore store) {
        List<JobMessage> messages = r.messages();
        JobProgress progress = r.progress();
        JobExecution x = e.running.get(r.jobId());
        if (x != null && !x.completed.get() && (r.status() == JobStatus.EXECUTING || r.status() == JobStatus.CANCELLING)) {
            messages = x.messages();
            progress = x.progress();
        }
        JobEnds.End end = e.ends.get(r.jobId());
        if (end != null && (r.status() == JobStatus.EXECUTING || r.status() == JobStatus.CANCELLING)) {
            // Finished here, but the store has not taken its end yet: the status stays the stored one.
            messages = end.messages;
            progress = end.progress;
        }
        if (r.status() == JobStatus.EXECUTING && progress == null) {
            progress = JobProgress.EXECUTING;
        }
        GPService.MessageLevel level = rt == null ? GPService.MessageLevel.INFO : rt.service().showMessages();
        List<String> results = List.of();
        List<String> inputs = List.of();
        if (r.status() == JobStatus.SUCCEEDED) {
            List<List<String>> n = names.get(r.jobId());
            if (n == null) {
                n = List.of(ordered(rt, r, store.results(r.jobId()).keySet(), true),
                        ordered(rt, r, store.inputs(r.jobId()).keySet(), false));
                names.put(r.jobId(), n);
            }
            results = n.get(0);
            inputs = n.get(1);
        }
        return new JobInfo(r.jobId(), r.serviceName(), r.taskName(), r.status(), filter(messages, level), progress,
                r.submitted(), r.started(), r.ended(), r.updated(), r.owner(), results, inputs, r.attempt());
    }

    /** The reader's view of a record (no access check). */
    public JobInfo view(JobRecord r) {
        ServiceRuntime rt = e.services.get(r.serviceName());
        return view(r, rt, rt == null ? e.stores.get(0) : rt.store());
    }

    /** Parameter names in the task's parameter order (unknown names last, sorted). */
    static List<String> ordered(ServiceRuntime rt, JobRecord r, java.util.Set<String> present, boolean outputs) {
        return ordered(rt == null ? null : rt.service().tasks().get(r.taskName()), present, outputs);
    }

    private static List<String> ordered(Task t, java.util.Set<String> present, boolean outputs) {
        if (present.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(present.size());
        if (t != null) {
            for (ParameterDefinition p : t.definition().parameters()) {
                if ((p.direction() == ParameterDefinition.Direction.OUTPUT) == outputs && present.contains(p.name())) {
                    out.add(p.name());
                }
            }
        }
        if (out.size() < present.size()) {
            List<String> unknown = new ArrayList<>();
            for (String n : present) {
                if (!out.contains(n) && !JobEnvironment.isSetting(n)) {
                    unknown.add(n);
                }
            }
            java.util.Collections.sort(unknown);
            out.addAll(unknown);
        }
        return List.copyOf(out);
    }

    /** The result and input names a succeeded job's view lists, in the task's parameter order. */
    static List<List<String>> names(Task t, java.util.Set<String> results, java.util.Set<String> inputs) {
        return List.of(ordered(t, results, true), ordered(t, inputs, false));
    }

    /** Records the names (from {@link #names}) of a job about to be stored Succeeded by this engine. */
    void remember(String jobId, List<List<String>> jobNames) {
        names.put(jobId, jobNames);
    }

    void forget(String jobId) {
        names.remove(jobId);
    }

    /** Applies a service's message level. */
    public static List<JobMessage> filter(List<JobMessage> messages, GPService.MessageLevel level) {
        return switch (level) {
            case INFO -> messages;
            case NONE -> List.of();
            case WARNING -> messages.stream().filter(m -> m.type() != io.gpjobs.spi.MessageType.INFORMATIVE).toList();
            case ERROR -> messages.stream().filter(m -> m.type() == io.gpjobs.spi.MessageType.ERROR).toList();
        };
    }


    // ---- waiting ----

    /** Waits until the job is terminal or the timeout passes; returns its view then. */
    public JobInfo await(String jobId, Duration timeout, String principal) {
        Located loc = locate(jobId);
        check(AccessPolicy.Action.READ, principal, loc.record());
        JobRecord r = awaitRecord(jobId, timeout);
        return view(r);
    }

    JobRecord awaitRecord(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Located loc = locate(jobId);
            JobRecord r = loc.record();
            CompletableFuture<JobRecord> f = e.completions.get(jobId);
            long left = deadline - System.nanoTime();
            if (r.status().isTerminal() && (f == null || left <= 0)) {
                return r;
            }
            if (left <= 0) {
                return r;
            }
            long slice = Math.min(left, TimeUnit.SECONDS.toNanos(1));
            try {
                if (f != null) {
                    // Also when the record already reads terminal: its writer completes the future after telling
                    // the listeners, so a caller that awaited a job has every status event of it.
                    return f.get(slice, TimeUnit.NANOSECONDS);
                }
                // A job this engine does not run: read its store again at each poll of the engine's scheduler.
                CompletableFuture<Void> poll = new CompletableFuture<>();
                e.timers.once("await poll", POLL, () -> poll.complete(null));
                try {
                    poll.get(slice, TimeUnit.NANOSECONDS);
                } finally {
                    poll.cancel(false);
                }
                e.cache.invalidate(jobId);
            } catch (TimeoutException | java.util.concurrent.CancellationException ignored) {
                if (r.status().isTerminal()) {
                    e.completions.remove(jobId, f); // ended by another engine: this future is never completed
                    return r;
                }
                e.cache.invalidate(jobId);
            } catch (ExecutionException ex) {
                throw new IllegalStateException(ex.getCause());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new GPException(500, "Interrupted while waiting for job.", List.of("job '" + jobId + "'"), ie);
            }
        }
    }
}
