package io.gpjobs.store.azure.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The storage service's clock as this node sees it: every answer's {@code Date} header (whole seconds, RFC 1123)
 * is set against this node's monotonic ticker, and {@link #now()} is the last such time plus the ticks since. Lease
 * ends are written and judged on this clock only, so a node whose wall clock is wrong can neither keep a job past
 * its lease nor take one early.
 *
 * <p>A {@code Date} header says the server's time was within {@code [date, date + 1 s)} when it answered; this
 * clock assumes the middle of that second. Because the answer reached us after it was stamped, the estimate runs
 * at most about one second plus one network delay behind or ahead: the protocol's margins (a lease of tens of
 * seconds, heartbeats every third of it) absorb that. Until the first answer, the estimate is the node's wall
 * clock. Thread-safe.
 */
public final class ServerClock {

    /** How far an estimate may be off from the server's clock because its {@code Date} has whole seconds. */
    public static final Duration RESOLUTION = Duration.ofSeconds(1);

    private final LongSupplier ticker;
    private final java.time.Clock fallback;
    private volatile Anchor anchor;

    private record Anchor(Instant server, long ticks) {
    }

    /**
     * A clock driven by {@code ticker} (nanoseconds, monotonic, as {@link System#nanoTime}) that falls back on
     * {@code fallback} until a {@code Date} header was seen.
     */
    public ServerClock(LongSupplier ticker, java.time.Clock fallback) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** A clock on {@link System#nanoTime} and the system clock. */
    public static ServerClock system() {
        return new ServerClock(System::nanoTime, java.time.Clock.systemUTC());
    }

    /**
     * Takes the time of one answer's {@code Date} header (ignored when null or malformed).
     *
     * @return whether the header was understood
     */
    public boolean observe(String dateHeader) {
        if (dateHeader == null) {
            return false;
        }
        Instant server;
        try {
            server = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return false;
        }
        observe(server.plus(RESOLUTION.dividedBy(2)));
        return true;
    }

    /** Takes a server time known at this moment. */
    public void observe(Instant serverNow) {
        anchor = new Anchor(serverNow, ticker.getAsLong());
    }

    /** Whether a server time was observed yet. */
    public boolean synced() {
        return anchor != null;
    }

    /** The storage service's time now, estimated. */
    public Instant now() {
        Anchor a = anchor;
        if (a == null) {
            return fallback.instant();
        }
        return a.server().plusNanos(ticker.getAsLong() - a.ticks());
    }

    /** How far this node's wall clock is ahead of the server's (negative: behind); zero before the first answer. */
    public Duration skew() {
        return anchor == null ? Duration.ZERO : Duration.between(now(), fallback.instant());
    }
}
