package io.gpjobs;

import static io.gpjobs.BuilderChecks.once;
import static io.gpjobs.BuilderChecks.positive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An embedded GP job engine: the host's entry point. It runs the tasks of its {@link GPService}s synchronously or
 * as jobs and answers the job resources of the GP REST contract through a {@link GPCaller}, the view of one caller
 * ({@link #as(String)}, {@link #anonymous()}); the engine itself holds the admin operations.
 *
 * <p>Each service has {@code maxInstances} worker threads named {@code gpjobs-<service>-N}, fed by a dispatcher:
 * in-process (a bounded queue per service) unless the service's store supplies one that spans nodes. Every record
 * write is a compare-and-set on the service's {@link JobStore}; status reads are served from a small cache the
 * write path keeps current, with the live progress and messages of running jobs overlaid.
 *
 * <p>When the store is unreachable, submissions fail with its {@code JobStoreException} (nothing is accepted). A
 * job that ends meanwhile keeps its stored status (Executing) and shows its live messages; the engine keeps its
 * outcome and writes it, results before Succeeded, once the store answers again (retried with a backoff from 1 s
 * up to 30 s on the engine's clock). A queued job whose start the store refuses stays queued and is tried again.
 *
 * <p>Engines sharing a store hold the jobs they run and queue with leases they renew. When an engine dies, another
 * engine of the same services takes its jobs over once their leases expired (checked every half lease, on the
 * engine's clock): executing jobs become Failed ("the engine running it stopped"), queued ones run there. An engine
 * starting with the dead one's node id takes them over at once. The engine's timers run on its
 * {@link EngineScheduler} (see {@link Builder#scheduler}).
 *
 * <p>Thread-safe. Build with {@link #builder()}; {@link #close()} stops every thread the engine started.
 */
public final class GPEngine implements AutoCloseable {
    private final EngineBridge core;
    private final Map<String, GPService> services;
    private final GPCaller anonymous;

    private GPEngine(EngineBridge core, Map<String, GPService> services) {
        this.core = core;
        this.services = Map.copyOf(services);
        this.anonymous = new GPCaller(core, null);
    }

    /** A builder for an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The view of the caller {@code principal}: its operations check the access policy for it and record it as the
     * owner of the jobs it submits. Cheap: make one per request or keep one per caller.
     *
     * @param principal the caller's verified identity, or null for the anonymous caller
     * @throws IllegalArgumentException when {@code principal} is blank
     */
    public GPCaller as(String principal) {
        return principal == null ? anonymous : new GPCaller(core, principal);
    }

    /** The view of the anonymous caller (the same as {@code as(null)}). */
    public GPCaller anonymous() {
        return anonymous;
    }

    // ---- admin ----

    /**
     * One page of the jobs matching {@code query} (an admin operation: no access check), ordered by submitted time
     * then id, with how many match in all and the offset of the next page (the admin {@code jobs/query} answer's
     * {@code total} and {@code nextStart}). When the query names no service and services use different stores,
     * every store is queried and their jobs merged in that order. To read every match, use {@link #allJobs}.
     *
     * @param query the filters and the page (offset, limit); not null
     * @return the page; {@link JobInfoPage#hasMore()} tells whether more jobs match
     * @throws NullPointerException when {@code query} is null
     * @throws GPException          404 when the query names an unknown service
     */
    public JobInfoPage jobs(JobQuery query) {
        return core.jobPage(query);
    }

    /**
     * Every job matching {@code query}, from its offset on, in submitted-time order (an admin operation: no access
     * check). Pages of {@code query.limit()} jobs are read lazily as the stream is consumed, so a stream of a
     * million jobs holds one page at a time. Jobs that exist from the start to the end of the stream's consumption
     * are each seen once, also while others are deleted (the janitor); jobs submitted or deleted meanwhile may or
     * may not be seen. Close the stream or consume it on one thread; the engine must stay open meanwhile.
     *
     * @param query the filters; its limit is the page size; not null
     * @return a lazy, sequential, ordered stream
     * @throws NullPointerException when {@code query} is null
     * @throws GPException          404 when the query names an unknown service
     */
    public Stream<JobInfo> allJobs(JobQuery query) {
        return core.allJobs(query);
    }

    /** This engine's node id (recorded on the jobs it runs). */
    public String nodeId() {
        return core.nodeId();
    }

    /**
     * Cancels every New, Submitted or Waiting job of a service; returns how many were cancelled.
     *
     * @throws GPException 404 when the service is unknown
     */
    public int purgeQueue(String service) {
        return core.purgeQueue(service);
    }

    /**
     * How many jobs of a service are in each of the eleven statuses (zeros included).
     *
     * @throws GPException 404 when the service is unknown
     */
    public Map<JobStatus, Integer> statistics(String service) {
        return core.statistics(service);
    }

    /**
     * Removes now the finished jobs older than their service's maxFileAge (judged on the engine's clock) and storage
     * that belongs to no job; the engine also does this every janitor interval.
     *
     * @return how many jobs (and orphaned job folders) were removed
     */
    public int runJanitor() {
        return core.runJanitor();
    }

    /** The service named {@code service}. @throws GPException 404 when unknown */
    public GPService service(String service) {
        GPService s = service == null ? null : services.get(service);
        if (s == null) {
            throw new GPException(404, "Service not found.", List.of("no service '" + service + "'"));
        }
        return s;
    }

    /** The service names, sorted. */
    public List<String> serviceNames() {
        return services.keySet().stream().sorted().toList();
    }

    /** The service description JSON. @throws GPException 404 when unknown */
    public ObjectNode serviceJson(String service) {
        return GPJson.service(service(service));
    }

    /** The task description JSON. @throws GPException 404 when the service or task is unknown */
    public ObjectNode taskJson(String service, String task) {
        GPService s = service(service);
        return GPJson.task(s.task(task).orElseThrow(() -> new GPException(404, "Task not found.",
                List.of("service '" + service + "' has no task '" + task + "'"))).definition(), s.executionType());
    }

    /**
     * Stops the engine: running tasks are cancelled and interrupted and their jobs marked Failed ("the engine
     * running it stopped"); queued jobs stay queued in the store (a durable store runs them at the next start);
     * every thread the engine started ends; dispatchers and stores the engine opened are closed (a store given to
     * {@link Builder#jobStore} is not). Jobs that finished while their store refused writes (their outcome is kept
     * and retried in the meantime) get one last attempt; those still refused are logged and stay Executing in the
     * store until an engine on the same store marks them Failed: one starting with this node id at once, any other
     * running one once their lease expired. Idempotent.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Builds a {@link GPEngine}, as Caffeine's builders do: each option is checked when set and may be set once (a
     * second call throws {@link IllegalStateException} naming the earlier value); services, listeners, providers
     * and cloud stores are added one by one. {@link #build()} resolves the stores, recovers unfinished jobs and
     * starts the threads. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, GPService> services = new LinkedHashMap<>();
        private final List<CloudStoreItem> cloudStores = new ArrayList<>();
        private final List<JobStoreProvider> providers = new ArrayList<>();
        private final List<JobListener> listeners = new ArrayList<>();
        private JobStore jobStore;
        private Clock clock;
        private String nodeId;
        private AccessPolicy accessPolicy;
        private Duration leaseDuration;
        private Duration janitorInterval;
        private Duration timeoutGrace;
        private EngineScheduler scheduler;
        private Boolean workers;
        private UrlPolicy remoteUrls;

        /** What {@link #build()} hands on, defaults applied. */
        record Options(Map<String, GPService> services, JobStore jobStore, List<CloudStoreItem> cloudStores,
                       List<JobStoreProvider> providers, Clock clock, String nodeId, List<JobListener> listeners,
                       AccessPolicy accessPolicy, Duration leaseDuration, Duration janitorInterval,
                       Duration timeoutGrace, EngineScheduler scheduler, boolean workers, UrlPolicy remoteUrls) {
        }

        private Builder() {
        }

        /** Adds a service. @throws IllegalArgumentException when a service of that name was added */
        public Builder service(GPService service) {
            Objects.requireNonNull(service, "service");
            if (services.putIfAbsent(service.name(), service) != null) {
                throw new IllegalArgumentException("two services named '" + service.name() + "'");
            }
            return this;
        }

        /**
         * The store of services without a jobs directory (default: a new in-memory store). The engine does not
         * close a store given here.
         */
        public Builder jobStore(JobStore store) {
            this.jobStore = once("jobStore", jobStore, Objects.requireNonNull(store, "jobStore"));
            return this;
        }

        /**
         * Registers a cloud store from its data item JSON
         * {@code {"path":"/cloudStores/<name>","type":"cloudStore","provider":"azure","info":{…}}}; services with
         * {@code jobsDirectory} {@code /cloudStores/<name>} use it. The provider is found by name.
         *
         * @throws IllegalArgumentException naming the member when the JSON is not such an item, or when a cloud
         *                                  store of that name was registered
         */
        public Builder cloudStore(String dataItemJson) {
            CloudStoreItem item = CloudStoreItem.parse(dataItemJson);
            if (cloudStores.stream().anyMatch(c -> c.name().equals(item.name()))) {
                throw new IllegalArgumentException("two cloud stores named '" + item.name() + "'");
            }
            cloudStores.add(item);
            return this;
        }

        /** Adds a store provider explicitly (it wins over one of the same name found by ServiceLoader). */
        public Builder storeProvider(JobStoreProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** The clock of time stamps, deadlines, leases and the janitor's ages (default UTC system clock). */
        public Builder clock(Clock c) {
            this.clock = once("clock", clock, Objects.requireNonNull(c, "clock"));
            return this;
        }

        /**
         * This engine's node id, recorded on the jobs it runs and queues (default: random). Give a stable id so that
         * a restarted engine recognises the jobs it left at once; with another id it takes them over once their
         * lease expired, like any engine on the same store.
         *
         * @throws IllegalArgumentException unless 1-64 letters, digits, {@code _ . -}
         */
        public Builder nodeId(String id) {
            if (id == null || !id.matches("[A-Za-z0-9_.\\-]{1,64}")) {
                throw new IllegalArgumentException("nodeId must be 1-64 letters, digits, _ . -, got '" + id + "'");
            }
            this.nodeId = once("nodeId", nodeId, id);
            return this;
        }

        /** Adds a listener of status, progress and message events. */
        public Builder listener(JobListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** Who may read, cancel or delete which job (default: everyone everything). */
        public Builder accessPolicy(AccessPolicy p) {
            this.accessPolicy = once("accessPolicy", accessPolicy, Objects.requireNonNull(p, "accessPolicy"));
            return this;
        }

        /**
         * How long a claim on a job holds without renewal (default 30 s). An engine renews the leases of the jobs
         * it runs and queues every third of it, and every half of it looks for jobs of its services whose lease
         * expired (their engine stopped): on the engine's clock, it fails their executing jobs ("the engine running
         * it stopped"), cancels their cancelling ones and takes over their queued ones.
         */
        public Builder leaseDuration(Duration d) {
            this.leaseDuration = once("leaseDuration", leaseDuration, positive("leaseDuration", d));
            return this;
        }

        /** How often the janitor runs by itself (default 5 min, on the engine's scheduler). */
        public Builder janitorInterval(Duration d) {
            this.janitorInterval = once("janitorInterval", janitorInterval, positive("janitorInterval", d));
            return this;
        }

        /**
         * How long a task past its time limit, or running when the engine closes, has to stop after its
         * cancellation token fired before its thread is interrupted; a timed-out task still running as long again
         * after that is abandoned and its slot replaced (default 10 s, on the engine's clock).
         */
        public Builder timeoutGrace(Duration d) {
            this.timeoutGrace = once("timeoutGrace", timeoutGrace, positive("timeoutGrace", d));
            return this;
        }

        /**
         * The scheduler of the engine's timers: the watchdog tick (time limits, progress persistence, lease
         * renewal and takeover, cancel checks), the janitor, the polling of jobs another engine runs, and the
         * dispatchers' polls (default: threads of the engine's own, real time, ended by {@link GPEngine#close()}).
         * The engine does not shut down a scheduler given here; it cancels its pending tasks when it closes.
         */
        public Builder scheduler(EngineScheduler s) {
            this.scheduler = once("scheduler", scheduler, Objects.requireNonNull(s, "scheduler"));
            return this;
        }

        /**
         * Whether this engine runs jobs (default true). An engine without workers (a web tier) accepts jobs, answers
         * for them, cancels and deletes them, and leaves running them to other nodes: every service's jobs
         * directory must then be a store that dispatches across nodes (an Azure cloud store with its queue), which
         * {@link #build()} checks. The worker count of an engine that runs jobs is each service's
         * {@code maxInstances}, per node.
         */
        public Builder workers(boolean run) {
            this.workers = once("workers", workers, run);
            return this;
        }

        /**
         * Which URLs data inputs may name (default {@link UrlPolicy#none()}: no remote URL, any readable local
         * file). Checked at submit, and again when a task opens one through
         * {@link io.gpjobs.spi.TaskContext#openUrl}.
         */
        public Builder remoteUrls(UrlPolicy policy) {
            this.remoteUrls = once("remoteUrls", remoteUrls, Objects.requireNonNull(policy, "remoteUrls"));
            return this;
        }

        /**
         * Builds and starts the engine.
         *
         * @throws IllegalStateException    when no service was added
         * @throws IllegalArgumentException when a service's jobs directory has no provider or cloud store
         */
        public GPEngine build() {
            if (services.isEmpty()) {
                throw new IllegalStateException("an engine needs at least one service");
            }
            byte[] random = new byte[4];
            new SecureRandom().nextBytes(random);
            Options o = new Options(services, jobStore, cloudStores, providers,
                    clock != null ? clock : Clock.systemUTC(),
                    nodeId != null ? nodeId : "node-" + HexFormat.of().formatHex(random), listeners,
                    accessPolicy != null ? accessPolicy : AccessPolicy.allowAll(),
                    leaseDuration != null ? leaseDuration : Duration.ofSeconds(30),
                    janitorInterval != null ? janitorInterval : Duration.ofMinutes(5),
                    timeoutGrace != null ? timeoutGrace : Duration.ofSeconds(10), scheduler,
                    workers == null || workers, remoteUrls != null ? remoteUrls : UrlPolicy.none());
            return new GPEngine(EngineBridge.start(o), services);
        }
    }
}
