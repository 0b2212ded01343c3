package io.gpjobs.internal;

import io.gpjobs.EngineScheduler;
import io.gpjobs.spi.DispatchContext;
import io.gpjobs.spi.JobStore;
import io.gpjobs.value.GPValue;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The engine's side of the dispatch seam for the services of one dispatcher. Thread-safe. */
final class EngineDispatchContext implements DispatchContext {
    private static final System.Logger LOG = System.getLogger(EngineDispatchContext.class.getName());

    private final JobEngine engine;
    private final Map<String, ServiceRuntime> services = new TreeMap<>();

    EngineDispatchContext(JobEngine engine, List<ServiceRuntime> runtimes) {
        this.engine = engine;
        runtimes.forEach(rt -> services.put(rt.service().name(), rt));
    }

    @Override
    public String nodeId() {
        return engine.nodeId;
    }

    @Override
    public Clock clock() {
        return engine.clock;
    }

    @Override
    public java.time.Duration leaseDuration() {
        return engine.leaseDuration;
    }

    @Override
    public EngineScheduler scheduler() {
        return engine.scheduler;
    }

    @Override
    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    @Override
    public JobStore store(String serviceName) {
        return runtime(serviceName).store();
    }

    @Override
    public int freeSlots(String serviceName) {
        return runtime(serviceName).freeSlots();
    }

    @Override
    public CompletionStage<RunEnd> run(String serviceName, String jobId, int attempt) {
        ServiceRuntime rt = runtime(serviceName);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
        engine.checkOpen();
        if (attempt > 1) {
            LOG.log(System.Logger.Level.INFO, "job " + jobId + " is delivered again (attempt " + attempt + ")");
        }
        CompletableFuture<RunEnd> done = new CompletableFuture<>();
        rt.reserved.incrementAndGet();
        // The caller hears of the end only once the slot's reservation is released, so a dispatcher that asks for
        // free slots when a run ended finds that one free.
        CompletableFuture<RunEnd> released = done.whenComplete((end, failure) -> rt.reserved.decrementAndGet());
        rt.queue.add(new ServiceRuntime.QueueEntry(jobId, attempt, done));
        return released.minimalCompletionStage();
    }

    /**
     * Queues a first run of a job for this engine's worker slots, as {@link #run} does, for a dispatcher that does not
     * await the run's end (in-process dispatch): no completion stage is made for it and it reserves no slot.
     *
     * @param inputs the job's validated inputs, handed to its worker, or null (the worker reads them)
     */
    void runHere(String serviceName, String jobId, Map<String, GPValue> inputs) {
        ServiceRuntime rt = runtime(serviceName);
        engine.checkOpen();
        rt.queue.add(new ServiceRuntime.QueueEntry(jobId, 1, null, inputs));
    }

    private ServiceRuntime runtime(String serviceName) {
        ServiceRuntime rt = serviceName == null ? null : services.get(serviceName);
        if (rt == null) {
            throw new IllegalArgumentException("this dispatcher does not dispatch for service '" + serviceName
                    + "' (it does for " + services.keySet() + ")");
        }
        return rt;
    }
}
