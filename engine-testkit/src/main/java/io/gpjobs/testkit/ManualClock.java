package io.gpjobs.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link Clock} that stands still until a test moves it, so that code which reads time (an engine's time limits,
 * a task's timestamps) can be tested without waiting. It never goes backwards.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Thread-safe: readers on other threads see each change at once. Clocks made with {@link #withZone} share the
 * time of this one.
 */
public final class ManualClock extends Clock {

    /** The instant a clock made with {@link #ManualClock()} starts at: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final List<Consumer<Instant>> listeners;
    private final ZoneId zone;

    /** A clock at {@link #DEFAULT_START}, in UTC. */
    public ManualClock() {
        this(DEFAULT_START);
    }

    /**
     * A clock at {@code start}, in UTC.
     *
     * @throws NullPointerException when {@code start} is null
     */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), new CopyOnWriteArrayList<>(),
                ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, List<Consumer<Instant>> listeners, ZoneId zone) {
        this.now = now;
        this.listeners = listeners;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in {@code newZone} that shares this clock's time. */
    @Override
    public ManualClock withZone(ZoneId newZone) {
        return new ManualClock(now, listeners, Objects.requireNonNull(newZone, "zone"));
    }

    /**
     * Moves the clock forward by {@code amount}.
     *
     * @return the new instant
     * @throws IllegalArgumentException when {@code amount} is negative
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a ManualClock never goes backwards; cannot advance by " + amount);
        }
        Instant next = now.updateAndGet(t -> t.plus(amount));
        notifyListeners(next);
        return next;
    }

    /**
     * Moves the clock to {@code instant}.
     *
     * @throws IllegalArgumentException when {@code instant} is before the clock's current instant
     */
    public void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        now.getAndUpdate(t -> {
            if (instant.isBefore(t)) {
                throw new IllegalArgumentException("a ManualClock never goes backwards; it is at " + t
                        + ", cannot set it to " + instant);
            }
            return instant;
        });
        notifyListeners(instant);
    }

    /**
     * Calls {@code listener} with the new instant after every change, on the thread that made it. Used by
     * {@link TaskTester} to act when a time is reached.
     */
    void addListener(Consumer<Instant> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(Consumer<Instant> listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(Instant instant) {
        for (Consumer<Instant> l : listeners) {
            l.accept(instant);
        }
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + ", " + zone + "]";
    }
}
