package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.StoredValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link JobStore} that keeps records, values and files in memory; a job's scratch folder is a temporary
 * folder, deleted with the job or when the store closes. The default store of an engine, and the store of tests.
 *
 * <p>Finished jobs are kept until the janitor deletes them or, when more than {@code maxFinishedJobs} have
 * finished, the oldest finished first are evicted (they then read as not found), so the store's memory stays
 * bounded however many jobs run.
 *
 * <p>Thread-safe: each job's state is one immutable entry replaced atomically in a {@link ConcurrentHashMap},
 * so compare-and-set is a {@code compute} on the job id.
 */
public final class InMemoryJobStore implements JobStore {

    /** Everything stored for one job; replaced as a whole. {@code finishing}: this write moved it to a terminal status. */
    private record Entry(JobRecord record, Map<String, StoredValue> inputs, Map<String, StoredValue> results,
            boolean finishing) {
    }

    private final ConcurrentHashMap<String, Entry> jobs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, byte[]>> files = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Path> scratch = new ConcurrentHashMap<>();
    /** The node ids of the live engines on this store. */
    private final java.util.Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final FinishedJobsCap finished;
    /** The retention cap's eviction callback, made once (not per finished job). */
    private final java.util.function.Consumer<String> evictor = this::evict;
    private volatile Path scratchRoot;
    private volatile boolean closed;

    /** Creates an empty store keeping {@link io.gpjobs.MemoryJobStoreProvider#DEFAULT_MAX_FINISHED_JOBS} finished jobs. */
    public InMemoryJobStore() {
        this(io.gpjobs.MemoryJobStoreProvider.DEFAULT_MAX_FINISHED_JOBS);
    }

    /**
     * Creates an empty store that keeps at most {@code maxFinishedJobs} finished jobs (oldest finished evicted
     * first). Does no I/O until a scratch folder is asked for.
     *
     * @throws IllegalArgumentException naming the value when it is below 1
     */
    public InMemoryJobStore(int maxFinishedJobs) {
        finished = new FinishedJobsCap(maxFinishedJobs);
    }

    @Override
    public JobRecord create(JobRecord record, Map<String, StoredValue> inputs) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(inputs, "inputs");
        checkOpen();
        if (record.version() != 0) {
            throw new IllegalArgumentException("a new record must have version 0, job '" + record.jobId()
                    + "' has " + record.version());
        }
        JobRecord stored = record.withVersion(1);
        Entry fresh = new Entry(stored, Map.copyOf(inputs), Map.of(), false);
        if (jobs.putIfAbsent(record.jobId(), fresh) != null) {
            throw new JobConflictException(record.jobId(), "a record with this id already exists");
        }
        if (stored.status().isTerminal()) {
            finished.finished(stored.jobId(), evictor);
        }
        return stored;
    }

    @Override
    public Optional<JobRecord> read(String jobId) {
        JobRecord.requireValidJobId(jobId);
        checkOpen();
        Entry e = jobs.get(jobId);
        return e == null ? Optional.empty() : Optional.of(e.record());
    }

    @Override
    public JobRecord update(JobRecord next) {
        Objects.requireNonNull(next, "next");
        checkOpen();
        String id = next.jobId();
        Entry result = jobs.compute(id, (k, cur) -> {
            if (cur == null) {
                throw new JobNotFoundException(id);
            }
            if (cur.record().version() != next.version()) {
                throw new JobConflictException(id, "expected version " + next.version() + " but the store has "
                        + cur.record().version());
            }
            return new Entry(next.withVersion(next.version() + 1), cur.inputs(), cur.results(),
                    next.status().isTerminal() && !cur.record().status().isTerminal());
        });
        if (result.finishing()) {
            finished.finished(id, evictor);
        }
        return result.record();
    }

    /** Drops a job the retention cap handed out, when it is still finished (not already deleted or re-created). */
    private void evict(String jobId) {
        Entry e = jobs.get(jobId);
        if (e != null && e.record().status().isTerminal() && !closed) {
            delete(jobId);
        }
    }

    @Override
    public JobPage query(JobQuery query) {
        Objects.requireNonNull(query, "query");
        checkOpen();
        List<JobRecord> matching = new ArrayList<>();
        for (Entry e : jobs.values()) {
            if (query.matches(e.record())) {
                matching.add(e.record());
            }
        }
        matching.sort(Comparator.comparing(JobRecord::submitted).thenComparing(JobRecord::jobId));
        int total = matching.size();
        int from = Math.min(query.offset(), total);
        int to = Math.min(from + query.limit(), total);
        return new JobPage(matching.subList(from, to), total, to < total ? to : -1);
    }

    @Override
    public boolean delete(String jobId) {
        JobRecord.requireValidJobId(jobId);
        checkOpen();
        boolean had = jobs.remove(jobId) != null;
        had |= files.remove(jobId) != null;
        Path dir = scratch.remove(jobId);
        if (dir != null) {
            MemoryFiles.deleteTree(dir);
            had = true;
        } else {
            Path base = scratchRoot;
            if (base != null) {
                // made again by a task of a deleted job that went on writing
                MemoryFiles.deleteTree(base.resolve(jobId));
            }
        }
        return had;
    }

    @Override
    public Map<String, StoredValue> inputs(String jobId) {
        JobRecord.requireValidJobId(jobId);
        checkOpen();
        Entry e = jobs.get(jobId);
        return e == null ? Map.of() : e.inputs();
    }

    @Override
    public void putResults(String jobId, Map<String, StoredValue> results) {
        JobRecord.requireValidJobId(jobId);
        Objects.requireNonNull(results, "results");
        checkOpen();
        Map<String, StoredValue> copy = Map.copyOf(results);
        Entry known = jobs.get(jobId);
        if (copy.isEmpty() && known != null && known.results().isEmpty()) {
            return; // no results replacing none (a task without outputs): nothing to write
        }
        jobs.compute(jobId, (k, cur) -> {
            if (cur == null) {
                throw new JobNotFoundException(jobId);
            }
            return new Entry(cur.record(), cur.inputs(), copy, false);
        });
    }

    @Override
    public Map<String, StoredValue> results(String jobId) {
        JobRecord.requireValidJobId(jobId);
        checkOpen();
        Entry e = jobs.get(jobId);
        return e == null ? Map.of() : e.results();
    }

    @Override
    public Path scratchFolder(String jobId) throws IOException {
        JobRecord.requireValidJobId(jobId);
        checkOpen();
        try {
            return scratch.computeIfAbsent(jobId, id -> {
                try {
                    return Files.createDirectories(root().resolve(id));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private synchronized Path root() throws IOException {
        if (scratchRoot == null) {
            scratchRoot = Files.createTempDirectory("gpjobs-memory-");
        }
        return scratchRoot;
    }

    @Override
    public void persistScratch(String jobId) {
        JobRecord.requireValidJobId(jobId);
        // The scratch folder is the job's own storage here: nothing to upload.
    }

    @Override
    public void writeFile(String jobId, String relativePath, InputStream content) throws IOException {
        JobRecord.requireValidJobId(jobId);
        String path = MemoryFiles.checkPath(relativePath);
        Objects.requireNonNull(content, "content");
        checkOpen();
        byte[] bytes = content.readAllBytes();
        files.computeIfAbsent(jobId, k -> new ConcurrentHashMap<>()).put(path, bytes);
    }

    @Override
    public Optional<InputStream> readFile(String jobId, String relativePath) throws IOException {
        JobRecord.requireValidJobId(jobId);
        String path = MemoryFiles.checkPath(relativePath);
        checkOpen();
        if (path.startsWith("scratch/")) {
            Path dir = scratch.get(jobId);
            Path f = dir == null ? null : dir.resolve(path.substring("scratch/".length()));
            return f != null && Files.isRegularFile(f) ? Optional.of(Files.newInputStream(f)) : Optional.empty();
        }
        Map<String, byte[]> jobFiles = files.get(jobId);
        byte[] bytes = jobFiles == null ? null : jobFiles.get(path);
        return bytes == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes));
    }

    @Override
    public List<String> listFiles(String jobId) throws IOException {
        JobRecord.requireValidJobId(jobId);
        checkOpen();
        TreeSet<String> names = new TreeSet<>();
        Map<String, byte[]> jobFiles = files.get(jobId);
        if (jobFiles != null) {
            names.addAll(jobFiles.keySet());
        }
        Path dir = scratch.get(jobId);
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .forEach(p -> names.add("scratch/" + dir.relativize(p).toString().replace('\\', '/')));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public NodeRegistration registerNode(String nodeId) {
        java.util.Objects.requireNonNull(nodeId, "nodeId");
        checkOpen();
        if (!nodes.add(nodeId)) {
            throw new IllegalStateException("node id '" + nodeId + "' is already used by a live engine on this "
                    + "in-memory job store; give each engine its own nodeId");
        }
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                nodes.remove(nodeId);
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        Path root = scratchRoot;
        if (root != null) {
            MemoryFiles.deleteTree(root);
        }
        scratch.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new JobStoreException("the in-memory job store is closed");
        }
    }
}
