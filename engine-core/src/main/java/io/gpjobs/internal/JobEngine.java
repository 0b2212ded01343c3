package io.gpjobs.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.InputValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine behind {@code GPEngine}: services and their stores, the status cache, the write path, submission,
 * cancellation, deletion, the watchdog and janitor timers, recovery (at start and periodically, see
 * {@code Recovery}) and shutdown. Reads and the admin
 * operations live in {@link JobReads}. Thread-safe.
 */
public final class JobEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobEngine.class.getName());
    /** How often the watchdog looks at running jobs (real time; deadlines are judged on the engine's clock). */
    static final long TICK_MILLIS = 25;

    /**
     * The engine's settings, already resolved by the public builder.
     *
     * @param services        the services with the store each uses
     * @param ownedStores     stores the engine opened and closes
     * @param clock           the clock every deadline and time stamp uses
     * @param nodeId          this engine's node id
     * @param listeners       the host's listeners
     * @param accessPolicy    the host's access policy
     * @param leaseDuration   how long a claim holds without renewal
     * @param janitorInterval how often the janitor runs by itself
     * @param timeoutGrace    how long a timed-out task may take to stop before its thread is abandoned
     */
    public record Settings(Map<GPService, JobStore> services, List<JobStore> ownedStores, Clock clock, String nodeId,
                           List<JobListener> listeners, AccessPolicy accessPolicy, Duration leaseDuration,
                           Duration janitorInterval, Duration timeoutGrace) {
        public Settings {
            services = Map.copyOf(services);
            ownedStores = List.copyOf(ownedStores);
            listeners = List.copyOf(listeners);
        }
    }

    final Clock clock;
    final String nodeId;
    final Duration leaseDuration;
    final Duration timeoutGrace;
    final AccessPolicy accessPolicy;
    final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    final List<JobStore> stores = new ArrayList<>();
    private final List<JobStore> ownedStores;
    // Maintenance runs on the writing thread: handing it to the common pool cost more than it saved per write.
    final Cache<String, JobRecord> cache = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1)).executor(Runnable::run).build();
    final EngineEvents events;
    final RecordWriter writer;
    final ConcurrentHashMap<String, JobExecution> running = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Map<String, GPValue>> pendingInputs = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, CompletableFuture<JobRecord>> completions = new ConcurrentHashMap<>();
    /**
     * The results of synchronous jobs, handed from the job's end to its waiting caller so that the execute response
     * needs no read: registered at submit, set just before the Succeeded write, removed by the caller.
     */
    final ConcurrentHashMap<String, AtomicReference<Map<String, StoredValue>>> syncResults =
            new ConcurrentHashMap<>();
    final AtomicBoolean closed = new AtomicBoolean();
    final JobRunner runner;
    /** Ends of jobs that finished here while their store could not be written, retried by the watchdog. */
    final JobEnds ends;
    final JobReads reads;
    /** Takes over jobs of stopped engines (at start and every half lease) and renews queued jobs' leases. */
    private final Recovery recovery;
    private final ScheduledThreadPoolExecutor timer;
    /** This engine's hold on its node id in each store: a second live engine with the id is refused. */
    private final List<JobStore.NodeRegistration> nodes;

    /** Builds the engine, recovers its services' unfinished jobs and starts its threads. */
    public JobEngine(Settings s) {
        this.clock = s.clock();
        this.nodeId = s.nodeId();
        this.leaseDuration = s.leaseDuration();
        this.timeoutGrace = s.timeoutGrace();
        this.accessPolicy = s.accessPolicy();
        this.ownedStores = s.ownedStores();
        this.events = new EngineEvents(s.listeners());
        this.writer = new RecordWriter(cache, this::written);
        s.services().entrySet().stream().sorted(Map.Entry.comparingByKey(
                java.util.Comparator.comparing(GPService::name))).forEach(e -> {
                    services.put(e.getKey().name(), new ServiceRuntime(e.getKey(), e.getValue()));
                    if (stores.stream().noneMatch(st -> st == e.getValue())) {
                        stores.add(e.getValue());
                    }
                });
        this.runner = new JobRunner(this);
        this.ends = new JobEnds(this);
        this.reads = new JobReads(this);
        this.nodes = registerNode(stores, nodeId);
        AtomicInteger timerThreads = new AtomicInteger();
        this.timer = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "gpjobs-" + nodeId + "-timer-" + timerThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.recovery = new Recovery(this);
        recovery.atStart();
        for (ServiceRuntime rt : services.values()) {
            for (int i = 0; i < rt.service().maxInstances(); i++) {
                new Worker(rt, runner).start();
            }
        }
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        long janitorMs = s.janitorInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                reads.runJanitor();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "janitor failed", e);
            }
        }, janitorMs, janitorMs, TimeUnit.MILLISECONDS);
    }

    /** Registers {@code nodeId} in every store, or in none when a store refuses (the refusal is thrown). */
    private static List<JobStore.NodeRegistration> registerNode(List<JobStore> stores, String nodeId) {
        List<JobStore.NodeRegistration> held = new ArrayList<>();
        try {
            for (JobStore st : stores) {
                held.add(st.registerNode(nodeId));
            }
        } catch (RuntimeException e) {
            held.forEach(JobStore.NodeRegistration::close);
            throw e;
        }
        return List.copyOf(held);
    }

    /** This engine's node id. */
    public String nodeId() {
        return nodeId;
    }

    /** The read side: job views, results, inputs, queries, statistics, janitor. */
    public JobReads reads() {
        return reads;
    }

    private void tick() {
        try {
            runner.tick();
            expireWaitingSyncJobs();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "watchdog tick failed", e);
        }
        try {
            recovery.tick(clock.instant());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "lease renewal or recovery sweep failed", e);
        }
    }

    /** Called after every record write: listeners, and completion futures on terminal statuses. */
    private void written(JobRecord before, JobRecord after) {
        JobStatus from = before == null ? null : before.status();
        if (from == null && (after.status() == JobStatus.SUBMITTED || after.status() == JobStatus.WAITING)) {
            // A job created past New (submit stores it Submitted or Waiting at once): report the steps it skipped.
            events.status(after.jobId(), null, JobStatus.NEW);
            events.status(after.jobId(), JobStatus.NEW, JobStatus.SUBMITTED);
            if (after.status() != JobStatus.SUBMITTED) {
                events.status(after.jobId(), JobStatus.SUBMITTED, after.status());
            }
        } else if (from != after.status()) {
            events.status(after.jobId(), from, after.status());
        }
        if (after.status().isTerminal()) {
            CompletableFuture<JobRecord> f = completions.remove(after.jobId());
            if (f != null) {
                f.complete(after);
            }
        }
    }

    String stoppedMessage(String node) {
        return "Job failed: the engine running it stopped (node " + node + ").";
    }

    // ---- submission ----

    /**
     * Validates inputs, creates the job with its inputs in one write (stored Submitted, or Waiting when every worker
     * slot is taken; listeners hear New first) and queues it.
     *
     * @throws InvalidInputException when an input is bad (nothing is stored)
     * @throws GPException           404 for an unknown service or task, 400 for the wrong execution type, 503 when
     *                               the queue is full
     */
    public JobRecord submit(String serviceName, String taskName, Map<String, ?> raw, String principal, boolean sync) {
        checkOpen();
        ServiceRuntime rt = runtime(serviceName);
        Task task = rt.service().task(taskName).orElseThrow(() -> new GPException(404, "Task not found.",
                List.of("service '" + serviceName + "' has no task '" + taskName + "'")));
        GPService.ExecutionType wanted = sync ? GPService.ExecutionType.SYNCHRONOUS : GPService.ExecutionType.ASYNCHRONOUS;
        if (rt.service().executionType() != wanted) {
            throw new GPException(400, "Unable to complete operation.", List.of("service '" + serviceName + "' is "
                    + rt.service().executionType().wireName() + ": use " + (sync ? "submitJob" : "execute")));
        }
        if (principal != null && principal.isBlank()) {
            throw new IllegalArgumentException("principal must be null or not blank");
        }
        TaskDefinition def = task.definition();
        Map<String, GPValue> values = InputValidator.validate(def, raw == null ? Map.of() : raw);
        Map<String, StoredValue> stored = new LinkedHashMap<>();
        values.forEach((name, v) -> stored.put(name, new StoredValue(v.dataType().wireName(),
                Redactor.redactJson(GPValueCodec.toJson(v)))));
        if (!rt.permits.tryAcquire()) {
            throw new GPException(503, "The job queue is full.", List.of("service '" + serviceName
                    + "' already has " + rt.service().maxQueueSize() + " queued jobs (maxQueueSize)"));
        }
        boolean queued = false;
        String id = JobIds.next();
        try {
            Instant now = clock.instant();
            // One write: the record and its inputs are stored together, so New never needs a write of its own; the
            // job is stored Submitted, or Waiting when every slot is taken (listeners still hear New first).
            boolean waiting = rt.queue.size() >= rt.service().maxInstances() - rt.busy.get();
            JobRecord fresh = new JobRecord(id, serviceName, def.name(), waiting ? JobStatus.WAITING
                    : JobStatus.SUBMITTED, 0, now, null, null, now, principal, nodeId, now.plus(leaseDuration), false,
                    List.of(EngineMessages.SUBMITTED), null);
            pendingInputs.put(id, values);
            completions.put(id, new CompletableFuture<>());
            if (sync) {
                syncResults.put(id, new AtomicReference<>());
            }
            JobRecord submitted = writer.create(rt.store(), fresh, stored);
            rt.queue.add(new ServiceRuntime.QueueEntry(id, true));
            queued = true;
            return submitted;
        } catch (RuntimeException ex) {
            if (!queued && !(ex instanceof io.gpjobs.spi.JobConflictException)) {
                // The caller hears the submit failed: leave no half-submitted job behind to run later. Even a failed
                // create may have been written (a lost response); the id is new and ours, so deleting it is safe
                // (unless the store says the id was taken: then the record is not ours).
                try {
                    rt.store().delete(id);
                    cache.invalidate(id);
                } catch (RuntimeException again) {
                    ex.addSuppressed(again);
                }
            }
            throw ex;
        } finally {
            if (!queued) {
                rt.permits.release();
                pendingInputs.remove(id);
                completions.remove(id);
                syncResults.remove(id);
            }
        }
    }

    /**
     * What a synchronous job ended with.
     *
     * @param record  the job's last record
     * @param results the results this engine stored for it when it succeeded here, or null (then read them)
     */
    public record Executed(JobRecord record, Map<String, StoredValue> results) {
    }

    /** Submits on a synchronous service and waits for the end (bounded by maxWaitTime + maxUsageTime). */
    public Executed executeAndWait(String serviceName, String taskName, Map<String, ?> raw, String principal) {
        JobRecord r = submit(serviceName, taskName, raw, principal, true);
        try {
            GPService svc = runtime(serviceName).service();
            Duration bound = svc.maxWaitTime().plus(svc.maxUsageTime()).plus(timeoutGrace).plusSeconds(5);
            JobRecord done = reads.awaitRecord(r.jobId(), bound);
            var handed = syncResults.get(r.jobId());
            return new Executed(done, done.status() == JobStatus.SUCCEEDED && handed != null ? handed.get() : null);
        } finally {
            syncResults.remove(r.jobId());
        }
    }

    // ---- cancel and delete ----

    /**
     * Cancels a job: queued ones at once, executing ones through Cancelling; repeated cancels are harmless.
     *
     * @throws InvalidInputException when the job already ended
     */
    public JobRecord cancel(String jobId, String principal) {
        return cancel(jobId, principal, true);
    }

    /** Cancels a job, checking the access policy unless an admin operation (purgeQueue) asks. */
    JobRecord cancel(String jobId, String principal, boolean checkAccess) {
        JobReads.Located loc = reads.locate(jobId);
        if (checkAccess) {
            reads.check(AccessPolicy.Action.CANCEL, principal, loc.record());
        }
        Instant now = clock.instant();
        JobRecord after = writer.update(loc.store(), jobId, cur -> switch (cur.status()) {
            case NEW, SUBMITTED, WAITING -> JobRunner.ended(cur, JobStatus.CANCELLED, now,
                    JobRunner.append(cur.messages(), EngineMessages.CANCELLED)).withCancelRequested(true);
            case EXECUTING -> cur.withStatus(JobStatus.CANCELLING, now).withCancelRequested(true);
            case CANCELLING -> null;
            default -> throw new InvalidInputException("job '" + jobId + "' cannot be cancelled: its status is "
                    + cur.status().wireName());
        });
        if (after == null) {
            after = loc.store().read(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
        }
        if (after.status() == JobStatus.CANCELLING) {
            JobExecution x = running.get(jobId);
            if (x != null) {
                x.token.fire("was cancelled");
            }
        } else if (after.status() == JobStatus.CANCELLED && loc.runtime() != null) {
            loc.runtime().dequeue(jobId);
            pendingInputs.remove(jobId);
        }
        return after;
    }

    /** Deletes a job: cancels it if it runs, Deleting, then record and files removed. Returns it as Deleted. */
    public JobRecord delete(String jobId, String principal) {
        JobReads.Located loc = reads.locate(jobId);
        reads.check(AccessPolicy.Action.DELETE, principal, loc.record());
        Instant now = clock.instant();
        JobRecord deleting = writer.update(loc.store(), jobId, cur -> cur.status() == JobStatus.DELETING ? null
                : cur.withStatus(JobStatus.DELETING, now).withCancelRequested(!cur.status().isTerminal()));
        JobExecution x = running.get(jobId);
        if (x != null) {
            x.completed.set(true);
            x.token.fire("was deleted");
        }
        if (loc.runtime() != null) {
            loc.runtime().dequeue(jobId);
        }
        pendingInputs.remove(jobId);
        ends.forget(jobId);
        JobRecord last = deleting != null ? deleting : loc.record();
        loc.store().delete(jobId);
        cache.invalidate(jobId);
        reads.forget(jobId);
        JobRecord gone = last.withStatus(JobStatus.DELETED, now);
        events.status(jobId, JobStatus.DELETING, JobStatus.DELETED);
        CompletableFuture<JobRecord> f = completions.remove(jobId);
        if (f != null) {
            f.complete(gone);
        }
        return gone;
    }

    /** Completes the future of a job that ended without this engine writing its end (e.g. cancelled elsewhere). */
    void completeIfTerminal(ServiceRuntime rt, String jobId) {
        CompletableFuture<JobRecord> f = completions.get(jobId);
        if (f == null) {
            return;
        }
        JobRecord r = rt.store().read(jobId).orElse(null);
        if (r != null && r.status().isTerminal()) {
            if (completions.remove(jobId, f)) {
                f.complete(r);
            }
        } else {
            // Gone, or run by another engine: waiters fall back to reading the store.
            completions.remove(jobId, f);
        }
    }

    /** Times out synchronous requests that waited longer than maxWaitTime for a worker. */
    private void expireWaitingSyncJobs() {
        Instant now = clock.instant();
        for (ServiceRuntime rt : services.values()) {
            GPService svc = rt.service();
            if (svc.executionType() != GPService.ExecutionType.SYNCHRONOUS) {
                continue;
            }
            for (ServiceRuntime.QueueEntry e : rt.queue) {
                JobRecord r = cache.getIfPresent(e.jobId());
                if (r == null || r.status() != JobStatus.WAITING || now.isBefore(r.submitted().plus(svc.maxWaitTime()))) {
                    continue;
                }
                try {
                    JobRecord out = writer.update(rt.store(), e.jobId(), cur -> cur.status() != JobStatus.WAITING ? null
                            : JobRunner.ended(cur, JobStatus.TIMED_OUT, now, JobRunner.append(cur.messages(),
                            JobMessage.error("Timed out: no free instance within the service's maximum wait time of "
                                    + svc.maxWaitTime().toSeconds() + " s."))));
                    if (out != null) {
                        rt.dequeue(e.jobId());
                        pendingInputs.remove(e.jobId());
                    }
                } catch (JobNotFoundException gone) {
                    rt.dequeue(e.jobId());
                }
            }
        }
    }

    ServiceRuntime runtime(String serviceName) {
        ServiceRuntime rt = serviceName == null ? null : services.get(serviceName);
        if (rt == null) {
            throw new GPException(404, "Service not found.", List.of("no service '" + serviceName + "'"));
        }
        return rt;
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    /**
     * Stops every thread the engine started: running tasks are cancelled and interrupted and their jobs marked
     * failed ("the engine running it stopped"); queued jobs stay queued in the store for the next start. Ends of
     * finished jobs that the store refused so far get one last attempt; those still refused are logged (they stay
     * Executing in the store until an engine's recovery marks them failed).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        for (JobExecution x : running.values()) {
            x.engineStopping = true;
            x.token.fire("was stopped");
            x.thread.interrupt();
        }
        List<Worker> all = new ArrayList<>();
        services.values().forEach(rt -> all.addAll(rt.workers));
        all.forEach(w -> w.thread.interrupt());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Worker w : all) {
            try {
                w.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (w.thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "thread " + w.thread.getName() + " did not stop");
            }
        }
        Instant now = clock.instant();
        for (JobExecution x : running.values()) {
            if (x.completed.compareAndSet(false, true)) {
                try {
                    writer.update(x.service.store(), x.jobId, cur -> cur.status() != JobStatus.EXECUTING
                            && cur.status() != JobStatus.CANCELLING ? null
                            : JobRunner.ended(cur, cur.status() == JobStatus.CANCELLING ? JobStatus.CANCELLED
                            : JobStatus.FAILED, now, JobRunner.append(x.messages(), JobMessage.error(stoppedMessage(nodeId)))));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not record the end of job " + x.jobId, e);
                }
            }
        }
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The watchdog has stopped: one last attempt for ends the store refused, then say which jobs stay Executing.
        ends.closing(clock.instant());
        completions.values().forEach(f -> f.cancel(false));
        nodes.forEach(JobStore.NodeRegistration::close);
        for (JobStore st : ownedStores) {
            try {
                st.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not close a job store", e);
            }
        }
    }
}
