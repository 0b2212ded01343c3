package io.gpjobs.internal;

import io.gpjobs.EngineScheduler;
import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.UrlPolicy;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobDispatcher;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.value.GPValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
    static final Duration TICK = Duration.ofMillis(25);

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
     * @param scheduler       the scheduler of the engine's timers, or null for one of its own (real time)
     * @param workers         whether this engine runs jobs (false: it accepts and answers only, a web tier)
     * @param remoteUrls      which URLs data inputs may name and tasks may open
     */
    public record Settings(Map<GPService, JobStore> services, List<JobStore> ownedStores, Clock clock, String nodeId,
                           List<JobListener> listeners, AccessPolicy accessPolicy, Duration leaseDuration,
                           Duration janitorInterval, Duration timeoutGrace, EngineScheduler scheduler,
                           boolean workers, UrlPolicy remoteUrls) {
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
    final UrlPolicy remoteUrls;
    final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    final List<JobStore> stores = new ArrayList<>();
    final List<JobStore> ownedStores;
    /** The last record of each recent job (10,000 jobs, each for 1 s after it was written): saves store reads. */
    final StatusCache cache = new StatusCache(10_000, Duration.ofSeconds(1));
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
    final StatusWaits statusWaits;
    final JobValues values;
    final JobAdmin admin;
    final JobCommands commands;
    final JobSubmission submissions;
    /** Takes over jobs of stopped engines (at start and every half lease) and renews queued jobs' leases. */
    private final Recovery recovery;
    /** This engine's hold on its node id in each store: a second live engine with the id is refused. */
    private final List<JobStore.NodeRegistration> nodes;
    /** The scheduler this engine created (shut down on close), or null when the host gave one. */
    final ScheduledThreadPoolExecutor ownTimer;
    final EngineScheduler scheduler;
    final Timers timers;
    /** The dispatcher of each store, started after recovery, closed before the stores. */
    final Map<JobStore, JobDispatcher> dispatchers = new IdentityHashMap<>();
    /** Held by a watchdog tick while it runs; close takes it to wait for a tick in flight. */
    final Object tickLock = new Object();

    /** Builds the engine, recovers its services' unfinished jobs and starts its threads. */
    public JobEngine(Settings s) {
        this.clock = s.clock();
        this.nodeId = s.nodeId();
        this.leaseDuration = s.leaseDuration();
        this.timeoutGrace = s.timeoutGrace();
        this.accessPolicy = s.accessPolicy();
        this.remoteUrls = s.remoteUrls();
        this.ownedStores = s.ownedStores();
        this.events = new EngineEvents(s.listeners());
        this.statusWaits = new StatusWaits(this);
        this.writer = new RecordWriter(cache, this::written);
        s.services().entrySet().stream().sorted(Map.Entry.comparingByKey(
                java.util.Comparator.comparing(GPService::name))).forEach(e -> {
                    services.put(e.getKey().name(), new ServiceRuntime(e.getKey(), e.getValue(), s.workers()));
                    if (stores.stream().noneMatch(st -> st == e.getValue())) {
                        stores.add(e.getValue());
                    }
                });
        this.runner = new JobRunner(this);
        this.ends = new JobEnds(this);
        this.reads = new JobReads(this);
        this.nodes = registerNode(stores, nodeId, leaseDuration);
        this.values = new JobValues(this);
        this.admin = new JobAdmin(this);
        this.commands = new JobCommands(this);
        this.submissions = new JobSubmission(this);
        if (s.scheduler() != null) {
            this.ownTimer = null;
            this.scheduler = s.scheduler();
        } else {
            AtomicInteger timerThreads = new AtomicInteger();
            this.ownTimer = new ScheduledThreadPoolExecutor(2, r -> {
                Thread t = new Thread(r, "gpjobs-" + nodeId + "-timer-" + timerThreads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            ownTimer.setRemoveOnCancelPolicy(true);
            this.scheduler = EngineScheduler.of(ownTimer);
        }
        this.timers = new Timers(scheduler);
        for (ServiceRuntime rt : services.values()) {
            JobDispatcher d = dispatchers.computeIfAbsent(rt.store(),
                    st -> st.dispatcher().orElseGet(InProcessDispatcher::new));
            rt.dispatcher(d);
            if (!s.workers() && d instanceof InProcessDispatcher) {
                throw new IllegalArgumentException("an engine without workers cannot run the jobs of service '"
                        + rt.service().name() + "': its jobs directory dispatches in process (only a store shared"
                        + " by nodes, such as an Azure cloud store, hands jobs to other nodes)");
            }
        }
        dispatchers.forEach((st, d) -> d.start(new EngineDispatchContext(this, services.values().stream()
                .filter(rt -> rt.store() == st).toList())));
        this.recovery = new Recovery(this);
        recovery.atStart();
        for (ServiceRuntime rt : services.values()) {
            for (int i = 0; i < rt.slots; i++) {
                new Worker(rt, runner).start();
            }
        }
        timers.every("watchdog tick", TICK, this::tick);
        timers.every("janitor", s.janitorInterval(), admin::runJanitor);
        timers.every("node lease", leaseDuration.dividedBy(3), () -> nodes.forEach(JobStore.NodeRegistration::renew));
    }

    /** Registers {@code nodeId} in every store, or in none when a store refuses (the refusal is thrown). */
    private static List<JobStore.NodeRegistration> registerNode(List<JobStore> stores, String nodeId,
            Duration lease) {
        List<JobStore.NodeRegistration> held = new ArrayList<>();
        try {
            for (JobStore st : stores) {
                held.add(st.registerNode(nodeId, lease));
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

    /** The read side: job views, results, inputs, waiting. */
    public JobReads reads() {
        return reads;
    }

    /** Results, inputs and files of jobs. */
    public JobValues values() {
        return values;
    }

    /** The admin operations: queries, statistics, purging, the janitor. */
    public JobAdmin admin() {
        return admin;
    }

    /** Waiting for a status a caller chooses. */
    public StatusWaits statusWaits() {
        return statusWaits;
    }

    /** Cancel and delete. */
    public JobCommands commands() {
        return commands;
    }

    /** Submission and synchronous execution. */
    public JobSubmission submissions() {
        return submissions;
    }

    private void tick() {
        synchronized (tickLock) {
            if (!closed.get()) {
                tickNow();
            }
        }
    }

    private void tickNow() {
        try {
            runner.tick();
            submissions.expireWaitingSyncJobs();
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
        if (from != after.status()) {
            statusWaits.changed(after.jobId());
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
        if (closed.compareAndSet(false, true)) {
            new EngineShutdown(this).run();
            nodes.forEach(JobStore.NodeRegistration::close);
        }
    }
}
