package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Every record write of the engine goes through here: a compare-and-set that re-reads and retries when another
 * writer won, refuses illegal status transitions, and keeps the status cache current. The writes of one job and the
 * listener calls that report them are ordered: a write and its report hold the job's ordering lock, so the listeners
 * hear a job's changes in the order the store took them (per engine: another engine's writes are not reported here).
 *
 * <p>Thread-safe.
 */
public final class RecordWriter {

    /** Thrown when a change would move a record along a transition {@link JobStatus#canMoveTo} forbids. */
    public static final class IllegalTransitionException extends io.gpjobs.GPException {
        private static final long serialVersionUID = 1L;

        IllegalTransitionException(String jobId, JobStatus from, JobStatus to) {
            super(409, "Illegal job status transition.", List.of("job '" + jobId + "' cannot move from "
                    + from.wireName() + " to " + to.wireName()));
        }
    }

    private static final int MAX_ATTEMPTS = 1000;

    private final StatusCache cache;
    private final BiConsumer<JobRecord, JobRecord> onWritten;
    /** The ordering lock of each job being written right now (see {@link #ordering}). */
    private final ConcurrentHashMap<String, ReentrantLock> orderings = new ConcurrentHashMap<>();

    /**
     * @param cache     the status cache, updated after each successful write
     * @param onWritten called with (before, after) after each successful write, on the writing thread
     */
    public RecordWriter(StatusCache cache, BiConsumer<JobRecord, JobRecord> onWritten) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.onWritten = Objects.requireNonNull(onWritten, "onWritten");
    }

    /**
     * Applies {@code change} to the current record of {@code jobId} and stores the result with compare-and-set,
     * re-reading and re-applying the change when another writer won. The change sees the current record and
     * returns the next state, or null to leave the record as it is; it may throw to refuse.
     *
     * @return the stored record, or null when the change returned null
     * @throws JobNotFoundException       when there is no such record
     * @throws IllegalTransitionException when the change would make an illegal status transition
     */
    public JobRecord update(JobStore store, String jobId, UnaryOperator<JobRecord> change) {
        // The cached record is a first guess that saves a read; a conflict or a "no change" on it re-reads.
        JobRecord current = cache.getIfPresent(jobId);
        boolean fromCache = current != null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (!fromCache) {
                current = store.read(jobId).orElseThrow(() -> {
                    cache.invalidate(jobId);
                    return new JobNotFoundException(jobId);
                });
            }
            JobRecord next;
            try {
                next = change.apply(current);
            } catch (RuntimeException e) {
                if (fromCache) {
                    fromCache = false;
                    continue;
                }
                throw e;
            }
            if (next == null) {
                if (fromCache) {
                    fromCache = false;
                    continue;
                }
                cache.putNewer(current);
                return null;
            }
            boolean cached = fromCache;
            fromCache = false;
            if (next.status() != current.status() && !current.status().canMoveTo(next.status())) {
                if (cached) {
                    continue;
                }
                throw new IllegalTransitionException(jobId, current.status(), next.status());
            }
            ReentrantLock order = ordering(jobId);
            try {
                // Changes build the next record on the current one, version included: copied only when it differs.
                JobRecord written = store.update(next.version() == current.version() ? next
                        : next.withVersion(current.version()));
                cache.putNewer(written);
                onWritten.accept(current, written);
                return written;
            } catch (JobConflictException e) {
                // Another writer won: re-read and apply the change again to the record it left.
                Thread.onSpinWait();
            } catch (JobNotFoundException e) {
                cache.invalidate(jobId);
                throw e;
            } finally {
                release(jobId, order);
            }
        }
        throw new JobConflictException(jobId, "gave up after " + MAX_ATTEMPTS + " conflicting writes");
    }

    /** Creates a record, caches it and reports it (with a null "before"). */
    public JobRecord create(JobStore store, JobRecord record, Map<String, StoredValue> inputs) {
        ReentrantLock order = ordering(record.jobId());
        try {
            JobRecord written = store.create(record, inputs);
            cache.put(written);
            onWritten.accept(null, written);
            return written;
        } finally {
            release(record.jobId(), order);
        }
    }

    /**
     * Takes the job's ordering lock: held from a record write until its listeners were told, so that two writers
     * of one job (a cancel and the worker ending it) tell the listeners in the order the store took their writes.
     */
    private ReentrantLock ordering(String jobId) {
        while (true) {
            ReentrantLock lock = orderings.computeIfAbsent(jobId, k -> new ReentrantLock());
            lock.lock();
            if (orderings.get(jobId) == lock) {
                return lock;
            }
            lock.unlock(); // dropped by its last holder meanwhile: take the job's current one
        }
    }

    /** Releases the job's ordering lock, dropping it when nobody else holds or waits for it. */
    private void release(String jobId, ReentrantLock lock) {
        if (lock.getHoldCount() == 1 && !lock.hasQueuedThreads()) {
            orderings.remove(jobId, lock);
        }
        lock.unlock();
    }
}
