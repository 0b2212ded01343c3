package io.gpjobs;

import io.gpjobs.internal.InMemoryJobStore;
import io.gpjobs.internal.JobEngine;
import io.gpjobs.internal.JobReads;
import io.gpjobs.internal.JobSubmission;
import io.gpjobs.internal.StoreResolver;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.MessageType;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one place of the public package that reaches into {@code internal}: {@link GPEngine}, {@link GPCaller} and
 * {@link MemoryJobStoreProvider} talk to the engine through it, in public types only. Thread-safe.
 */
final class EngineBridge {
    private final JobEngine engine;
    private final JobReads reads;

    private EngineBridge(JobEngine engine) {
        this.engine = engine;
        this.reads = engine.reads();
    }

    /** Resolves the stores, builds and starts the engine; closes the stores it opened when that fails. */
    static EngineBridge start(GPEngine.Builder.Options o) {
        StoreResolver resolver = new StoreResolver(o.providers());
        o.cloudStores().forEach(resolver::addCloudStore);
        try {
            Map<GPService, JobStore> stores = resolver.resolve(List.copyOf(o.services().values()), o.jobStore());
            return new EngineBridge(new JobEngine(new JobEngine.Settings(stores, resolver.owned(), o.clock(),
                    o.nodeId(), o.listeners(), o.accessPolicy(), o.leaseDuration(), o.janitorInterval(),
                    o.timeoutGrace(), o.scheduler(), o.workers(), o.remoteUrls())));
        } catch (RuntimeException ex) {
            for (JobStore st : resolver.owned()) {
                try {
                    st.close();
                } catch (RuntimeException ignored) {
                    // best effort: the build failed anyway
                }
            }
            throw ex;
        }
    }

    static JobStore newMemoryStore(int maxFinishedJobs) {
        return new InMemoryJobStore(maxFinishedJobs);
    }

    ExecuteResult execute(String principal, String service, String task, Map<String, ?> inputs) {
        JobSubmission.Executed done = engine.submissions().executeAndWait(service, task, inputs, principal);
        JobRecord r = done.record();
        JobInfo info = reads.job(r.jobId(), principal);
        if (r.status() != JobStatus.SUCCEEDED) {
            List<String> details = new ArrayList<>();
            for (JobMessage m : r.messages()) {
                if (m.type() == MessageType.ERROR) {
                    details.add(m.description());
                }
            }
            if (details.isEmpty()) {
                details.add("job '" + r.jobId() + "' ended " + r.status().wireName());
            }
            throw new GPException(500, "Unable to complete operation.", details);
        }
        return new ExecuteResult(r.jobId(), engine.values().values(r.jobId(), principal, true, done.results()),
                info.messages());
    }

    JobInfo submitJob(String principal, String service, String task, Map<String, ?> inputs) {
        return reads.view(engine.submissions().submit(service, task, inputs, principal, false));
    }

    JobInfo job(String principal, String jobId) {
        return reads.job(jobId, principal);
    }

    JobInfo cancel(String principal, String jobId) {
        return reads.view(engine.commands().cancel(jobId, principal));
    }

    JobInfo delete(String principal, String jobId) {
        JobRecord r = engine.commands().delete(jobId, principal);
        return new JobInfo(r.jobId(), r.serviceName(), r.taskName(), JobStatus.DELETED, List.of(), null,
                r.submitted(), r.started(), r.ended(), r.updated(), r.owner(), List.of(), List.of(), r.attempt());
    }

    ParameterValue value(String principal, String jobId, String paramName, boolean result) {
        return engine.values().value(jobId, paramName, principal, result);
    }

    List<ParameterValue> values(String principal, String jobId, boolean results) {
        return engine.values().values(jobId, principal, results);
    }

    Optional<InputStream> openFile(String principal, String jobId, String relativePath) {
        return engine.values().openFile(jobId, relativePath, principal);
    }

    JobInfo awaitCompletion(String principal, String jobId, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return reads.await(jobId, timeout, principal);
    }

    JobInfo awaitStatus(String principal, String jobId, Predicate<JobStatus> until, Duration timeout) {
        return engine.statusWaits().await(jobId, until, timeout, principal);
    }

    JobInfoPage jobPage(JobQuery query) {
        return engine.admin().jobs(Objects.requireNonNull(query, "query"));
    }

    Stream<JobInfo> allJobs(JobQuery query) {
        return engine.admin().all(Objects.requireNonNull(query, "query"));
    }

    int purgeQueue(String service) {
        return engine.admin().purgeQueue(service);
    }

    Map<JobStatus, Integer> statistics(String service) {
        return engine.admin().statistics(service);
    }

    int runJanitor() {
        return engine.admin().runJanitor();
    }

    String nodeId() {
        return engine.nodeId();
    }

    void close() {
        engine.close();
    }
}
