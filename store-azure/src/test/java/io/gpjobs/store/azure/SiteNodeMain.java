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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One engine node of a site, as its own JVM (started by {@link MultiProcessSiteIT} with the test class path): an
 * engine on the Azure store given by system properties, with queue dispatch, running the site's tasks. Prints
 * {@code READY <node>} once started and stops (closing the engine) when its standard input ends.
 *
 * <p>Tasks (each writes a new file under {@code <dir>/runs/} per execution, named {@code <jobId>.<node>.<uuid>},
 * so a test counts how often each job's body ran and where): {@code Count} returns at once; {@code Hold} writes
 * {@code <dir>/entered/<jobId>.<node>} and waits for the file {@code <dir>/release-<node>}; {@code Crash} halts
 * its JVM.
 */
public final class SiteNodeMain {
    static final String SERVICE = "site";

    private SiteNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String node = System.getProperty("site.node");
        Path dir = Path.of(System.getProperty("site.dir"));
        AzureJobStoreConfig config = AzureJobStoreConfig.builder()
                .connectionString(System.getProperty("site.cs"))
                .container(System.getProperty("site.container"))
                .table(System.getProperty("site.table"))
                .jobsStoreQueue(System.getProperty("site.queue"))
                .rerunOnNodeFailure(Boolean.getBoolean("site.rerun"))
                .maxDequeueCount(Integer.getInteger("site.maxDequeueCount", 5))
                .build();
        JobStore store = new AzureJobStoreProvider().open(config);
        try (GPEngine engine = engine(node, store, true, dir)) {
            System.out.println("READY " + node);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes our standard input
            }
        } finally {
            store.close();
        }
    }

    /** An engine of the site (the tests build the web node with the same service). */
    static GPEngine engine(String node, JobStore store, boolean workers, Path dir) {
        return GPEngine.builder().nodeId(node).workers(workers).leaseDuration(Duration.ofSeconds(3)).jobStore(store)
                .service(service(node, dir)).build();
    }

    static GPService service(String node, Path dir) {
        return GPService.builder(SERVICE).maxInstances(4).maxQueueSize(5000)
                .cancellationCheckInterval(Duration.ofSeconds(1))
                .task(task("Count", node, dir)).task(task("Hold", node, dir)).task(task("Crash", node, dir)).build();
    }

    private static Task task(String name, String node, Path dir) {
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return new TaskDefinition(name, null, "a site test task", null, null, List.of(
                        ParameterDefinition.requiredInput("text", GPDataType.STRING),
                        ParameterDefinition.output("result", GPDataType.STRING)));
            }

            @Override
            public void execute(TaskContext ctx) throws IOException {
                if (name.equals("Crash")) {
                    Runtime.getRuntime().halt(3);
                }
                if (name.equals("Hold")) {
                    Files.createDirectories(dir.resolve("entered"));
                    Files.writeString(dir.resolve("entered").resolve(ctx.jobId() + "." + node), node);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (!Files.exists(dir.resolve("release-" + node)) && System.nanoTime() < deadline
                            && !ctx.cancellation().isCancellationRequested()) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a long task, not a test wait
                    }
                }
                Files.createDirectories(dir.resolve("runs"));
                Files.writeString(dir.resolve("runs").resolve(ctx.jobId() + "." + node + "." + UUID.randomUUID()), node);
                ctx.setOutput("result", new GPString("ran on " + node));
            }
        };
    }
}
