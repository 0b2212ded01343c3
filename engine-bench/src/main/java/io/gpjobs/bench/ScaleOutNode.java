package io.gpjobs.bench;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import io.gpjobs.store.azure.AzureJobStoreProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One node of the scale-out site ({@link ScaleOutBench}): an engine on the Azure store with queue dispatch, running
 * the benchmark's two tasks. As a process of its own ({@link #main}) it is a worker node and speaks a line protocol
 * with the benchmark: it prints {@code READY}, then {@code STARTED <jobId>} when a signalling job's body starts and
 * {@code ENDED <jobId> <status>} when a job ends; it answers a {@code COUNT} line on standard input with
 * {@code REQUESTS blob=… queue=… table=…} (its storage requests so far) and stops when standard input ends.
 */
public final class ScaleOutNode {

    /** What a node tells the benchmark. Implementations are thread-safe. */
    interface Events {
        /** A signalling job's body started. */
        void started(String jobId);

        /** A job ended with {@code status}. */
        void ended(String jobId, JobStatus status);
    }

    private ScaleOutNode() {
    }

    /**
     * Runs a worker node. System properties: {@code site.node} (its id), {@code site.cs}, {@code site.container},
     * {@code site.table}, {@code site.queue} (the store), {@code site.workers} (its worker slots).
     */
    public static void main(String[] args) throws Exception {
        String node = System.getProperty("site.node");
        RequestTally tally = new RequestTally();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        JobStore store = new AzureJobStoreProvider().open(config(System.getProperty("site.cs"),
                System.getProperty("site.container"), System.getProperty("site.table"),
                System.getProperty("site.queue"), tally));
        Events events = new Events() {
            @Override
            public void started(String jobId) {
                out.println("STARTED " + jobId);
            }

            @Override
            public void ended(String jobId, JobStatus status) {
                out.println("ENDED " + jobId + " " + status.wireName());
            }
        };
        try (GPEngine engine = engine(node, store, Integer.getInteger("site.workers", Systems.WORKERS), true, events)) {
            out.println("READY " + engine.nodeId());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("COUNT")) {
                    out.println("REQUESTS " + tally.line());
                }
            }
        } finally {
            store.close();
        }
    }

    /** The site's store settings: queue dispatch on {@code queue}, requests counted by {@code tally}. */
    static AzureJobStoreConfig config(String cs, String container, String table, String queue, RequestTally tally) {
        return AzureJobStoreConfig.builder().name("scaleout").connectionString(cs).container(container).table(table)
                .jobsStoreQueue(queue).requestObserver(tally).build();
    }

    /** An engine of the site: {@code slots} worker slots (none run when {@code workers} is false). */
    static GPEngine engine(String node, JobStore store, int slots, boolean workers, Events events) {
        GPService service = BenchTasks.service(slots, ctx -> events.started(ctx.jobId()));
        return GPEngine.builder().nodeId(node).workers(workers).jobStore(store).service(service)
                .listener(new JobListener() {
                    @Override
                    public void onStatus(String jobId, JobStatus from, JobStatus to) {
                        if (to.isTerminal()) {
                            events.ended(jobId, to);
                        }
                    }
                })
                .build();
    }
}
