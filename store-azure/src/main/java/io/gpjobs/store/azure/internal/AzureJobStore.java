package io.gpjobs.store.azure.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.storage.blob.BlobContainerClient;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JobStore} on one Azure Table (job records) and one Blob container (files and large values).
 *
 * <h2>Keys</h2>
 * A job record is the entity {@code PartitionKey = <service key>, RowKey = <jobId>} (the service key is the
 * service name with Azure's forbidden key characters percent-encoded, see {@link Keys}). Beside it, an immutable
 * index entity {@code PartitionKey = <jobId>, RowKey = ""} names the job's service. Why:
 * <ul>
 *   <li>Per-service queries (the admin job list, the janitor per service) are single-partition queries with the
 *       filters evaluated by the server, instead of a scan of the whole table.</li>
 *   <li>Reading by job id (the hot path: status polls, updates) is a point read once the service is known. The
 *       service of a job is immutable, so it is cached after the first lookup; a store that did not create the job
 *       (another engine) resolves it once with a point read of the index entity. No query ever needs a scan to
 *       find a job.</li>
 *   <li>The index entity, inserted first, makes "create" fail with 409 when the id exists in any service, so two
 *       engines racing to create one id cannot both win.</li>
 * </ul>
 * A job's partition holds only that service's jobs, far below Azure's per-partition throughput (about 2,000
 * entities per second), and GP jobs are heavy; a very busy service could later be split by a hash suffix.
 *
 * <h2>Compare-and-set</h2>
 * The record's version is a property {@code v}; each update is a Replace with {@code If-Match} on the ETag that
 * belongs to exactly that version (cached from the last write or read, so a status change is one request). A 412
 * means somebody wrote in between: the store re-reads and reports {@link JobConflictException} if the version moved.
 * Create inserts (409 → conflict). Messages and progress, inputs and results stay inline up to the configured limit
 * and otherwise spill to blobs under {@code .gpjobs/} with unique names that the entity references, so a losing
 * writer never overwrites what a winner references. All Azure limits are checked before a write
 * ({@link EntityLimits}, {@link Keys}).
 *
 * <h2>Lost responses</h2>
 * The SDK retries a request whose response was lost; the retry of an applied insert gets 409, of an applied
 * conditional replace 412. Every write therefore carries a random token ({@code wt}): finding its own token, the
 * store knows the first attempt was applied and reports success. When a failure leaves it unknown whether a write
 * was applied (no response, 5xx), the store keeps the blobs the write may reference and forgets its cached ETag; a
 * create reported as failed is undone as far as possible, so no job runs that the caller was told was refused.
 *
 * <h2>Results</h2>
 * By default ({@link AzureJobStoreConfig#writeResultsWithNextUpdate()}) {@code putResults} holds the results in
 * memory (uploading a large value's blob at once) and the next {@link #update} writes them in the same entity write
 * as the record, which for the engine is the move to Succeeded: results and status land atomically, and the
 * lifecycle needs one request less. Until then only this instance sees them; a crash in between leaves the job
 * Executing without results, which recovery marks Failed, so no succeeded job ever lacks its results.
 *
 * <p>Thread-safe. A job's lifecycle costs 4 table requests (two inserts, two conditional replaces), 5 when
 * results are written at once; with {@link QueueDispatcher queue dispatch}, 6 when its node runs it.
 */
final class AzureJobStore implements JobStore {

    /** The reserved folder of each job that holds spilled values; not listed, not writable through the API. */
    public static final String INTERNAL_FOLDER = ".gpjobs";
    private static final String INDEX_ROW = "";
    private static final int MAX_CAS_ATTEMPTS = 8;

    private final AzureJobStoreConfig config;
    private final TableClient table;
    private final RecordTable rows;
    private final JobBlobs blobs;
    private final Spills spills;
    private final JobFiles files;
    private final Scratch scratch;
    private final JobCache cache = new JobCache(10_000);
    /** Results held for the job's next record update (jobId → property value); see {@link #putResults}. */
    private final Map<String, String> pendingResults = new ConcurrentHashMap<>();
    private final java.util.Set<NodeRegistration> nodes = ConcurrentHashMap.newKeySet();

    AzureJobStore(AzureJobStoreConfig config, TableClient table, BlobContainerClient container, Scratch scratch) {
        this.config = config;
        this.table = table;
        this.rows = new RecordTable(table, where(config));
        this.blobs = new JobBlobs(container);
        this.spills = new Spills(blobs, config.inlineLimitChars());
        this.files = new JobFiles(blobs, scratch);
        this.scratch = scratch;
    }

    @Override
    public JobRecord create(JobRecord record, Map<String, StoredValue> inputs) {
        String jobId = JobRecord.requireValidJobId(record.jobId());
        if (record.version() != 0) {
            throw new IllegalArgumentException("job '" + jobId + "': create expects version 0, got " + record.version());
        }
        String svc = Keys.encodeService(record.serviceName());
        List<Spills.Upload> uploads = new ArrayList<>();
        String inputsProp = spills.plan(svc, jobId, "inputs", RecordCodec.valuesJson(inputs), uploads);
        String bodyProp = spills.plan(svc, jobId, "body", RecordCodec.bodyJson(record), uploads);
        Map<String, Object> props = RecordCodec.toProperties(record, 1, bodyProp);
        props.put(RecordCodec.INPUTS, inputsProp);
        String token = RecordTable.newWriteToken();
        props.put(RecordCodec.WRITE_TOKEN, token);
        EntityLimits.check(svc, jobId, props, jobId);
        spills.upload(uploads);
        try {
            table.createEntity(new TableEntity(jobId, INDEX_ROW).addProperty(RecordCodec.INDEX_SERVICE, svc)
                    .addProperty(RecordCodec.WRITE_TOKEN, token));
        } catch (RuntimeException e) {
            // 409 after a retry whose first attempt was applied (a lost response) carries our own token
            if (AzureErrors.status(e) != 409 || !rows.ourWrite(jobId, INDEX_ROW, token)) {
                spills.discard(uploads);
                if (AzureErrors.status(e) == 409) {
                    throw new JobConflictException(jobId, "a job with this id already exists");
                }
                throw AzureErrors.failure("create job '" + jobId + "'", where(), e);
            }
        }
        String etag;
        try {
            etag = RecordTable.etag(table.createEntityWithResponse(RecordTable.entity(svc, jobId, props), null, null)
                    .getHeaders());
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 409 && rows.ourWrite(svc, jobId, token)) {
                return fetch(svc, jobId).map(Fetched::record).orElseThrow(() -> new JobNotFoundException(jobId));
            }
            if (AzureErrors.status(e) == 409) {
                spills.discard(uploads);
                throw new JobConflictException(jobId, "a job with this id already exists");
            }
            // The caller is told the job was not created; if the insert did happen (a lost response), undo it so
            // that no job runs that was reported as refused. What cannot be undone now, the janitor sweeps.
            if (!AzureErrors.definitelyRejected(e)) {
                rows.deleteQuietly(svc, jobId);
            }
            rows.deleteQuietly(jobId, INDEX_ROW);
            spills.discard(uploads);
            throw AzureErrors.failure("create job '" + jobId + "'", where(), e);
        }
        cache.put(jobId, new JobCache.Entry(svc, 1, etag, inputsProp, null, bodyProp));
        return record.withVersion(1);
    }

    @Override
    public Optional<JobRecord> read(String jobId) {
        JobRecord.requireValidJobId(jobId);
        String svc = serviceKey(jobId);
        return svc == null ? Optional.empty() : fetch(svc, jobId).map(Fetched::record);
    }

    @Override
    public JobRecord update(JobRecord next) {
        String jobId = JobRecord.requireValidJobId(next.jobId());
        String svc = serviceKey(jobId);
        if (svc == null) {
            throw new JobNotFoundException(jobId);
        }
        if (!svc.equals(Keys.encodeService(next.serviceName()))) {
            throw new IllegalArgumentException("job '" + jobId + "': serviceName cannot change to '"
                    + next.serviceName() + "'");
        }
        JobCache.Entry known = cache.get(jobId);
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            if (known == null || !known.hasState() || known.version() != next.version()) {
                known = fetch(svc, jobId).orElseThrow(() -> new JobNotFoundException(jobId)).entry();
                if (known.version() != next.version()) {
                    throw new JobConflictException(jobId, "stored version is " + known.version()
                            + ", the update was based on version " + next.version());
                }
            }
            List<Spills.Upload> uploads = new ArrayList<>();
            String bodyProp = spills.plan(svc, jobId, "body", RecordCodec.bodyJson(next), uploads);
            Map<String, Object> props = RecordCodec.toProperties(next, next.version() + 1, bodyProp);
            props.put(RecordCodec.INPUTS, known.inputs());
            String token = RecordTable.newWriteToken();
            props.put(RecordCodec.WRITE_TOKEN, token);
            String pending = pendingResults.get(jobId);
            String results = pending != null ? pending : known.results();
            if (results != null) {
                props.put(RecordCodec.RESULTS, results);
            }
            EntityLimits.check(svc, jobId, props, jobId);
            spills.upload(uploads);
            TableEntity e = RecordTable.entity(svc, jobId, props).addProperty("odata.etag", known.etag());
            try {
                String etag = rows.conditionalUpdate(e, TableEntityUpdateMode.REPLACE, svc, jobId, token);
                cache.put(jobId, new JobCache.Entry(svc, next.version() + 1, etag, known.inputs(), results, bodyProp));
                if (!bodyProp.equals(known.body())) {
                    spills.delete(known.body());
                }
                if (pending != null) {
                    pendingResults.remove(jobId, pending);
                    if (!pending.equals(known.results())) {
                        spills.delete(known.results());
                    }
                }
                return next.withVersion(next.version() + 1);
            } catch (RuntimeException ex) {
                if (!AzureErrors.definitelyRejected(ex)) {
                    // the replace may have been applied (lost response): its body blob may be referenced now, so
                    // keep it (it goes with the job's folder), and trust no cached ETag
                    cache.forgetState(jobId);
                    throw AzureErrors.failure("update job '" + jobId + "'", where(), ex);
                }
                spills.discard(uploads);
                int status = AzureErrors.status(ex);
                if (status == 412) {
                    cache.forgetState(jobId);
                    known = null;
                    continue;
                }
                if (status == 404) {
                    cache.remove(jobId);
                    pendingResults.remove(jobId);
                    throw new JobNotFoundException(jobId);
                }
                throw AzureErrors.failure("update job '" + jobId + "'", where(), ex);
            }
        }
        throw new JobConflictException(jobId, "the record kept changing during " + MAX_CAS_ATTEMPTS + " attempts");
    }

    @Override
    public JobPage query(JobQuery q) {
        String svc;
        try {
            svc = q.serviceName() == null ? null : Keys.encodeService(q.serviceName());
        } catch (IllegalArgumentException e) {
            return new JobPage(List.of(), 0, -1); // no job can have a service name the store cannot key
        }
        List<TableEntity> matching = new ArrayList<>();
        try {
            for (TableEntity e : table.listEntities(new ListEntitiesOptions().setFilter(QueryFilters.of(q, svc)),
                    null, null)) {
                if (q.matches(RecordCodec.toRecord(e.getRowKey(), e.getProperties(), "{}"))) {
                    matching.add(e);
                }
            }
        } catch (JobStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AzureErrors.failure("query jobs", where(), e);
        }
        matching.sort(Comparator.comparingLong((TableEntity e) -> RecordCodec.asLong(e.getProperty(RecordCodec.SUBMITTED)))
                .thenComparing(TableEntity::getRowKey));
        int total = matching.size();
        int from = Math.min(q.offset(), total);
        int to = (int) Math.min((long) from + q.limit(), total);
        List<JobRecord> page = new ArrayList<>(to - from);
        for (TableEntity e : matching.subList(from, to)) {
            try {
                page.add(remember(e.getPartitionKey(), e).record());
            } catch (Spills.BlobGone gone) {
                fetch(e.getPartitionKey(), e.getRowKey()).ifPresent(f -> page.add(f.record()));
            }
        }
        return new JobPage(page, total, to < total ? to : -1);
    }

    @Override
    public boolean delete(String jobId) {
        JobRecord.requireValidJobId(jobId);
        String svc = serviceKey(jobId);
        boolean any = false;
        pendingResults.remove(jobId); // a spilled blob of it goes with the job's folder below
        if (svc != null) {
            any = rows.delete(svc, jobId);
            any |= blobs.deleteAll(Keys.jobPrefix(svc, jobId)) > 0;
            any |= rows.delete(jobId, INDEX_ROW);
        }
        cache.remove(jobId);
        scratch.delete(jobId);
        return any;
    }

    @Override
    public Map<String, StoredValue> inputs(String jobId) {
        JobRecord.requireValidJobId(jobId);
        JobCache.Entry known = cache.get(jobId);
        if (known == null || known.inputs() == null) {
            String svc = serviceKey(jobId);
            Optional<Fetched> f = svc == null ? Optional.empty() : fetch(svc, jobId);
            if (f.isEmpty()) {
                return Map.of();
            }
            known = f.get().entry();
        }
        return spills.values(jobId, known.inputs());
    }

    @Override
    public void putResults(String jobId, Map<String, StoredValue> results) {
        JobRecord.requireValidJobId(jobId);
        String svc = serviceKey(jobId);
        if (svc == null) {
            throw new JobNotFoundException(jobId);
        }
        List<Spills.Upload> uploads = new ArrayList<>();
        String prop = spills.plan(svc, jobId, "results", RecordCodec.valuesJson(results), uploads);
        EntityLimits.check(svc, jobId, Map.of(RecordCodec.RESULTS, prop), jobId);
        spills.upload(uploads);
        if (config.writeResultsWithNextUpdate()) {
            JobCache.Entry cached = cache.get(jobId);
            if (cached == null || !cached.hasState()) {
                // the record must exist now, so that a missing job is reported here and not at the next update
                if (fetch(svc, jobId).isEmpty()) {
                    spills.discard(uploads);
                    throw new JobNotFoundException(jobId);
                }
            }
            String previous = pendingResults.put(jobId, prop);
            if (previous != null && !previous.equals(prop)) {
                spills.delete(previous);
            }
            return;
        }
        JobCache.Entry known = cache.get(jobId);
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            if (known == null || !known.hasState()) {
                Optional<Fetched> f = fetch(svc, jobId);
                if (f.isEmpty()) {
                    spills.discard(uploads);
                    throw new JobNotFoundException(jobId);
                }
                known = f.get().entry();
            }
            // Merge with If-Match: the new ETag then still belongs to the known version, so the next update needs
            // no read; a 412 only means a concurrent write, after which the merge is retried on fresh state.
            String token = RecordTable.newWriteToken();
            TableEntity e = new TableEntity(svc, jobId).addProperty(RecordCodec.RESULTS, prop)
                    .addProperty(RecordCodec.WRITE_TOKEN, token).addProperty("odata.etag", known.etag());
            try {
                String etag = rows.conditionalUpdate(e, TableEntityUpdateMode.MERGE, svc, jobId, token);
                cache.put(jobId, new JobCache.Entry(svc, known.version(), etag, known.inputs(), prop, known.body()));
                if (known.results() != null && !known.results().equals(prop)) {
                    spills.delete(known.results());
                }
                return;
            } catch (RuntimeException ex) {
                int status = AzureErrors.status(ex);
                if (status == 412) {
                    cache.forgetState(jobId);
                    known = null;
                    continue;
                }
                if (!AzureErrors.definitelyRejected(ex)) {
                    cache.forgetState(jobId); // the merge may have been applied: keep its blob
                    throw AzureErrors.failure("store results of job '" + jobId + "'", where(), ex);
                }
                spills.discard(uploads);
                if (status == 404) {
                    cache.remove(jobId);
                    throw new JobNotFoundException(jobId);
                }
                throw AzureErrors.failure("store results of job '" + jobId + "'", where(), ex);
            }
        }
        spills.discard(uploads);
        throw new JobConflictException(jobId, "the record kept changing during " + MAX_CAS_ATTEMPTS + " attempts");
    }

    @Override
    public void discardResults(String jobId) {
        JobRecord.requireValidJobId(jobId);
        String pending = pendingResults.remove(jobId);
        JobCache.Entry known = cache.get(jobId);
        if (pending != null && (known == null || !pending.equals(known.results()))) {
            spills.delete(pending); // a spilled value of those results: no record names it
        }
    }

    @Override
    public Map<String, StoredValue> results(String jobId) {
        JobRecord.requireValidJobId(jobId);
        String pending = pendingResults.get(jobId);
        if (pending != null) {
            return spills.values(jobId, pending);
        }
        String svc = serviceKey(jobId);
        if (svc == null) {
            return Map.of();
        }
        // Always read: another engine may have stored the results since this store last saw the job. A spilled
        // value can be replaced between the entity read and the blob read; then read the entity again.
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<TableEntity> e = rows.get(svc, jobId, List.of(RecordCodec.RESULTS));
            Object raw = e.map(x -> x.getProperty(RecordCodec.RESULTS)).orElse(null);
            if (raw == null) {
                return Map.of();
            }
            try {
                return RecordCodec.parseValues(jobId, spills.resolve(jobId, (String) raw));
            } catch (Spills.BlobGone gone) {
                // replaced meanwhile: read again
            }
        }
        throw new JobStoreException("job '" + jobId + "': its results kept changing while being read");
    }

    @Override
    public Path scratchFolder(String jobId) throws IOException {
        return scratch.folder(JobRecord.requireValidJobId(jobId));
    }

    @Override
    public void persistScratch(String jobId) throws IOException {
        JobRecord.requireValidJobId(jobId);
        if (scratch.existing(jobId) != null) {
            files.persistScratch(requireService(jobId), jobId);
        }
    }

    @Override
    public void writeFile(String jobId, String relativePath, InputStream content) throws IOException {
        JobRecord.requireValidJobId(jobId);
        Keys.requireValidRelativePath(relativePath);
        files.write(requireService(jobId), jobId, relativePath, content);
    }

    @Override
    public Optional<InputStream> readFile(String jobId, String relativePath) throws IOException {
        JobRecord.requireValidJobId(jobId);
        Keys.requireValidRelativePath(relativePath);
        String svc = serviceKey(jobId);
        return svc == null ? Optional.empty() : files.read(svc, jobId, relativePath);
    }

    @Override
    public List<String> listFiles(String jobId) throws IOException {
        JobRecord.requireValidJobId(jobId);
        String svc = serviceKey(jobId);
        return svc == null ? List.of() : files.list(svc, jobId);
    }

    @Override
    public int deleteOrphans(Instant olderThan) {
        int removed = new OrphanSweeper(table, blobs, rows::delete).sweep(olderThan);
        // local scratch copies of jobs that no longer exist (deleted by another engine, or never created)
        for (String jobId : scratch.foldersOlderThan(olderThan)) {
            cache.remove(jobId);
            if (serviceKey(jobId) == null) {
                scratch.delete(jobId);
            }
        }
        return removed;
    }

    @Override
    public Optional<io.gpjobs.spi.JobDispatcher> dispatcher() {
        return !config.queueDispatch() ? Optional.empty() : Optional.of(new QueueDispatcher(config, table,
                QueueTuning.defaults(config.rerunOnNodeFailure(), config.maxDequeueCount()), null,
                this::knowService));
    }

    /**
     * Notes the service of a job this store has not seen (a queue message named it): the read of its index entity
     * is saved. A job that does not exist is still reported absent by the record's own read.
     */
    void knowService(String jobId, String serviceName) {
        if (JobRecord.isValidJobId(jobId) && cache.get(jobId) == null) {
            cache.put(jobId, JobCache.Entry.serviceOnly(Keys.encodeService(serviceName)));
        }
    }

    /**
     * {@inheritDoc} On this store: a node entity with a lease of 30 s (see {@link NodeLease}) that only an engine
     * renews; use {@link #registerNode(String, java.time.Duration)}.
     */
    @Override
    public NodeRegistration registerNode(String nodeId) {
        return registerNode(nodeId, java.time.Duration.ofSeconds(30));
    }

    /** {@inheritDoc} On this store: a node entity whose lease is judged on the storage service's clock. */
    @Override
    public NodeRegistration registerNode(String nodeId, java.time.Duration lease) {
        NodeLease held = NodeLease.claim(table, nodeId, lease, "cloud store '" + config.name() + "' (" + where() + ")");
        NodeRegistration[] self = new NodeRegistration[1];
        self[0] = new NodeRegistration() {
            @Override
            public void renew() {
                held.renew();
            }

            @Override
            public void close() {
                nodes.remove(self[0]);
                held.close();
            }
        };
        nodes.add(self[0]);
        return self[0];
    }

    @Override
    public void close() {
        List.copyOf(nodes).forEach(NodeRegistration::close);
        scratch.close();
    }

    @Override
    public String toString() {
        return "AzureJobStore[" + config + "]";
    }

    /** A fetched record with the cache entry that describes it. */
    private record Fetched(JobRecord record, JobCache.Entry entry) {
    }

    private Optional<Fetched> fetch(String svc, String jobId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<TableEntity> e = rows.get(svc, jobId, null);
            if (e.isEmpty()) {
                cache.forgetState(jobId);
                return Optional.empty();
            }
            try {
                return Optional.of(remember(svc, e.get()));
            } catch (Spills.BlobGone gone) {
                // a concurrent update replaced the body blob after our read: read the entity again
            }
        }
        throw new JobStoreException("job '" + jobId + "': its record kept changing while being read");
    }

    private Fetched remember(String svc, TableEntity e) {
        Map<String, Object> p = e.getProperties();
        String body = (String) p.get(RecordCodec.BODY);
        JobRecord r = RecordCodec.toRecord(e.getRowKey(), p, spills.resolve(e.getRowKey(), body));
        JobCache.Entry entry = new JobCache.Entry(svc, r.version(), e.getETag(), (String) p.get(RecordCodec.INPUTS),
                (String) p.get(RecordCodec.RESULTS), body);
        cache.put(r.jobId(), entry);
        return new Fetched(r, entry);
    }

    /** The service key of a job: cached, or from its index entity; null when the job does not exist. */
    private String serviceKey(String jobId) {
        JobCache.Entry known = cache.get(jobId);
        if (known != null) {
            return known.serviceKey();
        }
        Optional<TableEntity> index = rows.get(jobId, INDEX_ROW, List.of(RecordCodec.INDEX_SERVICE));
        if (index.isEmpty()) {
            return null;
        }
        String svc = (String) index.get().getProperty(RecordCodec.INDEX_SERVICE);
        cache.put(jobId, JobCache.Entry.serviceOnly(svc));
        return svc;
    }

    private String requireService(String jobId) {
        String svc = serviceKey(jobId);
        if (svc == null) {
            throw new JobNotFoundException(jobId);
        }
        return svc;
    }

    private String where() {
        return where(config);
    }

    private static String where(AzureJobStoreConfig config) {
        return "table '" + config.table() + "', container '" + config.container() + "'";
    }
}
