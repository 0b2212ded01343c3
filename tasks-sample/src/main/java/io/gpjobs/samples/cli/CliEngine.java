package io.gpjobs.samples.cli;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.Task;
import io.gpjobs.store.disk.DiskJobStoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The engine one {@code gpjobs} invocation runs: one service on a jobs directory on disk, shared with every other
 * invocation that names the same directory. The service is either the built-in {@value #DEFAULT_SERVICE} service
 * (asynchronous, every task {@link ServiceLoader} finds, progress persisted and cancel requests checked every
 * second so that other processes see them quickly) or one read from an admin service JSON file.
 *
 * <p>Each invocation is its own process, so a job runs only while the process that runs it lives. When an engine
 * starts it recovers the jobs earlier processes left: executing ones whose process is gone (its {@link #LEASE}
 * ran out) become Failed, queued ones run here. {@link #finishAndClose} therefore first lets any such job it picked
 * up finish, rather than fail it by stopping.
 *
 * <p>Thread-safe for the calls the CLI makes.
 */
final class CliEngine implements AutoCloseable {

    /** The name of the built-in service. */
    static final String DEFAULT_SERVICE = "samples";

    /** How long a claim on a job holds without renewal: a killed process's job is recovered this long after. */
    static final Duration LEASE = Duration.ofSeconds(10);

    private final GPService service;
    private final Path jobsDir;
    private final JobStore store;
    private final Set<String> executingHere = ConcurrentHashMap.newKeySet();
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile GPEngine engine;

    private CliEngine(GPService service, Path jobsDir, JobStore store) {
        this.service = service;
        this.jobsDir = jobsDir;
        this.store = store;
        this.engine = newEngine();
    }

    /**
     * Starts an engine on {@code jobsDir} with the built-in service, or the service of {@code serviceFile} (on its
     * own {@code jobsDirectory} when it names a local one).
     *
     * @throws UsageException naming the file or property when the service JSON cannot be read or is invalid, or no
     *                        task is on the class path
     */
    static CliEngine start(Path jobsDir, Path serviceFile) {
        List<Task> tasks = new ArrayList<>();
        ServiceLoader.load(Task.class, CliEngine.class.getClassLoader()).forEach(tasks::add);
        if (tasks.isEmpty()) {
            throw new UsageException("no task found on the class path (none registered in "
                    + "META-INF/services/io.gpjobs.spi.Task)");
        }
        GPService service = serviceFile == null ? defaultService(tasks) : readService(serviceFile, tasks);
        // The store of the service's jobs directory: the engine's store when the service names none, and the CLI's
        // view of the records (leases) and job folders either way.
        String own = service.jobsDirectory();
        Path dir = (own == null || own.startsWith("/cloudStores/") ? jobsDir : Path.of(own)).toAbsolutePath()
                .normalize();
        JobStore store = DiskJobStoreConfig.builder(dir).build().open();
        try {
            return new CliEngine(service, dir, store);
        } catch (IllegalArgumentException e) {
            store.close();
            throw new UsageException("cannot start the engine: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static GPService defaultService(List<Task> tasks) {
        GPService.Builder b = GPService.builder(DEFAULT_SERVICE)
                .description("The gpjobs sample tools.")
                .executionType(GPService.ExecutionType.ASYNCHRONOUS)
                .resultMapServer(true)
                .progressMessageUpdateInterval(Duration.ofSeconds(1))
                .cancellationCheckInterval(Duration.ofSeconds(1));
        tasks.forEach(b::task);
        return b.build();
    }

    private static GPService readService(Path serviceFile, List<Task> tasks) {
        String json;
        try {
            json = Files.readString(serviceFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("option '--service': file '" + serviceFile + "' does not exist", e);
        } catch (IOException e) {
            throw new UsageException("option '--service': cannot read '" + serviceFile + "': " + e, e);
        }
        try {
            return GPService.fromJson(json, tasks);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option '--service': '" + serviceFile + "' is not a valid service: "
                    + e.getMessage(), e);
        }
    }

    private GPEngine newEngine() {
        return GPEngine.builder().service(service).jobStore(store).leaseDuration(LEASE)
                .listener(new Tracker(executingHere)).build();
    }

    /** The current engine (a {@link #restart()} replaces it). */
    GPEngine engine() {
        return engine;
    }

    /** The service every command acts on. */
    GPService service() {
        return service;
    }

    /**
     * The jobs directory the service's jobs are in (absolute): the service's own local {@code jobsDirectory}, else
     * the {@code --jobs-dir} one.
     */
    Path jobsDir() {
        return jobsDir;
    }

    /**
     * The folder of a job's files on disk (record, inputs, results, scratch), or null when it cannot be found (the
     * job is gone, or the service's jobs directory is a cloud store).
     */
    Path jobFolder(String jobId) {
        String own = service.jobsDirectory();
        if ((own != null && own.startsWith("/cloudStores/")) || !Files.isDirectory(jobsDir)) {
            return null;
        }
        try (Stream<Path> services = Files.list(jobsDir)) {
            return services.map(s -> s.resolve(jobId)).filter(Files::isDirectory).findFirst()
                    .map(p -> p.toAbsolutePath().normalize()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether the job is executing (or cancelling) in another process that stopped renewing its claim, i.e. a
     * process that was killed. The next engine that starts on the directory marks such a job Failed.
     */
    boolean runnerGone(String jobId) {
        if (executingHere.contains(jobId) || (service.jobsDirectory() != null
                && service.jobsDirectory().startsWith("/cloudStores/"))) {
            return false;
        }
        return store.read(jobId)
                .filter(r -> r.status() == JobStatus.EXECUTING || r.status() == JobStatus.CANCELLING)
                .map(r -> r.leaseUntil() == null || clock.instant().isAfter(r.leaseUntil().plusSeconds(2)))
                .orElse(false);
    }

    /** Stops the engine and starts a fresh one on the same store, which recovers the jobs whose runner is gone. */
    synchronized void restart() {
        if (closed.get()) {
            throw new IllegalStateException("the engine is closed");
        }
        engine.close();
        engine = newEngine();
    }

    /**
     * Lets the jobs this engine picked up from earlier processes finish (telling {@code err}), then stops the
     * engine and closes the store.
     */
    void finishAndClose(PrintStream err) {
        for (String id : List.copyOf(executingHere)) {
            err.println("gpjobs: finishing job " + id + ", which an earlier gpjobs process left queued");
            JobInfo j = engine.anonymous().awaitCompletion(id, service.maxUsageTime().plusSeconds(30));
            err.println("gpjobs: job " + id + " " + ProgressRenderer.statusWord(j.status()));
        }
        close();
    }

    /** Stops the engine (a job still executing here is marked Failed) and closes the store. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            engine.close();
        } finally {
            store.close();
        }
    }

    /** Tracks which jobs this engine is executing; its events come from this engine only. */
    private static final class Tracker implements JobListener {
        private final Set<String> executing;

        Tracker(Set<String> executing) {
            this.executing = executing;
        }

        @Override
        public void onStatus(String jobId, JobStatus from, JobStatus to) {
            if (to == JobStatus.EXECUTING) {
                executing.add(jobId);
            } else if (to.isTerminal()) {
                executing.remove(jobId);
            }
        }
    }
}
