package io.gpjobs.testkit;

import io.gpjobs.EngineScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EngineScheduler} on a {@link ManualClock}: a task scheduled with a delay is due when the clock has moved
 * that far, and runs when the test moves the clock (every {@code advance} or {@code set} runs what became due, on
 * the thread that moved it) or calls {@link #runDue()}. With it, a test advances the clock and the engine's
 * watchdog tick, janitor, lease renewal and takeover, and the polling of jobs another engine runs happen before
 * {@code advance} returns, instead of on a real timer a moment later.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * ManualScheduler scheduler = new ManualScheduler(clock);
 * GPEngine engine = GPEngine.builder().service(service).clock(clock).scheduler(scheduler).build();
 * clock.advance(Duration.ofMinutes(11));   // past maxUsageTime: the tick ran, the job is TimedOut now
 * }</pre>
 *
 * <p>Tasks run in due order (ties in scheduling order); a task that schedules another one already due runs it in
 * the same pass. Thread-safe: tasks may be scheduled from any thread. Only one thread runs tasks at a time; a thread
 * that moves the clock while another runs tasks leaves what became due to that thread, which runs it before it
 * returns.
 */
public final class ManualScheduler implements EngineScheduler {
    private static final System.Logger LOG = System.getLogger(ManualScheduler.class.getName());

    private record Entry(Instant due, long order, FutureTask<Void> task) {
    }

    private final ManualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparing(Entry::due).thenComparingLong(Entry::order));
    private final AtomicLong order = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean again;

    /**
     * A scheduler on {@code clock}; every change of the clock runs the tasks that became due.
     *
     * @throws NullPointerException when {@code clock} is null
     */
    public ManualScheduler(ManualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        clock.addListener(now -> runDue());
    }

    /** The clock this scheduler measures delays on. */
    public ManualClock clock() {
        return clock;
    }

    /**
     * Schedules {@code task} to run once the clock has moved {@code delay} past its current instant.
     *
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        FutureTask<Void> f = new FutureTask<>(task, null);
        synchronized (queue) {
            queue.add(new Entry(clock.instant().plus(delay), order.incrementAndGet(), f));
        }
        return f;
    }

    /**
     * Runs every task due at the clock's current instant, including those that became due while it ran; a task
     * that throws is logged and does not stop the others.
     *
     * @return how many tasks ran on this call (0 when another thread is running them)
     */
    public int runDue() {
        int ran = 0;
        while (true) {
            again = true; // read by a thread running tasks now: it makes one more pass
            if (!running.compareAndSet(false, true)) {
                return ran;
            }
            try {
                while (again) {
                    again = false;
                    Entry next;
                    while ((next = takeDue()) != null) {
                        next.task().run();
                        ran++;
                        report(next.task());
                    }
                }
            } finally {
                running.set(false);
            }
            if (!again) {
                return ran;
            }
        }
    }

    /** How many scheduled tasks have not run yet and were not cancelled. */
    public int pending() {
        synchronized (queue) {
            return (int) queue.stream().filter(e -> !e.task().isCancelled()).count();
        }
    }

    /** When the next task that was not cancelled is due, or null when none is scheduled. */
    public Instant nextDue() {
        synchronized (queue) {
            return queue.stream().filter(e -> !e.task().isCancelled()).map(Entry::due).min(Comparator.naturalOrder())
                    .orElse(null);
        }
    }

    private Entry takeDue() {
        Instant now = clock.instant();
        synchronized (queue) {
            while (!queue.isEmpty()) {
                Entry head = queue.peek();
                if (head.task().isCancelled()) {
                    queue.poll();
                } else if (!head.due().isAfter(now)) {
                    return queue.poll();
                } else {
                    return null;
                }
            }
            return null;
        }
    }

    private static void report(FutureTask<Void> done) {
        try {
            done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "a scheduled task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.CancellationException ignored) {
            // cancelled while it ran
        }
    }

    @Override
    public String toString() {
        return "ManualScheduler[" + clock.instant() + ", " + pending() + " pending]";
    }
}
