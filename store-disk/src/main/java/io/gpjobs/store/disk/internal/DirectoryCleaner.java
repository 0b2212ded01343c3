package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what crashed or abandoned writers left in a jobs directory: temporary files and folders and
 * half-deleted job folders of processes that are gone (at open), and job folders without a record (for the
 * janitor).
 *
 * <p>Thread-safe (stateless).
 */
final class DirectoryCleaner {

    private static final System.Logger LOG = System.getLogger(DirectoryCleaner.class.getName());

    private DirectoryCleaner() {
    }

    /**
     * Removes the stale temporary entries (see {@link Names#isStale}) in every service folder, job folder and
     * job file tree. Entries of live processes are left alone, so opening a directory another engine uses is safe.
     * The folders of jobs restored from a snapshot are not looked into (a finished job's leftovers go with it when
     * the janitor removes it): that would cost a walk of every job folder at each open.
     *
     * @return how many entries were removed
     */
    static int removeStaleTemporaries(RecordIndex index) throws IOException {
        int removed = 0;
        for (Path service : index.serviceFolders()) {
            for (Path child : list(service)) {
                String name = child.getFileName().toString();
                if (Names.isTransient(name)) {
                    removed += removeIfStale(child);
                } else if (JobRecord.isValidJobId(name) && !index.restored(name)
                        && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    removed += removeStaleInJob(child);
                }
            }
        }
        return removed;
    }

    /** Removes the stale temporary entries in one job folder and its file trees; returns how many. */
    static int removeStaleInJob(Path job) throws IOException {
        int removed = 0;
        for (Path entry : list(job)) {
            removed += removeIfStale(entry);
        }
        removed += removeStaleIn(job.resolve(Names.FILES));
        return removed + removeStaleIn(job.resolve(Names.SCRATCH));
    }

    /**
     * Deletes job folders that hold no record and were last modified before {@code olderThan}, stale temporary
     * entries, and being-deleted folders of this process whose removal did not finish. Folders whose names are not
     * job ids are left alone.
     *
     * @param removals     removes (and retries) being-deleted folders
     * @param lockedDelete deletes one job folder under that job's lock if it still has no record; returns
     *                     whether it did
     * @return how many job folders were removed
     */
    static int removeOrphans(RecordIndex index, Instant olderThan, Removals removals, OrphanDeleter lockedDelete)
            throws IOException {
        int removed = 0;
        for (Path service : index.serviceFolders()) {
            for (Path child : list(service)) {
                String name = child.getFileName().toString();
                if (Names.isOwnDeleted(name)) {
                    removals.retry(child);
                } else if (Names.isTransient(name)) {
                    removeIfStale(child);
                } else if (JobRecord.isValidJobId(name) && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(child.resolve(Names.RECORD))
                        && Files.getLastModifiedTime(child).toInstant().isBefore(olderThan)
                        && lockedDelete.delete(name, child)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Deletes one orphaned job folder if it is still an orphan. */
    @FunctionalInterface
    interface OrphanDeleter {
        boolean delete(String jobId, Path dir) throws IOException;
    }

    private static int removeStaleIn(Path tree) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        List<Path> stale = new ArrayList<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (Names.isTransient(file.getFileName().toString())) {
                    stale.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        int removed = 0;
        for (Path p : stale) {
            removed += removeIfStale(p);
        }
        return removed;
    }

    private static int removeIfStale(Path p) throws IOException {
        String name = p.getFileName().toString();
        if (!Names.isTransient(name) || !Names.isStale(name)) {
            return 0;
        }
        LOG.log(System.Logger.Level.INFO, "removing {0} left by a stopped process", p);
        AtomicFiles.deleteTree(p);
        return 1;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return out;
    }
}
