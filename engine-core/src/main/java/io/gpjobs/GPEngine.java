package io.gpjobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.internal.JobEngine;
import io.gpjobs.internal.JobReads;
import io.gpjobs.internal.StoreResolver;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import io.gpjobs.spi.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.security.SecureRandom;

/**
 * An embedded GP job engine: the host's entry point. It runs the tasks of its {@link GPService}s synchronously
 * ({@link #execute}) or as jobs ({@link #submitJob}), and answers the job resources of the GP REST contract.
 *
 * <p>Each service has a bounded queue and {@code maxInstances} worker threads named {@code gpjobs-<service>-N}.
 * Every record write is a compare-and-set on the service's {@link JobStore}; status reads are served from a small
 * cache the write path keeps current, with the live progress and messages of running jobs overlaid.
 *
 * <p>When the store is unreachable, submissions fail with its {@code JobStoreException} (nothing is accepted). A
 * job that ends meanwhile keeps its stored status (Executing) and shows its live messages; the engine keeps its
 * outcome and writes it, results before Succeeded, once the store answers again (retried with a backoff from 1 s
 * up to 30 s on the engine's clock). A queued job whose start the store refuses stays queued and is tried again.
 *
 * <p>Engines sharing a store hold the jobs they run and queue with leases they renew. When an engine dies, another
 * engine of the same services takes its jobs over once their leases expired (checked every half lease, on the
 * engine's clock): executing jobs become Failed ("the engine running it stopped"), queued ones run there. An engine
 * starting with the dead one's node id takes them over at once.
 *
 * <p>Thread-safe. Methods that take a {@code principal} check it against the {@link AccessPolicy} (null means
 * anonymous); those without use the anonymous principal. Job ids are validated before any store is touched.
 * Build with {@link #builder()}; {@link #close()} stops every thread the engine started.
 */
public final class GPEngine implements AutoCloseable {
    private final JobEngine engine;
    private final JobReads reads;
    private final Map<String, GPService> services;

    private GPEngine(JobEngine engine, Map<String, GPService> services) {
        this.engine = engine;
        this.reads = engine.reads();
        this.services = Map.copyOf(services);
    }

    /** A builder for an engine. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- running ----

    /**
     * Runs a task of a synchronous service and waits for it (at most maxWaitTime for a worker plus maxUsageTime).
     *
     * @param inputs values by parameter name: REST form literals or JSON text ({@link String}), Jackson
     *               {@code JsonNode}s, or {@code GPValue}s
     * @return the outputs and the messages the service's level lets through
     * @throws InvalidInputException when an input is invalid (nothing is stored)
     * @throws GPException           404 unknown service or task; 400 when the service is asynchronous; 503 when
     *                               the queue is full; 500 "Unable to complete operation." with the job's error
     *                               messages as details when the task fails, times out or is cancelled
     */
    public ExecuteResult execute(String service, String task, Map<String, ?> inputs) {
        return execute(service, task, inputs, null);
    }

    /** {@link #execute(String, String, Map)} on behalf of {@code principal} (recorded as the job's owner). */
    public ExecuteResult execute(String service, String task, Map<String, ?> inputs, String principal) {
        JobEngine.Executed done = engine.executeAndWait(service, task, inputs, principal);
        JobRecord r = done.record();
        JobInfo info = reads.job(r.jobId(), principal);
        if (r.status() != JobStatus.SUCCEEDED) {
            List<String> details = new ArrayList<>();
            for (JobMessage m : r.messages()) {
                if (m.type() == MessageType.ERROR) {
                    details.add(m.description());
                }
            }
            if (details.isEmpty()) {
                details.add("job '" + r.jobId() + "' ended " + r.status().wireName());
            }
            throw new GPException(500, "Unable to complete operation.", details);
        }
        return new ExecuteResult(r.jobId(), reads.values(r.jobId(), principal, true, done.results()), info.messages());
    }

    /**
     * Submits a job to an asynchronous service: validates the inputs, stores the job (Submitted, or Waiting when
     * every worker is busy) and queues it.
     *
     * @param inputs as for {@link #execute(String, String, Map)}
     * @return the new job
     * @throws InvalidInputException when an input is invalid (nothing is stored)
     * @throws GPException           404 unknown service or task; 400 when the service is synchronous; 503 when
     *                               the service's queue is full
     */
    public JobInfo submitJob(String service, String task, Map<String, ?> inputs) {
        return submitJob(service, task, inputs, null);
    }

    /** {@link #submitJob(String, String, Map)} on behalf of {@code principal} (recorded as the job's owner). */
    public JobInfo submitJob(String service, String task, Map<String, ?> inputs, String principal) {
        JobRecord r = engine.submit(service, task, inputs, principal, false);
        return reads.view(r);
    }

    // ---- job resources ----

    /**
     * The job as a reader sees it now (live progress and messages while it executes).
     *
     * @throws InvalidInputException malformed id; {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public JobInfo job(String jobId) {
        return job(jobId, null);
    }

    /** {@link #job(String)} on behalf of {@code principal}. */
    public JobInfo job(String jobId, String principal) {
        return reads.job(jobId, principal);
    }

    /**
     * Cancels a job: Submitted/Waiting ones become Cancelled at once, an Executing one becomes Cancelling (its
     * token fires) and Cancelled when its task returns. Cancelling a Cancelling job changes nothing.
     *
     * @return the job after the request
     * @throws InvalidInputException when the job already ended (the message names the job and its status)
     */
    public JobInfo cancel(String jobId) {
        return cancel(jobId, null);
    }

    /** {@link #cancel(String)} on behalf of {@code principal}. */
    public JobInfo cancel(String jobId, String principal) {
        JobRecord r = engine.cancel(jobId, principal);
        return reads.view(r);
    }

    /**
     * Deletes a job: cancels it if it runs, then removes its record, values and files.
     *
     * @return the job with status Deleted (it can no longer be read)
     */
    public JobInfo delete(String jobId) {
        return delete(jobId, null);
    }

    /** {@link #delete(String)} on behalf of {@code principal}. */
    public JobInfo delete(String jobId, String principal) {
        JobRecord r = engine.delete(jobId, principal);
        return new JobInfo(r.jobId(), r.serviceName(), r.taskName(), JobStatus.DELETED, List.of(), null,
                r.submitted(), r.started(), r.ended(), r.updated(), r.owner(), List.of(), List.of());
    }

    /**
     * One result of a job.
     *
     * @throws InvalidInputException when the job has no such result (e.g. it did not succeed)
     */
    public ParameterValue result(String jobId, String paramName) {
        return result(jobId, paramName, null);
    }

    /** {@link #result(String, String)} on behalf of {@code principal}. */
    public ParameterValue result(String jobId, String paramName, String principal) {
        return reads.value(jobId, paramName, principal, true);
    }

    /** All results of a job in parameter order (empty unless it succeeded). */
    public List<ParameterValue> results(String jobId) {
        return results(jobId, null);
    }

    /** {@link #results(String)} on behalf of {@code principal}. */
    public List<ParameterValue> results(String jobId, String principal) {
        return reads.values(jobId, principal, true);
    }

    /**
     * One input of a job as stored (tokens redacted).
     *
     * @throws InvalidInputException when the job has no such input
     */
    public ParameterValue input(String jobId, String paramName) {
        return input(jobId, paramName, null);
    }

    /** {@link #input(String, String)} on behalf of {@code principal}. */
    public ParameterValue input(String jobId, String paramName, String principal) {
        return reads.value(jobId, paramName, principal, false);
    }

    /** All stored inputs of a job in parameter order (tokens redacted). */
    public List<ParameterValue> inputs(String jobId) {
        return inputs(jobId, null);
    }

    /** {@link #inputs(String)} on behalf of {@code principal}. */
    public List<ParameterValue> inputs(String jobId, String principal) {
        return reads.values(jobId, principal, false);
    }

    /**
     * Opens a file of a job, such as one its task wrote to its scratch folder ({@code scratch/<name>}). The caller
     * closes the stream.
     *
     * @param relativePath a path relative to the job, {@code /}-separated, without {@code ..} segments
     * @return the file's content, or empty when the job has no such file
     * @throws InvalidInputException malformed id or path; {@link JobNotFoundException} unknown id; GPException 403
     *                               refused; {@code JobStoreException} when the storage fails
     */
    public java.util.Optional<java.io.InputStream> openFile(String jobId, String relativePath) {
        return openFile(jobId, relativePath, null);
    }

    /** {@link #openFile(String, String)} on behalf of {@code principal}. */
    public java.util.Optional<java.io.InputStream> openFile(String jobId, String relativePath, String principal) {
        return reads.openFile(jobId, relativePath, principal);
    }

    /**
     * Waits until the job reaches a terminal status or {@code timeout} passes, without polling for jobs this engine
     * runs (jobs run by another engine on a shared store are polled every 50 ms).
     *
     * @return the job at that moment: check {@link JobInfo#isTerminal()} to tell a timeout
     */
    public JobInfo awaitCompletion(String jobId, Duration timeout) {
        return awaitCompletion(jobId, timeout, null);
    }

    /** {@link #awaitCompletion(String, Duration)} on behalf of {@code principal}. */
    public JobInfo awaitCompletion(String jobId, Duration timeout, String principal) {
        Objects.requireNonNull(timeout, "timeout");
        return reads.await(jobId, timeout, principal);
    }

    // ---- admin ----

    /**
     * One page of jobs matching {@code query} (an admin operation: no access check), ordered by submitted time.
     * When the query names no service and services use different stores, every store is queried.
     */
    public List<JobInfo> jobs(JobQuery query) {
        return jobPage(query).jobs();
    }

    /**
     * Like {@link #jobs(JobQuery)}, with the total number of matching jobs and the offset of the next page (the
     * admin {@code jobs/query} answer's {@code total} and {@code nextStart}).
     */
    public JobInfoPage jobPage(JobQuery query) {
        Objects.requireNonNull(query, "query");
        return reads.jobs(query);
    }

    /** This engine's node id (recorded on the jobs it runs). */
    public String nodeId() {
        return engine.nodeId();
    }

    /** Cancels every New, Submitted or Waiting job of a service; returns how many were cancelled. */
    public int purgeQueue(String service) {
        return reads.purgeQueue(service);
    }

    /** How many jobs of a service are in each of the eleven statuses (zeros included). */
    public Map<JobStatus, Integer> statistics(String service) {
        return reads.statistics(service);
    }

    /**
     * Removes now the finished jobs older than their service's maxFileAge (judged on the engine's clock) and storage
     * that belongs to no job; the engine also does this every janitor interval.
     *
     * @return how many jobs (and orphaned job folders) were removed
     */
    public int runJanitor() {
        return reads.runJanitor();
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
     * every thread the engine started ends; stores the engine opened are closed (a store given to
     * {@link Builder#jobStore} is not). Jobs that finished while their store refused writes (their outcome is kept
     * and retried in the meantime) get one last attempt; those still refused are logged and stay Executing in the
     * store until an engine on the same store marks them Failed: one starting with this node id at once, any other
     * running one once their lease expired. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    /**
     * Builds a {@link GPEngine}. Each option is checked when set; {@link #build()} resolves the stores, recovers
     * unfinished jobs and starts the threads. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, GPService> services = new LinkedHashMap<>();
        private JobStore jobStore;
        private final List<String> cloudStores = new ArrayList<>();
        private final List<JobStoreProvider> providers = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private boolean workers = true;
        private String nodeId;
        private final List<JobListener> listeners = new ArrayList<>();
        private AccessPolicy accessPolicy = AccessPolicy.allowAll();
        private Duration leaseDuration = Duration.ofSeconds(30);
        private Duration janitorInterval = Duration.ofMinutes(5);
        private Duration timeoutGrace = Duration.ofSeconds(10);
        private EngineScheduler scheduler;

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
            this.jobStore = Objects.requireNonNull(store, "jobStore");
            return this;
        }

        /**
         * Registers a cloud store from its data item JSON
         * {@code {"path":"/cloudStores/<name>","type":"cloudStore","provider":"azure","info":{…}}}; services with
         * {@code jobsDirectory} {@code /cloudStores/<name>} use it. The provider is found by name.
         *
         * @throws IllegalArgumentException naming the member when the JSON is not such an item
         */
        public Builder cloudStore(String dataItemJson) {
            StoreResolver.parseCloudStore(dataItemJson);
            cloudStores.add(dataItemJson);
            return this;
        }

        /** Adds a store provider explicitly (it wins over one of the same name found by ServiceLoader). */
        public Builder storeProvider(JobStoreProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** The clock of time stamps, deadlines, leases and the janitor's ages (default UTC system clock). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * This engine's node id, recorded on the jobs it runs and queues (default: random). Give a stable id so that
         * a restarted engine recognises the jobs it left at once; with another id it takes them over once their
         * lease expired, like any engine on the same store.
         */
        public Builder nodeId(String id) {
            if (id == null || !id.matches("[A-Za-z0-9_.\\-]{1,64}")) {
                throw new IllegalArgumentException("nodeId must be 1-64 letters, digits, _ . -, got '" + id + "'");
            }
            this.nodeId = id;
            return this;
        }

        /** Adds a listener of status, progress and message events. */
        public Builder listener(JobListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** Who may read, cancel or delete which job (default: everyone everything). */
        public Builder accessPolicy(AccessPolicy p) {
            this.accessPolicy = Objects.requireNonNull(p, "accessPolicy");
            return this;
        }

        /**
         * How long a claim on a job holds without renewal (default 30 s). An engine renews the leases of the jobs
         * it runs and queues every third of it, and every half of it looks for jobs of its services whose lease
         * expired (their engine stopped): on the engine's clock, it fails their executing jobs ("the engine running
         * it stopped"), cancels their cancelling ones and takes over their queued ones.
         */
        public Builder leaseDuration(Duration d) {
            this.leaseDuration = positive("leaseDuration", d);
            return this;
        }

        /** How often the janitor runs by itself (default 5 min, real time). */
        public Builder janitorInterval(Duration d) {
            this.janitorInterval = positive("janitorInterval", d);
            return this;
        }

        /**
         * How long a task past its time limit may take to stop after cancellation and interruption before its thread
         * is abandoned and replaced (default 10 s, on the engine's clock).
         */
        public Builder timeoutGrace(Duration d) {
            this.timeoutGrace = positive("timeoutGrace", d);
            return this;
        }

        /**
         * The scheduler of the engine's timers: the watchdog tick (time limits, progress persistence, lease
         * renewal and takeover, cancel checks), the janitor, the polling of jobs another engine runs, and the
         * dispatchers' polls (default: threads of the engine's own, real time, ended by {@link GPEngine#close()}).
         * The engine does not shut down a scheduler given here; it cancels its pending tasks when it closes.
         */
        public Builder scheduler(EngineScheduler s) {
            this.scheduler = Objects.requireNonNull(s, "scheduler");
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
            this.workers = run;
            return this;
        }

        private static String randomHex() {
            byte[] b = new byte[4];
            new SecureRandom().nextBytes(b);
            return HexFormat.of().formatHex(b);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        /**
         * Builds and starts the engine.
         *
         * @throws IllegalArgumentException when there is no service, or a service's jobs directory has no provider
         *                                  or cloud store
         */
        public GPEngine build() {
            if (services.isEmpty()) {
                throw new IllegalArgumentException("an engine needs at least one service");
            }
            StoreResolver resolver = new StoreResolver(providers);
            cloudStores.forEach(json -> resolver.addCloudStore(StoreResolver.parseCloudStore(json)));
            String node = nodeId != null ? nodeId : "node-" + randomHex();
            try {
                Map<GPService, JobStore> stores = resolver.resolve(List.copyOf(services.values()), jobStore);
                JobEngine e = new JobEngine(new JobEngine.Settings(stores, resolver.owned(), clock, node, listeners,
                        accessPolicy, leaseDuration, janitorInterval, timeoutGrace, scheduler, workers));
                return new GPEngine(e, services);
            } catch (RuntimeException ex) {
                resolver.owned().forEach(st -> {
                    try {
                        st.close();
                    } catch (RuntimeException ignored) {
                        // best effort: the build failed anyway
                    }
                });
                throw ex;
            }
        }
    }
}
