package io.gpjobs.internal;

import io.gpjobs.EngineScheduler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's timers on its {@link EngineScheduler}: repeating tasks with a fixed delay (each run schedules the
 * next when it ends) and one-shot ones, all cancelled by {@link #stop}. Thread-safe.
 */
final class Timers {
    private static final System.Logger LOG = System.getLogger(Timers.class.getName());

    private final EngineScheduler scheduler;
    private final Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    Timers(EngineScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} every {@code delay} (after each run ends) until {@link #stop}; failures are logged. */
    void every(String name, Duration delay, Runnable task) {
        once(name, delay, () -> {
            try {
                task.run();
            } finally {
                if (!stopped) {
                    every(name, delay, task);
                }
            }
        });
    }

    /** Runs {@code task} once after {@code delay} unless stopped first; a failure is logged. */
    void once(String name, Duration delay, Runnable task) {
        if (stopped) {
            return;
        }
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<Future<?>> handle = new AtomicReference<>();
        Future<?> f = scheduler.schedule(() -> {
            try {
                if (!stopped) {
                    task.run();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + " failed", e);
            } finally {
                ended.set(true);
                Future<?> h = handle.get();
                if (h != null) {
                    pending.remove(h);
                }
            }
        }, delay);
        handle.set(f);
        pending.add(f);
        if (ended.get()) {
            pending.remove(f); // it ran before its future was known
        }
        if (stopped) {
            f.cancel(false);
        }
    }

    /** Cancels every pending timer; running ones finish, none is scheduled again. */
    void stop() {
        stopped = true;
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }
}
