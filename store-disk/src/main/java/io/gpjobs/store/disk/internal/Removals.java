package io.gpjobs.store.disk.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes job folders: a folder is first renamed to a being-deleted name ({@link Names#deleted}), so that it stops
 * being the job at once, then its tree is removed. A removal can fail part way (a task still writing into the
 * folder it holds, a file the system will not let go yet); the renamed folder then stays, and the janitor retries it
 * ({@link #retry}) in this process as in any later one. The folders being removed right now are known, so a retry
 * never races a removal in progress.
 *
 * <p>Thread-safe.
 */
@SuppressWarnings("try") // try-with-resources holds a job lock whose variable the body never uses
final class Removals {

    private static final System.Logger LOG = System.getLogger(Removals.class.getName());

    private final AtomicFiles files;
    private final JobLocks locks;
    private final Set<Path> inProgress = ConcurrentHashMap.newKeySet();

    Removals(AtomicFiles files, JobLocks locks) {
        this.files = files;
        this.locks = locks;
    }

    /** Renames a job folder away (the caller holds the job's lock); returns the new name, to pass to {@link #remove}. */
    Path rename(String jobId, Path dir) throws IOException {
        Path away = dir.resolveSibling(Names.deleted(jobId));
        Files.move(dir, away, StandardCopyOption.ATOMIC_MOVE);
        files.syncFolder(away.getParent());
        return away;
    }

    /** Removes a renamed folder; a failure is logged and left to the janitor. Returns whether it is gone. */
    boolean remove(Path away) {
        if (!inProgress.add(away)) {
            return false; // another thread removes it right now
        }
        try {
            AtomicFiles.deleteTree(away);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} could not be removed yet (the janitor tries again): {1}",
                    away, e);
            return false;
        } finally {
            inProgress.remove(away);
        }
    }

    /**
     * Removes every folder named {@code jobId} that holds no record, in each of {@code serviceFolders}: what a task
     * wrote after its job was deleted, or a job whose record was quarantined.
     *
     * @return whether there was such a folder
     */
    boolean removeRemains(String jobId, List<Path> serviceFolders) throws IOException {
        boolean found = false;
        for (Path service : serviceFolders) {
            Path dir = service.resolve(jobId);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path away;
            try (JobLocks.Held held = locks.lock(jobId)) {
                if (Files.exists(dir.resolve(Names.RECORD)) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // created again meanwhile: a job of its own now
                }
                away = rename(jobId, dir);
            }
            found = true;
            remove(away);
        }
        return found;
    }

    /**
     * The janitor's retry of a being-deleted folder {@code p} of this process (those of dead processes are removed
     * as stale): removed unless a removal of it is in progress.
     *
     * @return 1 when it was removed, 0 otherwise
     */
    int retry(Path p) {
        if (inProgress.contains(p)) {
            return 0;
        }
        LOG.log(System.Logger.Level.INFO, "removing {0}: a removal by this process did not finish", p);
        return remove(p) ? 1 : 0;
    }
}
