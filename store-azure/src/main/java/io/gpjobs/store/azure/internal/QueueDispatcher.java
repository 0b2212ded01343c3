package io.gpjobs.store.azure.internal;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import io.gpjobs.spi.DispatchContext;
import io.gpjobs.spi.DispatchContext.RunEnd;
import io.gpjobs.spi.JobDispatcher;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Dispatches the jobs of an Azure store's services across the nodes that share it, through one Azure queue per
 * service ({@link JobQueue}): {@link #dispatch} puts the job's message (hidden for a lease and run here at once
 * when this node has a free slot: the hidden message is then only a dead-man's hint); each node's poll loop
 * ({@link ServiceLoop}) receives at most as many messages as it has free slots, hidden for the engine's lease, and
 * hands each to {@link #deliver}.
 *
 * <p>A delivery is judged on the record: a job that ended or is gone loses its message; a queued job runs here
 * (the engine's claim is the compare-and-set on the record's ETag that lets exactly one node run it); a job held
 * by a node whose lease is still alive, judged on the storage's clock ({@link LeaseJudge}), has its message
 * hidden for the rest of the lease; a job whose node's lease ran out is taken over: queued again for a new run
 * when {@code rerunOnNodeFailure}, else ended Failed naming the lost node ({@link RecordFixes}). A message
 * delivered more than {@code maxDequeueCount} times moves to {@code <queue>-poison} and its job fails. While a job
 * runs here, its message's visibility is extended every third of a lease ({@link HeldRun}), beside the engine's
 * own renewal of the record's lease; when the run ends with its end recorded the message is deleted. A sweeper
 * ({@link LostMessageSweeper}) puts again the message of a queued job left untouched too long (a lost put).
 *
 * <p>Thread-safe. Requests for a job accepted and run on one node: its two inserts, the hidden put, the claim, the
 * end, the delete (6). Run on another node: the two inserts and the put there; here a share of a receive, the
 * record's read, the claim, the end and the delete (8 and a share of a receive).
 */
public final class QueueDispatcher implements JobDispatcher {
    private static final System.Logger LOG = System.getLogger(QueueDispatcher.class.getName());

    private final AzureJobStoreConfig config;
    private final RecordTable rows;
    private final QueueTuning tuning;
    private final Function<String, JobQueue> queues;
    private final BiConsumer<String, String> serviceHint;
    private final Map<String, ServiceLoop> loops = new TreeMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DispatchContext context;
    private volatile RecordFixes fixes;
    private volatile LostMessageSweeper sweeper;
    private volatile Future<?> sweep;

    /**
     * A dispatcher for the services of a store on {@code config}'s account, reading records from {@code table};
     * {@code queues} opens the queue of a service (null: {@link JobQueue#open}). No I/O until {@link #start}.
     */
    public QueueDispatcher(AzureJobStoreConfig config, TableClient table, QueueTuning tuning,
            Function<String, JobQueue> queues) {
        this(config, table, tuning, queues, (jobId, svc) -> { });
    }

    /**
     * As {@link #QueueDispatcher(AzureJobStoreConfig, TableClient, QueueTuning, Function)}, telling
     * {@code serviceHint} (job id, service name) the service of each job whose message this node receives, before
     * it runs: a queue carries the jobs of one service, so the store need not look the job's service up.
     */
    public QueueDispatcher(AzureJobStoreConfig config, TableClient table, QueueTuning tuning,
            Function<String, JobQueue> queues, BiConsumer<String, String> serviceHint) {
        this.serviceHint = Objects.requireNonNull(serviceHint, "serviceHint");
        this.config = Objects.requireNonNull(config, "config");
        this.rows = new RecordTable(table, "table '" + config.table() + "'");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.queues = queues != null ? queues : svc -> JobQueue.open(config, svc, tuning.clock());
    }

    @Override
    public void start(DispatchContext c) {
        this.context = Objects.requireNonNull(c, "context");
        this.fixes = new RecordFixes(c.clock());
        Map<String, String> names = new TreeMap<>();
        for (String svc : c.serviceNames()) {
            JobQueue q = queues.apply(svc);
            String other = names.put(q.name(), svc);
            if (other != null) {
                throw new IllegalArgumentException("services '" + other + "' and '" + svc + "' would share the"
                        + " queue '" + q.name() + "' of cloud store '" + config.name() + "': jobsStoreQueue names the"
                        + " queue of one service; leave it out to give each service a queue named after it");
            }
            q.create();
            loops.put(svc, new ServiceLoop(this, svc, q, c, tuning));
        }
        this.sweeper = new LostMessageSweeper(rows, tuning.clock(), tuning.sweepAge());
        loops.values().forEach(ServiceLoop::start);
        scheduleSweep();
    }

    @Override
    public void dispatch(JobRecord job) {
        ServiceLoop loop = loop(job.serviceName());
        DispatchContext c = context;
        if (c.freeSlots(job.serviceName()) > 0) {
            JobQueue.Delivery d = loop.queue().put(job.jobId(), c.leaseDuration());
            loop.runHere(d);
        } else {
            loop.queue().put(job.jobId(), Duration.ZERO);
            loop.wake();
        }
    }

    /** Handles one received message of a service. */
    void deliver(ServiceLoop loop, JobQueue.Delivery d) {
        DispatchContext c = context;
        String svc = loop.service();
        serviceHint.accept(d.jobId(), svc);
        if (d.dequeueCount() <= 1) {
            loop.runHere(d); // a first delivery: the engine's claim tells whether the job is still queued
            return;
        }
        Optional<TableEntity> e = rows.get(Keys.encodeService(svc), d.jobId(), LeaseJudge.SELECT);
        if (e.isEmpty()) {
            loop.settled(d.jobId());
            loop.queue().delete(d); // deleted (or never created)
            return;
        }
        JobStatus status = LeaseJudge.status(e.get());
        if (status.isTerminal() || status == JobStatus.DELETING) {
            loop.settled(d.jobId());
            loop.queue().delete(d);
            return;
        }
        Instant now = tuning.clock().now();
        Instant leaseEnd = LeaseJudge.serverLeaseEnd(e.get());
        boolean held = status == JobStatus.EXECUTING || status == JobStatus.CANCELLING;
        // A message put back because its job is alive is replaced, not hidden: hiding keeps its dequeue count, and
        // a long job whose message came back often would be poisoned when its node is later lost.
        if (held && c.nodeId().equals(LeaseJudge.node(e.get())) && loop.runsHere(d.jobId())) {
            // Its node is this one and its run is under way or its end waits here for the store (renewals failed
            // for a while, e.g. during a storage outage): it is alive and holds the outcome, whatever the lease says.
            loop.adopt(d);
            return;
        }
        if (held && leaseEnd != null && now.isBefore(leaseEnd)) {
            // Its node is alive: put it back for the rest of the lease (and a second for the Date's rounding).
            loop.queue().replace(d, clamp(Duration.between(now, leaseEnd).plus(ServerClock.RESOLUTION)));
            return;
        }
        // The deliveries that count are the runs that started and ended with their node: a message put back for
        // a live job is replaced (a fresh dequeue count), so the record's attempt counter counts them too. A job
        // whose node was lost after its last allowed run is not run again.
        long deliveries = Math.max(d.dequeueCount(), held ? LeaseJudge.attempt(e.get()) + 1L : 0L);
        if (deliveries > tuning.maxDequeueCount()) {
            // Copied first: whoever sees the job Failed finds its message in the poison queue.
            loop.queue().copyToPoison(d);
            if (fixes.poisoned(c.store(svc), d.jobId(), deliveries, QueueNames.poison(loop.queue().name()))
                    != null) {
                LOG.log(System.Logger.Level.WARNING, "job " + d.jobId() + " failed: its message was delivered "
                        + deliveries + " times; moved to " + QueueNames.poison(loop.queue().name()));
            }
            loop.queue().delete(d);
            return;
        }
        if (held) {
            String node = LeaseJudge.node(e.get());
            JobRecord out = fixes.takeOver(c.store(svc), d.jobId(), node, tuning.rerunOnNodeFailure(), c.nodeId());
            if (out == null || out.status().isTerminal()) {
                if (out != null) {
                    LOG.log(System.Logger.Level.WARNING, "job " + d.jobId() + " ended " + out.status().wireName()
                            + ": node " + node + " running it was lost (its lease ran out)");
                }
                loop.queue().hide(d, Duration.ZERO); // judged again at its next delivery
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "job " + d.jobId() + " runs again: node " + node
                    + " running it was lost (its lease ran out)");
        }
        loop.runHere(d);
    }

    /** What to do with a message once its run here ended. */
    void ended(ServiceLoop loop, JobQueue.Delivery d, RunEnd end) {
        switch (end) {
            case RECORDED -> loop.queue().delete(d);
            case STOPPED -> loop.queue().hide(d, Duration.ZERO); // another node may take it at once
            case PENDING -> {
                // the engine keeps the end and renews the record's lease: the message comes back and is judged
            }
            case NOT_CLAIMED -> {
                Optional<TableEntity> e = rows.get(Keys.encodeService(loop.service()), d.jobId(), LeaseJudge.SELECT);
                if (e.isEmpty() || LeaseJudge.status(e.get()).isTerminal()) {
                    loop.queue().delete(d);
                }
                // else another node holds it: its message comes back after the lease and is judged then
            }
            default -> throw new IllegalStateException("unknown run end " + end);
        }
    }

    /** Puts again the messages of the queued jobs of every service left untouched too long. */
    int sweepNow() {
        int requeued = 0;
        for (ServiceLoop loop : loops.values()) {
            requeued += sweeper.sweep(loop.service(), jobId -> {
                loop.queue().put(jobId, Duration.ZERO);
                fixes.touched(context.store(loop.service()), jobId);
            });
            loop.wake();
        }
        return requeued;
    }

    private void scheduleSweep() {
        if (closed.get()) {
            return;
        }
        Duration jitter = Duration.ofNanos((long) (tuning.random().getAsDouble() * tuning.sweepInterval().toNanos() / 2));
        sweep = context.scheduler().schedule(() -> {
            try {
                int n = sweepNow();
                if (n > 0) {
                    LOG.log(System.Logger.Level.WARNING, "put again the messages of " + n + " queued job(s) whose"
                            + " message was lost");
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the sweep for lost messages failed", e);
            }
            scheduleSweep();
        }, tuning.sweepInterval().plus(jitter));
    }

    static Duration clamp(Duration d) {
        return d.compareTo(JobQueue.MAX_VISIBILITY) > 0 ? JobQueue.MAX_VISIBILITY : d;
    }

    private ServiceLoop loop(String svc) {
        ServiceLoop l = loops.get(svc);
        if (l == null) {
            throw new IllegalArgumentException("this dispatcher does not dispatch for service '" + svc + "'");
        }
        return l;
    }

    /** Whether {@link #close} was called. */
    boolean closed() {
        return closed.get();
    }

    /** Stops receiving and sweeping; the runs under way keep extending their messages until they end. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<?> s = sweep;
        if (s != null) {
            s.cancel(false);
        }
        loops.values().forEach(ServiceLoop::stop);
    }
}
