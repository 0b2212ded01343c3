package io.gpjobs;

import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that hands every call to {@link #delegate}; test stores override only what they change. */
abstract class ForwardingJobStore implements JobStore {
    final JobStore delegate;

    ForwardingJobStore(JobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public JobRecord create(JobRecord record, Map<String, StoredValue> inputs) {
        return delegate.create(record, inputs);
    }

    @Override
    public Optional<JobRecord> read(String jobId) {
        return delegate.read(jobId);
    }

    @Override
    public JobRecord update(JobRecord next) {
        return delegate.update(next);
    }

    @Override
    public JobPage query(JobQuery query) {
        return delegate.query(query);
    }

    @Override
    public boolean delete(String jobId) {
        return delegate.delete(jobId);
    }

    @Override
    public Map<String, StoredValue> inputs(String jobId) {
        return delegate.inputs(jobId);
    }

    @Override
    public void putResults(String jobId, Map<String, StoredValue> results) {
        delegate.putResults(jobId, results);
    }

    @Override
    public Map<String, StoredValue> results(String jobId) {
        return delegate.results(jobId);
    }

    @Override
    public Path scratchFolder(String jobId) throws IOException {
        return delegate.scratchFolder(jobId);
    }

    @Override
    public void persistScratch(String jobId) throws IOException {
        delegate.persistScratch(jobId);
    }

    @Override
    public void writeFile(String jobId, String relativePath, InputStream content) throws IOException {
        delegate.writeFile(jobId, relativePath, content);
    }

    @Override
    public Optional<InputStream> readFile(String jobId, String relativePath) throws IOException {
        return delegate.readFile(jobId, relativePath);
    }

    @Override
    public List<String> listFiles(String jobId) throws IOException {
        return delegate.listFiles(jobId);
    }

    @Override
    public int deleteOrphans(Instant olderThan) {
        return delegate.deleteOrphans(olderThan);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public NodeRegistration registerNode(String nodeId) {
        return delegate.registerNode(nodeId);
    }
}
