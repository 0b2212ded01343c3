package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index of a jobs directory: for every job this process knows, a {@link JobSlot} with the fields
 * queries filter and sort on and the identity of the file they were taken from; the records themselves stay on
 * disk and are read for the pages queries return. The slots are kept per service and status in query order
 * (submitted time, then job id), with a count of each ({@link Shelf}), so a page walks only the jobs of its
 * services and statuses, from its submitted range, and sorts nothing.
 *
 * <p>The index is built at open by reading every record once, kept current by this store's own reads and writes,
 * and brought up to date with other processes' writes by {@link #refresh}: one directory listing per service
 * folder and one {@code stat} per job; a record is parsed again only when its file changed (every write renames a
 * new file into place, so its file key or time or size differ) or was written less than a second before it was
 * last read (see {@link JobSlot#sameFile}). No settled record is read again, and while this store is the directory's
 * only writer ({@link WriterMode}) neither is a record it wrote in the current sole epoch: nobody else can have
 * written it since, so the slot already holds what the file holds.
 *
 * <p>Thread-safe. Refreshes must not run concurrently with each other (the store serializes them).
 */
final class RecordIndex {

    /** The {@link JobSlot#seen()} mark of a slot this store put since the last refresh: kept by that refresh. */
    static final int PUT = 3;

    /** What {@link #refresh} does with a record it cannot parse. */
    interface CorruptHandler {
        void corrupt(String jobId, Path dir, RecordCodec.CorruptException e);

        /** A record that could not be read for a reason that may pass (it is not moved aside); skipped by default. */
        default void unreadable(String jobId, Path dir, IOException e) {
        }
    }

    /** The identity of a record file that could not be used (e.g. a newer format). */
    private record Unusable(Path dir, Object fileKey, long modified, long size, boolean settled) {
        static Unusable of(Path dir, BasicFileAttributes a) {
            long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            return new Unusable(dir, a.fileKey(), RecordFile.nanos(a), a.size(),
                    now - RecordFile.nanos(a) > TimeUnit.SECONDS.toNanos(1));
        }

        /** Whether {@code a} is still this file (never when it was read within a second of its change). */
        boolean same(Path d, BasicFileAttributes a) {
            return settled && dir.equals(d) && Objects.equals(fileKey, a.fileKey())
                    && modified == RecordFile.nanos(a) && size == a.size();
        }
    }

    private final Path root;
    private final SlotTable slots = new SlotTable();
    private final ConcurrentHashMap<String, Shelf> shelves = new ConcurrentHashMap<>();
    /** Record files that could not be used, by job id: not read again until they change. */
    private final ConcurrentHashMap<String, Unusable> unusable = new ConcurrentHashMap<>();
    private int generation;
    /** How many times a job was added, removed or changed status (reads that change nothing do not count). */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Keeps a query's walk apart from status moves: a job that moves from one status set to another while a query
     * walks both could be seen twice or not at all. Moves take the shared side (they run in parallel), a query's walk
     * the exclusive side. Taken before any lock of the id table, never inside one.
     */
    private final ReentrantReadWriteLock walks = new ReentrantReadWriteLock();

    RecordIndex(Path root) {
        this.root = root;
    }

    /** The jobs directory. */
    Path root() {
        return root;
    }

    /** The slot of a job, or null. */
    JobSlot get(String jobId) {
        return slots.get(JobSlot.key(jobId));
    }

    /** The folder the job's record is expected in (that of its service). */
    Path folder(JobSlot s) {
        return root.resolve(s.shelf.folder()).resolve(s.jobId());
    }

    /**
     * Indexes what was just read from or written to a record file with attributes {@code a} (null: not known, see
     * {@link JobSlot#set}). A concurrent refresh may put an older state back; the next refresh sees that the file
     * differs and reads it again.
     *
     * @return the job's slot
     */
    JobSlot put(JobRecord r, BasicFileAttributes a) {
        Shelf shelf = shelves.computeIfAbsent(r.serviceName(), Shelf::new);
        walks.readLock().lock();
        try {
            return putMoving(r, a, shelf);
        } finally {
            walks.readLock().unlock();
        }
    }

    private JobSlot putMoving(JobRecord r, BasicFileAttributes a, Shelf shelf) {
        return slots.compute(JobSlot.key(r.jobId()), old -> {
            JobSlot s;
            if (old != null && old.fits(r)) {
                if (old.status() == r.status()) {
                    old.set(r, a);
                } else { // to the set of its new status
                    old.shelf.remove(old);
                    old.set(r, a);
                    old.shelf.add(old);
                    changes.incrementAndGet();
                }
                s = old;
            } else {
                if (old != null) {
                    old.shelf.remove(old); // a changed service or submitted time: a new place in the order
                }
                s = JobSlot.of(r, shelf, a);
                shelf.add(s);
                changes.incrementAndGet();
            }
            s.seen(PUT);
            return s;
        });
    }

    void remove(String jobId) {
        walks.readLock().lock();
        try {
            slots.compute(JobSlot.key(jobId), s -> {
                if (s != null) {
                    s.shelf.remove(s);
                    changes.incrementAndGet();
                }
                return null;
            });
        } finally {
            walks.readLock().unlock();
        }
    }

    int size() {
        return slots.size();
    }

    /** The number of additions, removals and status changes so far (see {@link IndexSnapshot}). */
    long changes() {
        return changes.get();
    }

    /** The shelf of a service, made when absent. */
    Shelf shelf(String serviceName) {
        return shelves.computeIfAbsent(serviceName, Shelf::new);
    }

    /**
     * Passes every slot to {@code action} service by service and status by status, each in query order (weakly
     * consistent, like the sets); a snapshot written so is restored by appending to the sets.
     */
    void forEachInOrder(java.util.function.Consumer<JobSlot> action) {
        for (Shelf shelf : shelves.values()) {
            for (io.gpjobs.spi.JobStatus status : io.gpjobs.spi.JobStatus.values()) {
                shelf.jobs(status, null, null).forEachRemaining(action);
            }
        }
    }

    /** Passes every slot to {@code action} (see {@link SlotTable#forEach}). */
    void forEachSlot(java.util.function.Consumer<JobSlot> action) {
        slots.forEach(action);
    }

    /**
     * Adds a slot restored from a snapshot, unless the job is indexed already; the next refresh takes it without
     * reading its record when its folder is still there.
     */
    void restore(JobSlot s) {
        walks.readLock().lock();
        try {
            slots.compute(s, old -> {
                if (old != null) {
                    return old;
                }
                s.shelf.add(s);
                return s;
            });
        } finally {
            walks.readLock().unlock();
        }
    }

    /**
     * Whether the job has a slot restored from a snapshot whose record was not read since: refreshes take it as it
     * is while its folder exists (no {@code stat}), and the opening store leaves its folder's content alone (see
     * {@code DirectoryCleaner#removeStaleTemporaries}).
     */
    boolean restored(String jobId) {
        JobSlot s = get(jobId);
        return s != null && s.restored();
    }

    /** The service folders of the directory. */
    List<Path> serviceFolders() throws IOException {
        // A create checks every service folder for its id: the listing is kept while the jobs directory's
        // modification time (which any new or removed service folder changes) stays the same and is more than
        // a second old (file systems with coarse times), so that check costs one stat instead of a listing.
        long changed = Files.getLastModifiedTime(root).to(TimeUnit.NANOSECONDS);
        ServiceFolders known = services;
        if (known != null && known.changed == changed
                && TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - changed > SETTLE_NANOS) {
            return known.folders;
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "*" + Names.SERVICE_SUFFIX)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        }
        List<Path> folders = List.copyOf(out);
        services = new ServiceFolders(changed, folders);
        return folders;
    }

    /** A listing of the service folders and the jobs directory's modification time when it was taken. */
    private record ServiceFolders(long changed, List<Path> folders) {
    }

    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile ServiceFolders services;

    /**
     * Brings the index up to date with the directory (see the class comment for the cost).
     *
     * @param soleEpoch the store's current sole epoch ({@link JobLocks#epoch()}), 0 while it shares the directory:
     *     a job this store wrote in that epoch is taken as it is while its folder is there
     * @param onCorrupt what to do with a record that cannot be parsed
     */
    void refresh(int soleEpoch, CorruptHandler onCorrupt) throws IOException {
        generation ^= 1; // marks 0 and 1 alternate: a slot not seen by this refresh still has the other one
        int g = generation;
        for (Path service : serviceFolders()) {
            String folder = service.getFileName().toString();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(service)) {
                for (Path dir : ds) {
                    String id = dir.getFileName().toString();
                    if (JobRecord.isValidJobId(id)) {
                        try {
                            refreshJob(id, folder, dir, g, soleEpoch, onCorrupt);
                        } catch (IOException e) {
                            // one job folder the system will not read (permissions, a failing disk) is skipped, not
                            // fatal: the job reads as an error of its own and the next refresh tries again
                            onCorrupt.unreadable(id, dir, e);
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                // a service folder removed meanwhile
            }
        }
        slots.forEach(s -> {
            if (s.seen() != g) {
                // gone from the directory, unless this store put it meanwhile (its file may postdate the listing)
                walks.readLock().lock();
                try {
                    forgetUnseen(s, g);
                } finally {
                    walks.readLock().unlock();
                }
            }
        });
        unusable.entrySet().removeIf(e -> !Files.exists(e.getValue().dir().resolve(Names.RECORD)));
    }

    private void forgetUnseen(JobSlot s, int g) {
        slots.compute(s, cur -> {
            if (cur == null || cur.seen() == g) {
                return cur;
            }
            if (cur.seen() == PUT) {
                cur.seen(g);
                return cur;
            }
            cur.shelf.remove(cur);
            return null;
        });
    }

    private void refreshJob(String id, String folder, Path dir, int g, int soleEpoch, CorruptHandler onCorrupt)
            throws IOException {
        JobSlot known = get(id);
        if (known != null && known.shelf.folder().equals(folder)
                && (known.restored() || known.writtenIn(soleEpoch) > 0)) {
            // a finished job from the snapshot whose folder is there (see IndexSnapshot), or one this store wrote
            // while it has been the only writer (a refresh that starts sole and ends shared may miss another
            // process's write here: the next refresh, prompted by that process's marker, reads it, its identity
            // being unknown)
            known.seen(g);
            return;
        }
        Unusable bad = unusable.get(id);
        if (known != null || bad != null) { // a job never seen (every job at open) is read without a stat first
            BasicFileAttributes a;
            try {
                a = RecordFile.attributes(dir);
            } catch (NoSuchFileException e) {
                return;
            }
            if (known != null && known.shelf.folder().equals(folder) && known.sameFileSeen(a, g)) {
                return;
            }
            if (bad != null && bad.same(dir, a)) {
                return;
            }
        }
        try {
            Optional<RecordFile> fresh = RecordFile.load(dir);
            if (fresh.isPresent()) {
                put(fresh.get().record(), fresh.get().attrs());
            }
        } catch (RecordCodec.CorruptException e) {
            try {
                // taken after the read: if the file was replaced meanwhile it is unsettled, so it is read again
                unusable.put(id, Unusable.of(dir, RecordFile.attributes(dir)));
            } catch (NoSuchFileException gone) {
                // removed meanwhile
            }
            onCorrupt.corrupt(id, dir, e);
        }
    }

    /**
     * One page of {@code q}: the matching slots in query order, the records of the page read by {@code reader}.
     */
    JobPage query(JobQuery q, IndexQuery.RecordReader reader) throws IOException {
        List<Shelf> in = new ArrayList<>();
        if (q.serviceName() == null) {
            in.addAll(shelves.values());
        } else if (shelves.get(q.serviceName()) != null) {
            in.add(shelves.get(q.serviceName()));
        }
        walks.writeLock().lock();
        try {
            return IndexQuery.run(q, in, reader);
        } finally {
            walks.writeLock().unlock();
        }
    }
}
