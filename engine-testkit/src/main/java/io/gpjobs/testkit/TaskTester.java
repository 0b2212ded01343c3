package io.gpjobs.testkit;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.MemoryJobStoreProvider;
import io.gpjobs.ParameterValue;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.Task;
import io.gpjobs.value.GPDataFile;
import io.gpjobs.value.GPValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs one task with given inputs on a real {@link GPEngine} (an in-memory job store, a {@link ManualClock}) and
 * records what it did, for task authors' unit tests. Modelled on JUnit's {@code EngineTestKit}: pick a task,
 * configure the run, run it, assert on the recorded {@link TaskRun} with {@link TaskRunAssert}.
 *
 * <pre>{@code
 * TaskRun run = TaskTester.of(new BufferTask())
 *         .input("Input_Features", featureSetJson)
 *         .input("Distance", "{\"distance\":250,\"units\":\"esriMeters\"}")
 *         .cancelAfterProgressSteps(3)
 *         .run();
 * assertThat(run).hasStatus(JobStatus.CANCELLED).progressPercents().hasSize(3);
 * }</pre>
 *
 * <p>Each {@link #run()} builds a fresh engine with one asynchronous service (named {@value #SERVICE_NAME},
 * showing all messages) holding the task, submits one job, waits for it to end, collects its status, outputs,
 * messages, progress updates and files, and closes the engine. Inputs go through the engine's validation, so a bad
 * input makes {@code run()} throw {@link InvalidInputException} just as {@code submitJob} would.
 *
 * <p>Cancellation is deterministic: a cancel requested "after n progress steps" is made from the task's own thread
 * inside its n-th progress update, so the task sees it at its next check. A cancel "at a time" is made as soon as
 * the manual clock reaches that time while the job executes (the clock moves when the test moves it, or by
 * {@link #advanceClockPerProgressStep} on every progress update).
 *
 * <p>A tester is a mutable builder: each option may be set once (a second call, or a cancel after steps together
 * with one at a time, is an {@link IllegalStateException}); not thread-safe; {@code run()} may be called again for
 * another job. The engine's timers run on a {@link ManualScheduler} on the clock, so the time limit is checked
 * whenever the clock moves, on the thread that moved it.
 */
public final class TaskTester {

    /** The name of the service the task runs in. */
    public static final String SERVICE_NAME = "TaskTester";

    private final Task task;
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private ManualClock clock;
    /** Whether the clock was read (by {@link #cancelAfter} or {@link #clock()}): it can no longer be replaced. */
    private boolean clockUsed;
    private Integer cancelAfterSteps;
    private Instant cancelAt;
    private Duration clockStep;
    private Duration maxUsageTime;
    private Duration timeout;

    private TaskTester(Task task) {
        this.task = task;
    }

    /**
     * A tester for {@code task}.
     *
     * @throws NullPointerException when {@code task} is null
     */
    public static TaskTester of(Task task) {
        return new TaskTester(Objects.requireNonNull(task, "task"));
    }

    /**
     * A tester for the task named {@code taskName} that {@link ServiceLoader} finds with the context class loader
     * (or on the module path): the task a host would find through its {@code META-INF/services/io.gpjobs.spi.Task}
     * file or its module's {@code provides}, so the test proves the registration too.
     *
     * @throws IllegalArgumentException when no registered task has that name (the message lists those found), or
     *                                  two registered tasks of different classes share it
     */
    public static TaskTester ofRegistered(String taskName) {
        Objects.requireNonNull(taskName, "taskName");
        List<String> found = new ArrayList<>();
        Task match = null;
        for (Task t : ServiceLoader.load(Task.class)) {
            String name = t.definition().name();
            found.add(name);
            if (name.equals(taskName)) {
                if (match != null && match.getClass() != t.getClass()) {
                    throw new IllegalArgumentException("two registered tasks are named '" + taskName + "': "
                            + match.getClass().getName() + " and " + t.getClass().getName());
                }
                match = t;
            }
        }
        if (match == null) {
            throw new IllegalArgumentException("no task named '" + taskName + "' is registered for ServiceLoader "
                    + "(found: " + found.stream().sorted().toList() + ")");
        }
        return of(match);
    }

    private static <T> T once(String option, T earlier, T value) {
        if (earlier != null) {
            throw new IllegalStateException(option + " was already set to " + earlier);
        }
        return value;
    }

    /**
     * Sets an input as a REST form literal or JSON text, exactly as a client would send it ({@code 345},
     * {@code true}, raw text for GPString, {@code {"distance":5,"units":"esriMeters"}}, a feature set's JSON …).
     *
     * @throws NullPointerException when a value is null
     */
    public TaskTester input(String name, String literalOrJson) {
        return put(name, Objects.requireNonNull(literalOrJson, "value of " + name));
    }

    private TaskTester put(String name, Object value) {
        Object earlier = inputs.putIfAbsent(Objects.requireNonNull(name, "name"), value);
        if (earlier != null) {
            throw new IllegalStateException("input '" + name + "' was already set to " + earlier);
        }
        return this;
    }

    /**
     * Sets an input as a GP value.
     *
     * @throws NullPointerException when a value is null
     */
    public TaskTester input(String name, GPValue value) {
        return put(name, Objects.requireNonNull(value, "value of " + name));
    }

    /**
     * Sets a {@code GPDataFile} input to a local file, as {@code {"url":"file:…"}}.
     *
     * @throws NullPointerException when a value is null
     */
    public TaskTester inputFile(String name, Path file) {
        Objects.requireNonNull(file, "file of " + name);
        return input(name, GPDataFile.ofUrl(file.toAbsolutePath().toUri().toString()));
    }

    /**
     * Cancels the job inside the task's {@code steps}-th progress update (any progressor change counts: a step, a
     * position, a label, a new progressor). With 0 the job is cancelled as soon as it starts executing.
     *
     * @throws IllegalArgumentException when {@code steps} is negative
     * @throws IllegalStateException    when a cancel (after steps or at a time) was already set
     */
    public TaskTester cancelAfterProgressSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative, got " + steps);
        }
        once("cancelAt", cancelAt, steps);
        this.cancelAfterSteps = once("cancelAfterProgressSteps", cancelAfterSteps, steps);
        return this;
    }

    /**
     * Cancels the job when the clock reaches {@code instant} while the job executes (at once when it starts
     * executing after that instant).
     *
     * @throws IllegalStateException when a cancel (after steps or at a time) was already set
     */
    public TaskTester cancelAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        once("cancelAfterProgressSteps", cancelAfterSteps, instant);
        this.cancelAt = once("cancelAt", cancelAt, instant);
        return this;
    }

    /**
     * Cancels the job when the clock has moved {@code delay} past its current instant (see {@link #cancelAt}).
     *
     * @throws IllegalArgumentException when {@code delay} is negative
     * @throws IllegalStateException    when a cancel (after steps or at a time) was already set
     */
    public TaskTester cancelAfter(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        return cancelAt(clock().instant().plus(delay));
    }

    /**
     * Moves the clock forward by {@code step} at every progress update of the task, to simulate the time work takes
     * (default zero: the clock moves only when the test moves it).
     *
     * @throws IllegalArgumentException when {@code step} is negative
     * @throws IllegalStateException    when it was already set
     */
    public TaskTester advanceClockPerProgressStep(Duration step) {
        if (Objects.requireNonNull(step, "step").isNegative()) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
        this.clockStep = once("advanceClockPerProgressStep", clockStep, step);
        return this;
    }

    /**
     * The clock the engine and the task use (default a new {@link ManualClock} at its default start). The engine's
     * timers run on a {@link ManualScheduler} on it: moving the clock runs the time limit's check at once.
     *
     * @throws IllegalStateException when a clock was already set, or the default one was already used (by
     *                               {@link #cancelAfter} or {@link #clock()}): set the clock first
     */
    public TaskTester clock(ManualClock manualClock) {
        Objects.requireNonNull(manualClock, "clock");
        if (clockUsed && clock != null && clock != manualClock) {
            throw new IllegalStateException("the clock " + clock + " was already used; set the clock first");
        }
        this.clock = once("clock", clock, manualClock);
        return this;
    }

    /** The clock runs use (the default one unless {@link #clock(ManualClock)} set another); tests may move it. */
    public ManualClock clock() {
        if (clock == null) {
            clock = new ManualClock();
        }
        clockUsed = true;
        return clock;
    }

    /**
     * The service's maximum usage time, on the clock (default 10 minutes): a job still running when the clock has
     * moved this far past its start times out.
     *
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException    when it was already set
     */
    public TaskTester maxUsageTime(Duration limit) {
        if (Objects.requireNonNull(limit, "limit").isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("maxUsageTime must be positive, got " + limit);
        }
        this.maxUsageTime = once("maxUsageTime", maxUsageTime, limit);
        return this;
    }

    /**
     * How long {@link #run()} waits in real time for the job to end before failing (default 60 s). A bound against
     * a hanging task, not a measurement.
     *
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException    when it was already set
     */
    public TaskTester timeout(Duration limit) {
        if (Objects.requireNonNull(limit, "limit").isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + limit);
        }
        this.timeout = once("timeout", timeout, limit);
        return this;
    }

    /**
     * Runs the task as one job and records what happened.
     *
     * @return the recorded run, whatever status the job ended with
     * @throws InvalidInputException when the engine rejects the inputs (nothing ran)
     * @throws AssertionError        when the job does not end within the {@linkplain #timeout timeout}
     */
    public TaskRun run() {
        ManualClock clock = clock();
        Duration maxUsageTime = this.maxUsageTime != null ? this.maxUsageTime : Duration.ofMinutes(10);
        Duration timeout = this.timeout != null ? this.timeout : Duration.ofSeconds(60);
        Duration clockStep = this.clockStep != null ? this.clockStep : Duration.ZERO;
        GPService service = GPService.builder(SERVICE_NAME)
                .executionType(GPService.ExecutionType.ASYNCHRONOUS)
                .showMessages(GPService.MessageLevel.INFO)
                .maxUsageTime(maxUsageTime)
                .maxInstances(1)
                .task(task)
                .build();
        TaskRecorder recorder = new TaskRecorder(clock, clockStep, cancelAfterSteps, cancelAt);
        JobStore store = MemoryJobStoreProvider.newStore();
        try {
            GPEngine engine = GPEngine.builder().service(service).jobStore(store).clock(clock)
                    .scheduler(scheduler(clock)).listener(recorder).build();
            try {
                recorder.attach(engine);
                JobInfo submitted = engine.anonymous().submitJob(SERVICE_NAME, task.definition().name(), inputs);
                String jobId = submitted.jobId();
                JobInfo end = engine.anonymous().awaitCompletion(jobId, timeout);
                if (!end.isTerminal()) {
                    throw new AssertionError("job " + jobId + " of task '" + task.definition().name()
                            + "' did not end within " + timeout + "; it is " + end.status().wireName()
                            + " with progress " + end.progress());
                }
                Map<String, GPValue> outputs = new LinkedHashMap<>();
                if (end.status() == io.gpjobs.spi.JobStatus.SUCCEEDED) {
                    for (ParameterValue v : engine.anonymous().results(jobId)) {
                        outputs.put(v.paramName(), v.value());
                    }
                }
                Map<String, byte[]> files = readFiles(store, jobId);
                return new TaskRun(jobId, end.status(), outputs, end.messages(), recorder.progress(),
                        recorder.statuses(), files, end.started(), end.ended());
            } finally {
                recorder.detach();
                engine.close();
            }
        } finally {
            store.close();
        }
    }

    /** One scheduler per clock: a clock reused across runs must not drive the timers of closed engines twice. */
    private final Map<ManualClock, ManualScheduler> schedulers = new java.util.IdentityHashMap<>();

    private ManualScheduler scheduler(ManualClock c) {
        return schedulers.computeIfAbsent(c, ManualScheduler::new);
    }

    private static Map<String, byte[]> readFiles(JobStore store, String jobId) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            for (String name : store.listFiles(jobId)) {
                Optional<InputStream> in = store.readFile(jobId, name);
                if (in.isPresent()) {
                    try (InputStream s = in.get()) {
                        files.put(name, s.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the files of job " + jobId, e);
        }
        return files;
    }
}
