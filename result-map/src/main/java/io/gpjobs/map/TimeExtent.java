package io.gpjobs.map;

import java.time.Instant;

/**
 * A time filter of a time-aware result map: an inclusive interval, open on a side given as null (the {@code time}
 * parameter of query and export, {@code time=<start>,<end>} in epoch milliseconds with {@code null} for an open end).
 *
 * @param start the earliest time, or null for no lower bound
 * @param end   the latest time, or null for no upper bound
 */
public record TimeExtent(Instant start, Instant end) {

    /** @throws IllegalArgumentException when both ends are null, or start is after end */
    public TimeExtent {
        if (start == null && end == null) {
            throw new IllegalArgumentException("time extent needs a start or an end");
        }
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("time extent start " + start + " is after its end " + end);
        }
    }

    /** The interval from {@code start} to {@code end} (both inclusive). */
    public static TimeExtent between(Instant start, Instant end) {
        return new TimeExtent(start, end);
    }

    /** The single instant {@code t}. */
    public static TimeExtent at(Instant t) {
        return new TimeExtent(t, t);
    }

    /** Whether the instant {@code epochMillis} lies in the interval. */
    public boolean contains(long epochMillis) {
        return (start == null || epochMillis >= start.toEpochMilli()) && (end == null || epochMillis <= end.toEpochMilli());
    }
}
