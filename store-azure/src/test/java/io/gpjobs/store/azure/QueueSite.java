package io.gpjobs.store.azure;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPString;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Several engines (nodes) in one JVM on one Azure store with queue dispatch, each with its own store instance, as
 * separate machines would have. Each node's tasks record the jobs they ran. Closes everything it opened.
 */
final class QueueSite implements AutoCloseable {
    static final String SERVICE = "queued";
    static final Duration LEASE = Duration.ofSeconds(3);

    final AzureJobStoreConfig config;
    private final List<AutoCloseable> open = new ArrayList<>();
    final EngineTestTasks.Gates gates = new EngineTestTasks.Gates();

    QueueSite(Consumer<AzureJobStoreConfig.Builder> tune) {
        AzureJobStoreConfig.Builder b = Azurite.config().jobsStoreQueue(Azurite.newQueue());
        tune.accept(b);
        this.config = b.build();
    }

    /** A site on a given store (another emulator). */
    QueueSite(AzureJobStoreConfig config) {
        this.config = config;
    }

    /** A node: its own store on the site's config; {@code ran} collects the ids of the jobs its tasks ran. */
    GPEngine node(String id, boolean workers, Clock clock, Set<String> ran) {
        return node(id, workers, clock, ran, config);
    }

    GPEngine node(String id, boolean workers, Clock clock, Set<String> ran, AzureJobStoreConfig c) {
        JobStore store = new AzureJobStoreProvider().open(c);
        open.add(store);
        GPEngine e = GPEngine.builder().nodeId(id).workers(workers).clock(clock).leaseDuration(LEASE)
                .jobStore(store)
                .service(GPService.builder(SERVICE).maxInstances(2).cancellationCheckInterval(Duration.ofSeconds(1))
                        .task(counting("Echo", ran, null)).task(counting("Gated", ran, gates)).build())
                .build();
        open.add(0, e);
        return e;
    }

    /** A store of the site that no engine uses (to look at or plant records). */
    JobStore store() {
        JobStore s = new AzureJobStoreProvider().open(config.toBuilder().queueDispatch(false).build());
        open.add(s);
        return s;
    }

    static Set<String> ran() {
        return ConcurrentHashMap.newKeySet();
    }

    /** Echo (or, with gates, Gated: waits at the gate named by its text) that records the job it ran. */
    static Task counting(String name, Set<String> ran, EngineTestTasks.Gates gates) {
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return new TaskDefinition(name, null, "a queue dispatch test task", null, null, List.of(
                        ParameterDefinition.requiredInput("text", GPDataType.STRING),
                        ParameterDefinition.output("result", GPDataType.STRING)));
            }

            @Override
            public void execute(TaskContext ctx) throws Exception {
                ran.add(ctx.jobId());
                String text = ctx.input("text", GPString.class).value();
                if (gates != null) {
                    var gate = gates.open(text);
                    ctx.cancellation().onCancel(gate::countDown);
                    gates.entered(text).countDown();
                    gate.await(120, java.util.concurrent.TimeUnit.SECONDS);
                    ctx.cancellation().throwIfCancellationRequested();
                }
                ctx.setOutput("result", new GPString(text.toUpperCase(java.util.Locale.ROOT)));
                if (gates != null) {
                    gates.returned(text).countDown();
                }
            }
        };
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
    }
}
