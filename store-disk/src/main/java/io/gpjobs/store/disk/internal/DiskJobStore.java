package io.gpjobs.store.disk.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.StoredValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobStore} on a local file system, laid out so a person can read it:
 * <pre>
 * &lt;root&gt;/&lt;service&gt;_gpserver/&lt;jobId&gt;/record.json     the record (status, version, times, owner, node,
 *                                                      lease, messages, progress, cancel flag)
 *                                    inputs/&lt;param&gt;.json   one file per input value
 *                                    results/&lt;param&gt;.json  one file per result value
 *                                    files/…             files the engine writes for the job
 *                                    scratch/…           the task's workspace, listed as {@code scratch/…}
 * &lt;root&gt;/.locks/00.lock … ff.lock                       per-job lock stripes
 * &lt;root&gt;/.writers/&lt;pid&gt;-&lt;random&gt;                        one change marker per open store
 * </pre>
 *
 * <p><b>Writes.</b> Every record write goes to a temporary file that is renamed over {@code record.json}; a new
 * job folder (record and inputs) is built under a temporary name and renamed into place; results are replaced by
 * swapping folders; a deleted job's folder is first renamed away, then removed. Readers therefore never see a
 * torn record, and a crash leaves only temporary names behind, which the next open removes. Every
 * read-check-write of a record holds the job's lock ({@link JobLocks}: a thread lock plus a file lock), so
 * threads and processes sharing the directory never lose an update. While the stores of one JVM are the only ones
 * open on the directory ({@link WriterMode}), the file lock and the read before a write are left out: the store
 * checks the version against the one it wrote last; a store opening in another process ends that first.
 *
 * <p><b>Durability.</b> By default ({@code fsync=false}) nothing is forced to the device: a killed or crashed
 * process loses nothing (the kernel holds the data), but a power loss or kernel crash may lose the last seconds of
 * writes, and on some file systems leave a record empty, which is then quarantined as corrupt. With
 * {@code fsync=true} each write forces the file before the rename and the folder after it, and
 * {@code persistScratch} forces the task's files; a write then survives a power loss once the call returns, at
 * the cost of two device flushes per write.
 *
 * <p><b>Queries</b> run over an in-memory {@link RecordIndex} built at open and kept current by this store's writes.
 * When another store (another engine, another process) has changed records since, which {@link WriterMarks}
 * tells cheaply, a query first refreshes the index from the directory; see {@link RecordIndex} for what that
 * costs (no record is read unless it changed). The index holds only the fields queries filter and sort on (about
 * 130 bytes per job: the slot, its place in a sorted set, its place in the id table); the records of a page are
 * read from their files.
 *
 * <p><b>Sharing.</b> Stores in several processes on one machine may share a directory: record writes hold the
 * job's file lock and check the version, and temporary names carry the writer's process id so that an opening
 * store removes only those of dead processes. A store alone on its directory writes without both until another
 * opens (which waits about 0.1 s for that); it trusts its memory of the versions it wrote, so a record edited by
 * hand meanwhile is overwritten by the job's next write rather than refused as a conflict. The processes must run
 * on one machine and see each other's process ids (one PID namespace: not separate containers sharing a volume);
 * network file systems are not supported (process ids and POSIX locks are per machine).
 *
 * <p><b>Corrupt records</b> (unparsable, truncated, of another job, or not a file at all: a folder, a link) are
 * quarantined: {@code record.json} is renamed to {@code record.json.corrupt-<epoch millis>}, a warning is logged,
 * and a stand-in record is written in its place: the job reads and lists as {@code esriJobFailed} with an error
 * message naming the moved file, keeping what the damaged bytes still tell (service, task, owner, submitted time;
 * an owner they do not tell becomes one no caller is). This happens wherever the record is first read: at open, in
 * a refresh, on a page or a read by id; neither an open nor a query fails because of one job. A record in a newer
 * format than this version reads is not corrupt: it is left alone, skipped with a warning, and a read of it throws
 * a {@link JobStoreException} saying so. The janitor removes the stand-in's job after the maximum file age.
 *
 * <p>Thread-safe; safe to share the directory with other stores in this or other processes on the same machine.
 * After {@link #close()} every method throws {@link IllegalStateException}.
 */
@SuppressWarnings("try") // try-with-resources holds a job lock whose variable the body never uses
public final class DiskJobStore implements JobStore {

    private static final System.Logger LOG = System.getLogger(DiskJobStore.class.getName());
    /** After how many changes of the index the janitor (or an open) writes its snapshot again. */
    private static final long SNAPSHOT_AFTER = 10_000;

    private final Path root;
    private final AtomicFiles files;
    private final JobLocks locks;
    private final RecordIndex index;
    private final JobFiles jobFiles;
    private final WriterMarks marks;
    private final JobRecords records;
    private final Removals removals;
    private final StoredValues values;
    /** The index's change count when its snapshot was last written or restored. */
    private volatile long savedChanges;
    /** The node ids registered through this store, given up when it closes. */
    private final java.util.Set<NodeRegistration> nodes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DiskJobStore(Path root, boolean fsync, Clock clock, JobLocks locks, WriterMarks marks) {
        this.root = root;
        this.marks = marks;
        this.files = new AtomicFiles(fsync);
        this.locks = locks;
        this.index = new RecordIndex(root);
        this.jobFiles = new JobFiles(files);
        this.records = new JobRecords(index, locks, marks, clock, files);
        this.removals = new Removals(files, locks);
        this.values = new StoredValues(jobFiles, locks, clock, records, this::update);
    }

    /**
     * Opens (creating if absent) the jobs directory {@code root}, removes what dead processes left behind and
     * reads every record into the index.
     *
     * @throws JobStoreException naming the path when it cannot be created, is not a folder or is not writable
     */
    public static DiskJobStore open(Path root, boolean fsync, Clock clock) {
        Objects.requireNonNull(root, "path");
        Objects.requireNonNull(clock, "clock");
        Path dir = root.toAbsolutePath().normalize();
        JobLocks locks;
        WriterMarks marks;
        try {
            Files.createDirectories(dir);
            Path probe = dir.resolve(Names.temp("probe"));
            Files.deleteIfExists(Files.createFile(probe));
            marks = new WriterMarks(dir);
            locks = JobLocks.acquire(dir);
        } catch (IOException | SecurityException e) {
            throw new JobStoreException("jobs directory '" + dir + "' cannot be created or is not writable: " + e, e);
        }
        DiskJobStore store = new DiskJobStore(dir, fsync, clock, locks, marks);
        try {
            IndexSnapshot.Loaded snapshot = IndexSnapshot.load(dir, store.index);
            long before = store.index.changes();
            if (snapshot.unchanged(store.index.serviceFolders())) {
                store.records.readSaved(snapshot); // no folder changed since: no listing
            } else {
                DirectoryCleaner.removeStaleTemporaries(store.index);
                store.records.refresh();
                store.savedChanges = -1; // the folders changed: the snapshot is written again at the latest at close
            }
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} finished jobs restored from the index snapshot, {2} read",
                    dir, snapshot.restored(), store.index.changes() - before);
            store.saveIndexIfChanged(SNAPSHOT_AFTER);
        } catch (IOException | RuntimeException e) {
            locks.release();
            marks.close();
            throw new JobStoreException("cannot open jobs directory '" + dir + "': " + e, e);
        }
        LOG.log(System.Logger.Level.DEBUG, "opened jobs directory {0} with {1} records", dir, store.index.size());
        return store;
    }

    /** The jobs directory. */
    public Path root() {
        return root;
    }

    /**
     * Whether the stores of this JVM are, right now, the only writers of the directory, so that record writes take
     * no file lock and read no record first (see {@link WriterMode}); for diagnostics and tests.
     */
    public boolean onlyWriter() {
        return locks.epoch() != 0;
    }

    @Override
    public JobRecord create(JobRecord record, Map<String, StoredValue> inputs) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(inputs, "inputs");
        String id = record.jobId();
        if (record.version() != 0) {
            throw new IllegalArgumentException("record to create must have version 0, got " + record.version());
        }
        JobRecord stored = record.withVersion(1);
        checkOpen();
        try (JobLocks.Held held = locks.lock(id)) {
            Path service = root.resolve(Names.serviceFolder(record.serviceName()));
            Path target = service.resolve(id);
            // The only writer knows every job it may collide with (the rename below refuses a job folder of this
            // service that it does not know); while sharing, another process may have made the job meanwhile.
            if (held.epoch() != 0 ? index.get(id) != null : locate(id).isPresent() || Files.exists(target)) {
                throw new JobConflictException(id, "a job with this id already exists");
            }
            Path tmp = service.resolve(Names.temp(id));
            boolean moved = false;
            try {
                try {
                    Files.createDirectory(tmp);
                } catch (NoSuchFileException e) { // the service's first job
                    Files.createDirectories(service);
                    files.syncFolder(root);
                    Files.createDirectory(tmp);
                }
                if (!inputs.isEmpty()) { // an absent inputs folder reads as no inputs
                    jobFiles.writeValues(tmp.resolve(Names.INPUTS), inputs);
                }
                Files.write(tmp.resolve(Names.RECORD), RecordCodec.writeRecord(stored));
                files.syncTree(tmp);
                try {
                    files.rename(tmp, target);
                } catch (IOException e) {
                    if (Files.exists(target.resolve(Names.RECORD))) {
                        throw new JobConflictException(id, "a job with this id already exists");
                    }
                    throw e;
                }
                moved = true;
            } finally {
                if (!moved) {
                    AtomicFiles.deleteTree(tmp);
                }
            }
            JobSlot slot = index.put(stored, null); // no stat: see JobSlot#set
            slot.written(held.epoch(), stored.version());
            slot.noResults(held.epoch(), true);
            if (inputs.isEmpty()) {
                slot.noInputs();
            }
            marks.mark();
            return stored;
        } catch (IOException e) {
            throw new JobStoreException("cannot create job '" + id + "' in " + root + ": " + e, e);
        }
    }

    @Override
    public Optional<JobRecord> read(String jobId) {
        JobRecord.requireValidJobId(jobId);
        try {
            return load(jobId).map(RecordFile::record);
        } catch (IOException e) {
            throw new JobStoreException("cannot read job '" + jobId + "': " + e, e);
        }
    }

    @Override
    public JobRecord update(JobRecord next) {
        Objects.requireNonNull(next, "next");
        String id = next.jobId();
        try (JobLocks.Held held = locks.lock(id)) {
            int epoch = held.epoch();
            JobSlot known = epoch != 0 ? index.get(id) : null;
            Path dir;
            if (known != null && known.writtenIn(epoch) == next.version()) {
                // the only writer wrote this very version: the file holds it, no read needed
                checkOpen();
                dir = index.folder(known);
            } else {
                // while sharing, always read the file: a file's identity (inode, coarse mtime, size) can repeat
                // across two quick writes by another process, so only its content proves the version
                RecordFile current = load(id).orElseThrow(() -> new JobNotFoundException(id));
                if (current.record().version() != next.version()) {
                    throw new JobConflictException(id, "version " + next.version() + " is stale, the stored version "
                            + "is " + current.record().version());
                }
                dir = current.dir();
            }
            JobRecord stored = next.withVersion(next.version() + 1);
            try {
                files.write(dir.resolve(Names.RECORD), RecordCodec.writeRecord(stored));
            } catch (NoSuchFileException e) { // only when trusting the index: the folder went behind its back
                index.remove(id);
                throw new JobNotFoundException(id);
            }
            index.put(stored, null).written(epoch, stored.version());
            marks.mark();
            return stored;
        } catch (IOException e) {
            throw new JobStoreException("cannot update job '" + id + "': " + e, e);
        }
    }

    @Override
    public JobPage query(JobQuery query) {
        Objects.requireNonNull(query, "query");
        checkOpen();
        try {
            marks.refreshIfChanged(records::refresh);
            return index.query(query, records::pageRecord);
        } catch (IOException e) {
            throw new JobStoreException("cannot query jobs directory '" + root + "': " + e, e);
        }
    }

    @Override
    public boolean delete(String jobId) {
        JobRecord.requireValidJobId(jobId);
        Path away = null;
        try (JobLocks.Held held = locks.lock(jobId)) {
            Optional<Path> dir = locate(jobId);
            index.remove(jobId);
            if (dir.isPresent()) {
                away = removals.rename(jobId, dir.get());
                marks.mark();
            }
        } catch (IOException e) {
            throw new JobStoreException("cannot delete job '" + jobId + "': " + e, e);
        }
        boolean had = away != null;
        if (had) {
            removals.remove(away);
        }
        // A task may still write into its folder: what it made again after the rename (or a folder without a
        // record, e.g. a quarantined one) goes too. What cannot be removed now is retried by the janitor.
        try {
            return removals.removeRemains(jobId, index.serviceFolders()) | had;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "job {0} is deleted but what is left of it could not be removed "
                    + "yet (the janitor tries again): {1}", jobId, e);
            return had;
        }
    }

    @Override
    public Map<String, StoredValue> inputs(String jobId) {
        JobRecord.requireValidJobId(jobId);
        try {
            JobSlot known = index.get(jobId);
            if (known != null && known.hasNoInputs()) {
                checkOpen();
                return Map.of(); // created here without inputs, and inputs never change
            }
            Optional<Path> dir = find(jobId, locks.epoch() != 0 ? known : null);
            return dir.isEmpty() ? Map.of() : values.read(jobId, dir.get(), Names.INPUTS);
        } catch (IOException e) {
            throw new JobStoreException("cannot read the inputs of job '" + jobId + "': " + e, e);
        }
    }

    @Override
    public void putResults(String jobId, Map<String, StoredValue> results) {
        JobRecord.requireValidJobId(jobId);
        Objects.requireNonNull(results, "results");
        try (JobLocks.Held held = locks.lock(jobId)) {
            int epoch = held.epoch();
            JobSlot known = epoch != 0 ? index.get(jobId) : null;
            if (results.isEmpty() && known != null && known.noResultsIn(epoch)) {
                checkOpen();
                return; // the only writer knows there are none to replace
            }
            Path dir = find(jobId, known).orElseThrow(() -> new JobNotFoundException(jobId));
            if (results.isEmpty() && !Files.exists(dir.resolve(Names.RESULTS))) {
                return; // nothing to replace: a job without outputs costs no folder swap
            }
            if (known != null) {
                known.noResults(epoch, false);
            }
            jobFiles.replaceValues(dir, Names.RESULTS, results);
        } catch (IOException e) {
            throw new JobStoreException("cannot store the results of job '" + jobId + "': " + e, e);
        }
    }

    @Override
    public Map<String, StoredValue> results(String jobId) {
        JobRecord.requireValidJobId(jobId);
        try (JobLocks.Held held = locks.lock(jobId)) {
            Optional<Path> dir = locate(jobId);
            return dir.isEmpty() ? Map.of() : values.read(jobId, dir.get(), Names.RESULTS);
        } catch (IOException e) {
            throw new JobStoreException("cannot read the results of job '" + jobId + "': " + e, e);
        }
    }

    @Override
    public Path scratchFolder(String jobId) throws IOException {
        JobRecord.requireValidJobId(jobId);
        Path dir = locate(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
        return Files.createDirectories(dir.resolve(Names.SCRATCH));
    }

    @Override
    public void persistScratch(String jobId) throws IOException {
        JobRecord.requireValidJobId(jobId);
        JobSlot known = !files.fsync() && locks.epoch() != 0 ? index.get(jobId) : null;
        Path dir = find(jobId, known).orElseThrow(() -> new JobNotFoundException(jobId));
        files.syncTree(dir.resolve(Names.SCRATCH));
    }

    @Override
    public void writeFile(String jobId, String relativePath, InputStream content) throws IOException {
        JobRecord.requireValidJobId(jobId);
        String[] segments = Names.checkRelativePath(relativePath);
        Objects.requireNonNull(content, "content");
        Path dir = locate(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
        jobFiles.write(dir, relativePath, segments, content);
    }

    @Override
    public Optional<InputStream> readFile(String jobId, String relativePath) throws IOException {
        JobRecord.requireValidJobId(jobId);
        String[] segments = Names.checkRelativePath(relativePath);
        Optional<Path> dir = locate(jobId);
        return dir.isEmpty() ? Optional.empty() : jobFiles.read(dir.get(), relativePath, segments);
    }

    @Override
    public List<String> listFiles(String jobId) throws IOException {
        JobRecord.requireValidJobId(jobId);
        Optional<Path> dir = locate(jobId);
        return dir.isEmpty() ? List.of() : jobFiles.list(dir.get());
    }

    @Override
    public int deleteOrphans(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        checkOpen();
        saveIndexIfChanged(SNAPSHOT_AFTER);
        try {
            return DirectoryCleaner.removeOrphans(index, olderThan, removals, (id, dir) -> {
                try (JobLocks.Held held = locks.lock(id)) {
                    if (Files.exists(dir.resolve(Names.RECORD)) || !Files.isDirectory(dir)) {
                        return false;
                    }
                    removals.remove(removals.rename(id, dir));
                    LOG.log(System.Logger.Level.INFO, "removed job folder {0}: it holds no record", dir);
                    return true;
                }
            });
        } catch (IOException e) {
            throw new JobStoreException("cannot remove orphaned job folders in '" + root + "': " + e, e);
        }
    }

    /**
     * {@inheritDoc} On this store: an exclusive file lock on {@code .nodes/<nodeId>.lock}, which the system drops
     * when the holding process ends however it ends.
     */
    @Override
    public NodeRegistration registerNode(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        checkOpen();
        NodeRegistration held = NodeLocks.lock(root, nodeId);
        NodeRegistration[] self = new NodeRegistration[1];
        self[0] = () -> {
            nodes.remove(self[0]);
            held.close();
        };
        nodes.add(self[0]);
        return self[0];
    }

    /**
     * Writes the index snapshot ({@link IndexSnapshot}) when the index changed at least {@code atLeast} times since
     * it was last written; a failure only costs the next open more reads.
     */
    private void saveIndexIfChanged(long atLeast) {
        long now = index.changes();
        if (now - savedChanges < atLeast) {
            return;
        }
        try {
            int saved = IndexSnapshot.write(root, index, () -> marks.refreshIfChanged(records::refresh));
            savedChanges = now;
            LOG.log(System.Logger.Level.DEBUG, "saved {0} finished jobs to the index snapshot of {1}", saved, root);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not save the index snapshot of {0}: {1}", root, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the disk job store of '" + root + "' is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            saveIndexIfChanged(1);
            closed = true;
            List.copyOf(nodes).forEach(NodeRegistration::close);
            locks.release();
            marks.close();
        }
    }

    /** The folder of the job's record, if the job has one. */
    private Optional<Path> locate(String jobId) throws IOException {
        checkOpen();
        return records.locate(jobId);
    }

    /**
     * The folder of the job's record: that of {@code known}, its slot, without a system call, when the caller may
     * trust the index (this JVM is the only writer, so the job's records change only through this store); looked
     * up when {@code known} is null.
     */
    private Optional<Path> find(String jobId, JobSlot known) throws IOException {
        if (known == null) {
            return locate(jobId);
        }
        checkOpen();
        return Optional.of(index.folder(known));
    }

    /** Reads the job's record from its file (see {@link JobRecords#load}). */
    private Optional<RecordFile> load(String jobId) throws IOException {
        checkOpen();
        return records.load(jobId);
    }
}
