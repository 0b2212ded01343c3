package io.gpjobs;

import io.gpjobs.internal.InMemoryJobStore;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.StoredValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory store that logs every successful write per job, in order ("create:S", "update:S", "putResults"),
 * and can simulate an outage: while {@link #down} is set every write fails with a storage error (and is counted in
 * {@link #refused}); reads keep working unless {@link #readsDown} is set too.
 */
final class ObservedStore extends ForwardingJobStore {

    ObservedStore() {
        super(new InMemoryJobStore());
    }
    final Map<String, List<String>> log = new ConcurrentHashMap<>();
    /** When set, an update it accepts fails with a storage error instead of being written. */
    volatile java.util.function.Predicate<JobRecord> failUpdate = r -> false;
    /** When set, a create it accepts is written but then fails with a storage error (a response lost after the write). */
    volatile java.util.function.Predicate<JobRecord> loseCreateResponse = r -> false;
    /** While set, every write fails with a storage error. */
    volatile boolean down;
    /** While set, every read fails with a storage error. */
    volatile boolean readsDown;
    /** The writes refused while down, per job ("update:S", "putResults", "persistScratch", "create", "delete"). */
    final Map<String, List<String>> refused = new ConcurrentHashMap<>();

    List<String> refused(String jobId) {
        return refused.getOrDefault(jobId, List.of());
    }

    private void writable(String jobId, String what) {
        if (down) {
            refused.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(what);
            throw new io.gpjobs.spi.JobStoreException("simulated outage: could not " + what + " job '" + jobId + "'");
        }
    }

    private void readable(String jobId) {
        if (readsDown) {
            throw new io.gpjobs.spi.JobStoreException("simulated outage: could not read job '" + jobId + "'");
        }
    }

    List<String> log(String jobId) {
        return log.getOrDefault(jobId, List.of());
    }

    private void add(String jobId, String event) {
        log.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(event);
    }

    @Override
    public JobRecord create(JobRecord record, Map<String, StoredValue> inputs) {
        writable(record.jobId(), "create");
        JobRecord r = delegate.create(record, inputs);
        add(r.jobId(), "create:" + r.status().wireName());
        if (loseCreateResponse.test(r)) {
            throw new io.gpjobs.spi.JobStoreException("simulated lost response creating job '" + r.jobId() + "'");
        }
        return r;
    }

    @Override
    public Optional<JobRecord> read(String jobId) {
        readable(jobId);
        return delegate.read(jobId);
    }

    @Override
    public synchronized JobRecord update(JobRecord next) {
        // synchronized so the log order is the store's order of writes
        writable(next.jobId(), "update:" + next.status().wireName());
        if (failUpdate.test(next)) {
            throw new io.gpjobs.spi.JobStoreException("simulated storage failure writing job '" + next.jobId() + "'");
        }
        JobRecord r = delegate.update(next);
        add(r.jobId(), "update:" + r.status().wireName());
        return r;
    }

    @Override
    public boolean delete(String jobId) {
        writable(jobId, "delete");
        return delegate.delete(jobId);
    }

    @Override
    public synchronized void putResults(String jobId, Map<String, StoredValue> results) {
        writable(jobId, "putResults");
        delegate.putResults(jobId, results);
        add(jobId, "putResults");
    }

    @Override
    public Map<String, StoredValue> results(String jobId) {
        readable(jobId);
        return delegate.results(jobId);
    }

    @Override
    public void persistScratch(String jobId) throws IOException {
        writable(jobId, "persistScratch");
        delegate.persistScratch(jobId);
    }
}
