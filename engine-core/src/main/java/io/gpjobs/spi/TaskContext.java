package io.gpjobs.spi;

import io.gpjobs.value.GPValue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a running task reads and writes: its inputs, outputs, messages, progressor, cancellation token and
 * scratch folder. Implemented by the engine only; tasks use it and never implement it (the testkit drives a real
 * engine instead).
 *
 * <p>Thread-safe: a task may report from several threads.
 */
public interface TaskContext {

    /** The id of the job being run. */
    String jobId();

    /** The name of the service the job belongs to. */
    String serviceName();

    /** The definition of the task being run. */
    TaskDefinition definition();

    /** All validated inputs with defaults applied, by parameter name (absent optional inputs are missing). */
    Map<String, GPValue> inputs();

    /** The input {@code name}, or empty when it was optional and not given. */
    Optional<GPValue> input(String name);

    /**
     * The input {@code name} as {@code type}.
     *
     * @throws IllegalArgumentException naming the parameter when it is absent or of another type
     */
    <T extends GPValue> T input(String name, Class<T> type);

    /**
     * Sets an output value.
     *
     * @throws IllegalArgumentException naming the parameter when it is not an output of the task, or the value's
     *                                  type does not match the parameter's data type
     */
    void setOutput(String name, GPValue value);

    /** Adds an informative message. */
    void info(String message);

    /** Adds a warning message. */
    void warning(String message);

    /** Adds an error message (the job still ends as the task ends; throw to fail it). */
    void error(String message);

    /** The job's progressor. */
    Progressor progressor();

    /** The job's cancellation token. */
    CancellationToken cancellation();

    /** A folder for the job's files; files left here are kept with the job (under {@code scratch/}). */
    Path scratchFolder();

    /** The engine's clock. */
    Clock clock();

    /** A logger for diagnostics (not job messages). */
    System.Logger logger();
}
