package io.gpjobs.internal;

import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Takes over the unfinished jobs of engines that stopped, at start and then periodically, and keeps this engine's
 * own queued jobs from looking abandoned.
 *
 * <p><b>At start</b> ({@link #atStart}) every unfinished job of this engine's services is looked at. A job held by
 * this node id (a previous run of this engine) or whose lease expired lost its engine: Executing becomes Failed
 * ("the engine running it stopped (node X)"), Cancelling becomes Cancelled, and a queued one (New, Submitted,
 * Waiting) is claimed for this node and queued here.
 *
 * <p><b>While running</b> ({@link #tick}, from the watchdog, on the engine's clock) the same sweep runs every half
 * lease, for jobs whose lease expired and that this engine does not hold (not running, queued, waiting for a claim
 * retry or with an unwritten end here): an engine killed and replaced by one with another node id is taken over
 * within about one and a half lease durations. Before each sweep, every third of a lease, the leases of this
 * engine's queued jobs and of its ended jobs whose end is not written yet are renewed (running jobs renew theirs in
 * the watchdog), so that live engines do not take each other's jobs.
 *
 * <p>Every change re-checks inside its compare-and-set that the holder is unchanged and the lease still expired (a
 * live engine may have renewed it since the sweep read it). Taking a queued job from an engine that is in fact
 * alive stays harmless: both queue it and the claim (compare-and-set to Executing) lets exactly one run it.
 *
 * <p><b>Cost.</b> A sweep is one paged {@code JobStore.query} per service filtered by service and the five
 * unfinished statuses (500 records a page), so it reads every unfinished job of the service every half lease
 * (default every 15 s), and writes only jobs it takes over. A renewal pass writes each queued job of this engine
 * whose lease ends within two thirds of a lease at most once per third of a lease (a read and a write; with the
 * default 30 s lease at most one write per queued job every 10 s). Not thread-safe: called by the constructor and
 * then by the watchdog only (one tick at a time).
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    private static final Set<JobStatus> UNFINISHED = EnumSet.of(JobStatus.NEW, JobStatus.SUBMITTED,
            JobStatus.WAITING, JobStatus.EXECUTING, JobStatus.CANCELLING);
    private final JobEngine e;
    private final Duration sweepInterval;
    private final Duration renewInterval;
    private Instant lastSweep;
    private Instant lastRenewal;

    Recovery(JobEngine engine) {
        this.e = engine;
        this.sweepInterval = engine.leaseDuration.dividedBy(2);
        this.renewInterval = engine.leaseDuration.dividedBy(3);
    }

    /** The recovery at start: also takes over the jobs this node id held, whatever their lease says. */
    void atStart() {
        Instant now = e.clock.instant();
        lastSweep = now;
        lastRenewal = now;
        sweep(now, true);
    }

    /** Renews this engine's leases and sweeps for abandoned jobs when each is due on the engine's clock. */
    void tick(Instant now) {
        if (!now.isBefore(lastRenewal.plus(renewInterval))) {
            lastRenewal = now;
            renewLeases(now);
        }
        if (!now.isBefore(lastSweep.plus(sweepInterval))) {
            lastSweep = now;
            sweep(now, false);
        }
    }

    private void sweep(Instant now, boolean atStart) {
        for (ServiceRuntime rt : e.services.values()) {
            if (e.closed.get()) {
                return;
            }
            JobQuery q = JobQuery.all().withService(rt.service().name()).withStatuses(UNFINISHED);
            Set<String> held = atStart ? Set.of() : held(rt);
            List<JobRecord> unfinished;
            try {
                unfinished = JobAdmin.all(rt.store(), q);
            } catch (JobStoreException ex) {
                if (atStart) {
                    throw ex;
                }
                LOG.log(System.Logger.Level.WARNING, "could not look for abandoned jobs of service '"
                        + rt.service().name() + "' (" + ex.getMessage() + "); looking again in "
                        + sweepInterval.toSeconds() + " s");
                continue;
            }
            for (JobRecord r : unfinished) {
                if (held.contains(r.jobId()) || !lost(r, r, now, atStart)) {
                    continue;
                }
                try {
                    if (r.status().isQueued()) {
                        requeue(rt, r, now, atStart);
                    } else {
                        markLost(rt, r, now, atStart);
                    }
                } catch (JobNotFoundException gone) {
                    // deleted meanwhile
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.WARNING, "could not recover job " + r.jobId(), ex);
                }
            }
        }
    }

    /**
     * Whether {@code cur} (the record as it is now) is still the abandoned job the sweep saw as {@code seen}: the
     * same holder, and its lease expired (or, at start, this node's lease untouched since the sweep read it).
     */
    private boolean lost(JobRecord cur, JobRecord seen, Instant now, boolean atStart) {
        if (!Objects.equals(cur.nodeId(), seen.nodeId())) {
            return false;
        }
        if (cur.leaseUntil() == null || !now.isBefore(cur.leaseUntil())) {
            return true;
        }
        return atStart && e.nodeId.equals(cur.nodeId()) && Objects.equals(cur.leaseUntil(), seen.leaseUntil());
    }

    /** The jobs of a service this engine holds: running, queued, waiting for a claim retry, or ending. */
    private Set<String> held(ServiceRuntime rt) {
        Set<String> held = new HashSet<>();
        rt.queue.forEach(q -> held.add(q.jobId()));
        held.addAll(e.running.keySet());
        held.addAll(e.runner.deferredClaimIds());
        held.addAll(e.ends.pendingIds());
        return held;
    }

    private void requeue(ServiceRuntime rt, JobRecord r, Instant now, boolean atStart) {
        JobRecord held = e.writer.update(rt.store(), r.jobId(), cur -> {
            if (!cur.status().isQueued() || !lost(cur, r, now, atStart)) {
                return null;
            }
            JobRecord next = cur.withLease(e.nodeId, now.plus(e.leaseDuration)).withUpdated(now);
            if (cur.status() == JobStatus.NEW) {
                next = next.withStatus(JobStatus.SUBMITTED, now)
                        .withMessages(JobRunner.append(cur.messages(), EngineMessages.SUBMITTED));
            }
            return next;
        });
        if (held != null) {
            if (!atStart) {
                LOG.log(System.Logger.Level.INFO, "took over queued job " + r.jobId() + " from node " + r.nodeId()
                        + " (its lease expired)");
            }
            e.completions.putIfAbsent(r.jobId(), new CompletableFuture<>());
            rt.dispatcher().dispatch(held);
        }
    }

    private void markLost(ServiceRuntime rt, JobRecord r, Instant now, boolean atStart) {
        String node = r.nodeId() == null ? "unknown" : r.nodeId();
        JobRecord out = e.writer.update(rt.store(), r.jobId(), cur -> !lost(cur, r, now, atStart) ? null
                : switch (cur.status()) {
                    case EXECUTING -> JobRunner.ended(cur, JobStatus.FAILED, now, JobRunner.append(cur.messages(),
                            JobMessage.error(e.stoppedMessage(node))));
                    case CANCELLING -> JobRunner.ended(cur, JobStatus.CANCELLED, now, JobRunner.append(cur.messages(),
                            EngineMessages.CANCELLED));
                    default -> null;
                });
        if (out != null && !atStart) {
            LOG.log(System.Logger.Level.WARNING, "job " + r.jobId() + " was " + r.status().wireName() + " on node "
                    + node + ", whose lease expired: marked " + out.status().wireName());
        }
    }

    /**
     * Renews the leases of this engine's queued jobs (in its queues or waiting for a claim retry) and of its ended
     * jobs whose end is not written yet, when they end within two thirds of a lease. A job another engine claimed
     * meanwhile is left to it.
     */
    private void renewLeases(Instant now) {
        Instant until = now.plus(e.leaseDuration);
        Instant renewBefore = now.plus(e.leaseDuration.minus(renewInterval));
        List<String> refused = new ArrayList<>();
        RuntimeException first = null;
        for (ServiceRuntime rt : e.services.values()) {
            Set<String> ids = new HashSet<>();
            rt.queue.forEach(q -> ids.add(q.jobId()));
            ids.addAll(e.runner.deferredClaimIds(rt));
            for (String id : ids) {
                RuntimeException ex = renew(rt, id, until, renewBefore, true);
                if (ex != null) {
                    refused.add(id);
                    first = first == null ? ex : first;
                }
            }
        }
        for (JobEnds.End end : e.ends.pending()) {
            RuntimeException ex = renew(end.runtime, end.jobId, until, renewBefore, false);
            if (ex != null) {
                refused.add(end.jobId);
                first = first == null ? ex : first;
            }
        }
        if (first != null) {
            // One line per pass, not per job: during a storage outage every renewal fails.
            LOG.log(System.Logger.Level.WARNING, "could not renew the lease of " + refused.size() + " queued or "
                    + "ending job(s) (" + first.getMessage() + "); tried again in " + renewInterval.toSeconds()
                    + " s: " + String.join(", ", refused.subList(0, Math.min(10, refused.size())))
                    + (refused.size() > 10 ? ", ..." : ""));
        }
    }

    /** Renews one lease when due; returns the failure, or null. */
    private RuntimeException renew(ServiceRuntime rt, String jobId, Instant until, Instant renewBefore,
            boolean queued) {
        try {
            e.writer.update(rt.store(), jobId, cur -> {
                boolean right = queued ? cur.status().isQueued()
                        : cur.status() == JobStatus.EXECUTING || cur.status() == JobStatus.CANCELLING;
                if (!right || !e.nodeId.equals(cur.nodeId())
                        || (cur.leaseUntil() != null && cur.leaseUntil().isAfter(renewBefore))) {
                    return null;
                }
                return cur.withLease(e.nodeId, until);
            });
            return null;
        } catch (JobNotFoundException gone) {
            return null; // deleted meanwhile: its queue entry is dropped when a worker takes it
        } catch (RuntimeException ex) {
            return ex;
        }
    }
}
