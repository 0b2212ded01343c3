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

    /**
     * Opens a URL an input names (a data file's, a layer's or a table's {@code url}, with its token as given) for
     * reading: the one sanctioned way for a task to fetch an input. The host's {@link io.gpjobs.UrlPolicy} is
     * applied again: a remote URL's host must be allowed and the address actually connected to must be permitted
     * (an internal address is refused even when the host resolved to a public one at submit), redirects are
     * followed only to URLs passing the same checks, and a {@code file:} URL must name a readable file within the
     * allowed file roots. The caller closes the stream.
     *
     * @param url the URL; not null
     * @return the content (for http/https: the body of a 200 answer)
     * @throws java.io.IOException naming the URL (token redacted) when it is refused, unreachable or answered
     *                             with another status
     */
    java.io.InputStream openUrl(String url) throws java.io.IOException;

    /** The engine's clock. */
    Clock clock();

    /** A logger for diagnostics (not job messages). */
    System.Logger logger();
}
