package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.util.List;
import java.util.Map;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * The holder of the ordering lock of each job being written right now (see {@link #order}): a thread's holder is
     * the same object for every job it writes, so taking a job's lock allocates nothing beyond the map's node.
     */
    private final ConcurrentHashMap<String, Holder> orderings = new ConcurrentHashMap<>();
    private final ThreadLocal<Holder> holders = ThreadLocal.withInitial(Holder::new);

    /** One thread's side of the ordering locks; threads waiting for a job it holds wait on its monitor. */
    private static final class Holder {
        /** Threads waiting (or about to wait) on this holder; changed only under its monitor. */
        volatile int waiters;
    }

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
        // The cached record (expired or not) is a first guess that saves a read; a conflict or a "no change" on it
        // re-reads.
        JobRecord current = cache.guess(jobId);
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
            boolean took = order(jobId);
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
                release(jobId, took);
            }
        }
        throw new JobConflictException(jobId, "gave up after " + MAX_ATTEMPTS + " conflicting writes");
    }

    /** Creates a record, caches it and reports it (with a null "before"). */
    public JobRecord create(JobStore store, JobRecord record, Map<String, StoredValue> inputs) {
        boolean took = order(record.jobId());
        try {
            JobRecord written = store.create(record, inputs);
            cache.put(written);
            onWritten.accept(null, written);
            return written;
        } finally {
            release(record.jobId(), took);
        }
    }

    /**
     * Takes the job's ordering lock: held from a record write until its listeners were told, so that two writers
     * of one job (a cancel and the worker ending it) tell the listeners in the order the store took their writes.
     * Reentrant: a listener that writes the job it is told about already holds it. Interrupts are kept, not thrown.
     *
     * @return true when this call took the lock, false when the thread held it already (then it keeps holding it)
     */
    private boolean order(String jobId) {
        Holder me = holders.get();
        while (true) {
            Holder cur = orderings.putIfAbsent(jobId, me);
            if (cur == null) {
                return true;
            }
            if (cur == me) {
                return false;
            }
            awaitRelease(jobId, cur);
        }
    }

    /** Waits until {@code holder} no longer holds the job. */
    private void awaitRelease(String jobId, Holder holder) {
        boolean interrupted = false;
        synchronized (holder) {
            holder.waiters++;
            try {
                // Paired with the fence in release(): either this read sees the job released, or the releasing
                // thread sees this waiter and notifies it (under this monitor, so never before the wait below).
                VarHandle.fullFence();
                while (orderings.get(jobId) == holder) {
                    try {
                        holder.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                holder.waiters--;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the job's ordering lock when {@code took} (this call's {@link #order} took it), waking its waiters. */
    private void release(String jobId, boolean took) {
        if (!took) {
            return;
        }
        Holder me = holders.get();
        orderings.remove(jobId, me);
        VarHandle.fullFence();
        if (me.waiters > 0) {
            synchronized (me) {
                me.notifyAll();
            }
        }
    }
}
