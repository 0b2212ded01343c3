package io.gpjobs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the engine's own timers: the watchdog tick, the janitor, lease renewal and takeover, the polling of jobs
 * another engine runs, and a dispatcher's polls and heartbeats. Injected with
 * {@code GPEngine.builder().scheduler(...)}, like Caffeine's {@code Scheduler}, so that a test can run the timers
 * itself (the testkit's {@code ManualScheduler} runs what is due on a {@code ManualClock}) instead of waiting for
 * real ones.
 *
 * <p>The engine schedules one-shot tasks; a periodic timer schedules its next run when its current run ends (a
 * fixed delay). Tasks are short and do not block for long; they catch their own exceptions. The engine cancels the
 * futures of its pending tasks when it closes; it shuts down only a scheduler it created itself.
 *
 * <p>Implementations are thread-safe: the engine schedules from its worker threads, its callers' threads and the
 * tasks themselves.
 */
@FunctionalInterface
public interface EngineScheduler {

    /**
     * Runs {@code task} once, {@code delay} from now (as this scheduler measures time), unless the returned future
     * is cancelled first.
     *
     * @param task  the task, not null
     * @param delay the delay, not null, not negative
     * @return a future whose {@code cancel} stops a task that has not started; never null
     */
    Future<?> schedule(Runnable task, Duration delay);

    /**
     * A scheduler on a {@link ScheduledExecutorService} the host owns (the engine never shuts it down): real time.
     *
     * @throws NullPointerException when {@code executor} is null
     */
    static EngineScheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
