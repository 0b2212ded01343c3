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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine one {@code gpjobs} invocation runs: one service on a jobs directory on disk, shared with every other
 * invocation that names the same directory. The service is either the built-in {@value #DEFAULT_SERVICE} service
 * (asynchronous, every task {@link ServiceLoader} finds, progress persisted and cancel requests checked every
 * second so that other processes see them quickly) or one read from an admin service JSON file.
 *
 * <p>Each invocation is its own process, so a job runs only while the process that runs it lives. When the engine
 * starts it recovers the jobs earlier processes left: executing ones whose process is gone become Failed, queued ones
 * run here. {@link #close()} therefore first lets any such job it picked up finish, rather than fail it by stopping.
 *
 * <p>Thread-safe for the calls the CLI makes; closed once.
 */
final class CliEngine implements AutoCloseable {

    /** The name of the built-in service. */
    static final String DEFAULT_SERVICE = "samples";

    private final GPEngine engine;
    private final GPService service;
    private final Path jobsDir;
    private final JobStore ownStore;
    private final Set<String> executingHere;

    private CliEngine(GPEngine engine, GPService service, Path jobsDir, JobStore ownStore, Set<String> executing) {
        this.engine = engine;
        this.service = service;
        this.jobsDir = jobsDir;
        this.ownStore = ownStore;
        this.executingHere = executing;
    }

    /**
     * Starts an engine on {@code jobsDir} with the built-in service, or the service of {@code serviceFile}.
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
        Path dir = jobsDir.toAbsolutePath().normalize();
        GPService service;
        if (serviceFile == null) {
            GPService.Builder b = GPService.builder(DEFAULT_SERVICE)
                    .description("The gpjobs sample tools.")
                    .executionType(GPService.ExecutionType.ASYNCHRONOUS)
                    .resultMapServer(true)
                    .progressMessageUpdateInterval(Duration.ofSeconds(1))
                    .cancellationCheckInterval(Duration.ofSeconds(1));
            tasks.forEach(b::task);
            service = b.build();
        } else {
            String json;
            try {
                json = Files.readString(serviceFile, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UsageException("option '--service': file '" + serviceFile + "' does not exist", e);
            } catch (IOException e) {
                throw new UsageException("option '--service': cannot read '" + serviceFile + "': " + e, e);
            }
            try {
                service = GPService.fromJson(json, tasks);
            } catch (IllegalArgumentException e) {
                throw new UsageException("option '--service': '" + serviceFile + "' is not a valid service: "
                        + e.getMessage(), e);
            }
        }
        JobStore store = DiskJobStoreConfig.builder(dir).build().open();
        Set<String> executing = ConcurrentHashMap.newKeySet();
        try {
            GPEngine engine = GPEngine.builder().service(service).jobStore(store).listener(new Tracker(executing))
                    .build();
            return new CliEngine(engine, service, dir, store, executing);
        } catch (IllegalArgumentException e) {
            store.close();
            throw new UsageException("cannot start the engine: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The engine. */
    GPEngine engine() {
        return engine;
    }

    /** The service every command acts on. */
    GPService service() {
        return service;
    }

    /** The jobs directory of services without a {@code jobsDirectory} of their own (absolute). */
    Path jobsDir() {
        return jobsDir;
    }

    /**
     * The folder of a job's files on disk (record, inputs, results, scratch), or null when it cannot be found (the
     * job is gone, or the service's jobs directory is not on this machine's disk).
     */
    Path jobFolder(String jobId) {
        String dir = service.jobsDirectory();
        Path root = dir == null ? jobsDir : dir.startsWith("/cloudStores/") ? null : Path.of(dir);
        if (root == null || !Files.isDirectory(root)) {
            return null;
        }
        try (var services = Files.list(root)) {
            return services.map(s -> s.resolve(jobId)).filter(Files::isDirectory).findFirst()
                    .map(p -> p.toAbsolutePath().normalize()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Lets the jobs this engine picked up from earlier processes finish (telling {@code err}), then stops the
     * engine and closes the store.
     */
    void finishAndClose(PrintStream err) {
        for (String id : List.copyOf(executingHere)) {
            err.println("gpjobs: finishing job " + id + ", which an earlier gpjobs process left queued");
            JobInfo j = engine.awaitCompletion(id, service.maxUsageTime().plusSeconds(30));
            err.println("gpjobs: job " + id + " " + ProgressRenderer.statusWord(j.status()));
        }
        close();
    }

    /** Stops the engine (a job still executing here is marked Failed) and closes the store. Idempotent. */
    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            ownStore.close();
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
