package io.gpjobs.store.azure.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How a {@link QueueDispatcher} polls, gives up and sweeps. Immutable.
 *
 * @param maxDequeueCount    deliveries of one message before it goes to the poison queue and its job fails
 * @param rerunOnNodeFailure whether a job whose node was lost runs again (true) or ends Failed naming the node
 * @param minPoll            the first idle back-off (it doubles per empty poll, with full jitter)
 * @param maxPoll            the longest idle back-off
 * @param sweepInterval      how often (with up to half of it added at random) the sweeper looks for lost puts
 * @param sweepAge           how long a queued record stays unchanged (on the storage's clock) before its message
 *                           is put again
 * @param random             uniform numbers in [0, 1) for the jitter
 * @param clock              the storage service's clock
 */
public record QueueTuning(int maxDequeueCount, boolean rerunOnNodeFailure, Duration minPoll, Duration maxPoll,
                          Duration sweepInterval, Duration sweepAge, DoubleSupplier random, ServerClock clock) {

    public QueueTuning {
        if (maxDequeueCount < 1 || maxDequeueCount > 1000) {
            throw new IllegalArgumentException("maxDequeueCount must be 1..1000, got " + maxDequeueCount);
        }
        positive("minPoll", minPoll);
        positive("maxPoll", maxPoll);
        positive("sweepInterval", sweepInterval);
        positive("sweepAge", sweepAge);
        if (maxPoll.compareTo(minPoll) < 0) {
            throw new IllegalArgumentException("maxPoll " + maxPoll + " is shorter than minPoll " + minPoll);
        }
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(clock, "clock");
    }

    /** The defaults: 5 deliveries, no re-run, 200 ms to 10 s idle back-off, a sweep every 5 min for 10-min-old puts. */
    public static QueueTuning defaults(boolean rerunOnNodeFailure, int maxDequeueCount) {
        return new QueueTuning(maxDequeueCount, rerunOnNodeFailure, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofMinutes(5), Duration.ofMinutes(10), () -> ThreadLocalRandom.current().nextDouble(),
                ServerClock.system());
    }

    /**
     * Empty polls right after work was seen that stay at {@link #minPoll} before the back-off grows: a job that
     * follows soon after another (the common case on a busy site) waits about half of {@code minPoll} for a poll
     * instead of a grown back-off; the cost is a few receives (about {@code HOT_POLLS * minPoll / 2}) per burst.
     */
    public static final int HOT_POLLS = 5;

    /**
     * The wait before the next poll after {@code emptyPolls} empty polls since the last poll that found work: the
     * first {@link #HOT_POLLS} wait at most {@link #minPoll}, then {@link #backoff} grows from there.
     */
    public Duration idleBackoff(int emptyPolls) {
        return backoff(Math.max(1, emptyPolls - HOT_POLLS));
    }

    /**
     * The idle back-off after {@code emptyPolls} empty polls in a row (full jitter): a uniform time between zero and
     * {@code min(maxPoll, minPoll * 2^(emptyPolls-1))}.
     */
    public Duration backoff(int emptyPolls) {
        long cap = minPoll.toNanos();
        for (int i = 1; i < emptyPolls && cap < maxPoll.toNanos(); i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxPoll.toNanos());
        return Duration.ofNanos((long) (random.getAsDouble() * cap));
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
