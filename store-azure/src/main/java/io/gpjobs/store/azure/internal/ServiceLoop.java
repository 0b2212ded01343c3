package io.gpjobs.store.azure.internal;

import io.gpjobs.spi.DispatchContext;
import io.gpjobs.spi.DispatchContext.RunEnd;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The poll loop of one service's queue on one node, on the engine's scheduler: each poll receives at most as many
 * messages as the node has free slots for the service (none when it has none), hidden for the engine's lease, and
 * hands them to the dispatcher; an empty poll backs off exponentially with full jitter after a few short ones
 * ({@link QueueTuning#idleBackoff}), a poll that found messages is followed at once, and {@link #wake} polls at once:
 * a local submit that found no free slot, or a freed slot when the last poll may have left messages behind (a
 * freed slot on a drained queue waits for the next idle poll, so a job run by its accepting node costs no receive).
 * Polls never overlap. Thread-safe.
 */
final class ServiceLoop {
    private static final System.Logger LOG = System.getLogger(ServiceLoop.class.getName());

    private final QueueDispatcher dispatcher;
    private final String service;
    private final JobQueue queue;
    private final DispatchContext context;
    private final QueueTuning tuning;
    private final Object lock = new Object();
    private final Set<HeldRun> held = ConcurrentHashMap.newKeySet();
    /** Jobs whose run here ended while the store refused its end: the engine keeps the end and writes it later. */
    private final Set<String> pendingEnds = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean stopped;
    private Future<?> next;
    private int emptyPolls;
    private volatile boolean wakeRequested;
    /** Whether the last poll may have left messages behind for want of a free slot. */
    private volatile boolean starved;

    ServiceLoop(QueueDispatcher dispatcher, String service, JobQueue queue, DispatchContext context,
            QueueTuning tuning) {
        this.dispatcher = dispatcher;
        this.service = service;
        this.queue = queue;
        this.context = context;
        this.tuning = tuning;
    }

    String service() {
        return service;
    }

    JobQueue queue() {
        return queue;
    }

    /** Whether a run of {@code jobId} under way here holds a message of it. */
    boolean runsHere(String jobId) {
        if (pendingEnds.contains(jobId)) {
            return true; // its end waits here for the store: this node is alive and holds the outcome
        }
        for (HeldRun r : held) {
            if (r.delivery.jobId().equals(jobId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes in a message of a job this node runs or whose end waits here: a run that lost its own message (its
     * receipt stopped working) extends the message put in its place from now on; a run that still holds its own
     * message lets this duplicate go; a pending end keeps the message put in its place for a lease.
     */
    void adopt(JobQueue.Delivery d) {
        for (HeldRun r : held) {
            if (r.delivery.jobId().equals(d.jobId()) && !r.over.get()) {
                if (r.lost) {
                    r.delivery = queue.replace(d, context.leaseDuration());
                    r.lost = false;
                    r.beat = context.scheduler().schedule(r::heartbeat, context.leaseDuration().dividedBy(3));
                } else {
                    queue.delete(d);
                }
                return;
            }
        }
        queue.replace(d, context.leaseDuration());
    }

    /** Forgets a job whose end is now in the store (or that is gone): its pending end, if any, was written. */
    void settled(String jobId) {
        pendingEnds.remove(jobId);
    }

    void start() {
        schedule(Duration.ZERO);
    }

    /** Polls as soon as possible (a local submit, a freed slot). */
    void wake() {
        wakeRequested = true;
        schedule(Duration.ZERO);
    }

    void stop() {
        stopped = true;
        synchronized (lock) {
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    private void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        synchronized (lock) {
            if (next != null && !next.isDone()) {
                if (!delay.isZero()) {
                    return; // a poll is already planned
                }
                next.cancel(false);
            }
            next = context.scheduler().schedule(this::poll, delay);
        }
    }

    /** One poll; plans the next. */
    void poll() {
        if (stopped || !polling.compareAndSet(false, true)) {
            return; // the poll under way plans the next one (and sees a wake-up request)
        }
        synchronized (lock) {
            next = null; // this poll is running: planning the next one must not take it for a pending one
        }
        Duration after;
        try {
            wakeRequested = false;
            int free = Math.min(context.freeSlots(service), JobQueue.MAX_BATCH);
            if (free == 0) {
                starved = true;
                after = tuning.maxPoll(); // a freed slot wakes the loop sooner
            } else {
                List<JobQueue.Delivery> got = queue.receive(free, context.leaseDuration());
                for (JobQueue.Delivery d : got) {
                    try {
                        dispatcher.deliver(this, d);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "could not handle the message of job " + d.jobId()
                                + " (" + e.getMessage() + "); it comes back after its visibility timeout");
                    }
                }
                emptyPolls = got.isEmpty() ? emptyPolls + 1 : 0;
                // A full batch may have left more behind: a freed slot should poll at once. Otherwise the queue
                // was drained and the idle polls find what comes next.
                starved = got.size() == free;
                after = got.isEmpty() ? tuning.idleBackoff(emptyPolls) : Duration.ZERO;
            }
        } catch (RuntimeException e) {
            emptyPolls++;
            after = tuning.backoff(emptyPolls);
            LOG.log(System.Logger.Level.WARNING, "could not receive from " + queue + " (" + e.getMessage()
                    + "); polling again in " + after.toMillis() + " ms");
        } finally {
            polling.set(false);
        }
        schedule(wakeRequested ? Duration.ZERO : after);
    }

    /** Runs the job of {@code d} on this node, extending its message's visibility until the run ends. */
    void runHere(JobQueue.Delivery d) {
        HeldRun run = new HeldRun(d);
        held.add(run);
        run.beat = context.scheduler().schedule(run::heartbeat, context.leaseDuration().dividedBy(3));
        context.run(service, d.jobId(), (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.dequeueCount())))
                .whenComplete((end, failure) -> run.ended(end == null ? RunEnd.NOT_CLAIMED : end));
    }

    /** A run of this node that holds a message: its heartbeat keeps the message hidden. */
    private final class HeldRun {
        private volatile JobQueue.Delivery delivery;
        /** Set when the message's receipt stopped working: the next delivery of the job's message is adopted. */
        private volatile boolean lost;
        private volatile Future<?> beat;
        private final AtomicBoolean over = new AtomicBoolean();

        HeldRun(JobQueue.Delivery d) {
            this.delivery = d;
        }

        void heartbeat() {
            if (over.get()) {
                return;
            }
            JobQueue.Delivery d = delivery;
            try {
                JobQueue.Delivery extended = queue.hide(d, context.leaseDuration());
                if (extended == null) {
                    // The receipt no longer holds the message: it came back and another delivery has it. The
                    // record's ETag still decides who runs the job; stop extending a message that is not ours.
                    LOG.log(System.Logger.Level.WARNING, "the message of job " + d.jobId() + " was delivered"
                            + " again while it runs here; the record decides which run counts");
                    lost = true;
                    return;
                }
                delivery = extended;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not extend the message of job " + d.jobId() + " ("
                        + e.getMessage() + "); trying again");
            }
            if (!over.get()) {
                beat = context.scheduler().schedule(this::heartbeat, context.leaseDuration().dividedBy(3));
            }
        }

        void ended(RunEnd end) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            Future<?> b = beat;
            if (b != null) {
                b.cancel(false);
            }
            if (end == RunEnd.PENDING) {
                pendingEnds.add(delivery.jobId());
            }
            held.remove(this);
            try {
                dispatcher.ended(ServiceLoop.this, delivery, end);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not settle the message of job " + delivery.jobId()
                        + " (" + e.getMessage() + "); it comes back after its visibility timeout");
            }
            if (starved) {
                wake(); // the slot it frees may take a message the last poll had to leave
            }
        }
    }
}
