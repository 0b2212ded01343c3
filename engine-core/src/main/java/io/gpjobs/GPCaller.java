package io.gpjobs;

import io.gpjobs.spi.JobStatus;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The operations of one caller on a {@link GPEngine}: run tasks, submit jobs and read, cancel and delete them, as
 * the principal this view was made for ({@link GPEngine#as(String)}, or {@link GPEngine#anonymous()}). Every
 * operation checks the engine's {@code AccessPolicy} for that principal, and a job it submits or executes records
 * it as the owner. A REST layer holds one view per verified caller.
 *
 * <p>Cheap to create (two fields), immutable and thread-safe. A view stays usable as long as its engine is open;
 * after {@link GPEngine#close()} its operations fail as the engine's do. Job ids are validated before any store is
 * touched.
 */
public final class GPCaller {
    private final EngineBridge core;
    private final String principal;

    GPCaller(EngineBridge core, String principal) {
        this.core = core;
        if (principal != null && principal.isBlank()) {
            throw new IllegalArgumentException("principal must be null (anonymous) or not blank, got '" + principal
                    + "'");
        }
        this.principal = principal;
    }

    /** The principal this view acts as, or null for the anonymous caller. */
    public String principal() {
        return principal;
    }

    /**
     * Runs a task of a synchronous service and waits for it (at most maxWaitTime for a worker plus maxUsageTime).
     *
     * @param service the service name
     * @param task    the task name
     * @param inputs  values by parameter name: REST form literals or JSON text ({@link String}), Jackson
     *                {@code JsonNode}s, or {@code GPValue}s; null for none
     * @return the outputs and the messages the service's level lets through
     * @throws InvalidInputException when an input is invalid (nothing is stored)
     * @throws GPException           404 unknown service or task; 400 when the service is asynchronous; 503 when
     *                               the queue is full; 500 "Unable to complete operation." with the job's error
     *                               messages as details when the task fails, times out or is cancelled
     */
    public ExecuteResult execute(String service, String task, Map<String, ?> inputs) {
        return core.execute(principal, service, task, inputs);
    }

    /**
     * Submits a job to an asynchronous service: validates the inputs, stores the job (Submitted, or Waiting when
     * every worker is busy) and dispatches it.
     *
     * @param inputs as for {@link #execute(String, String, Map)}
     * @return the new job
     * @throws InvalidInputException when an input is invalid (nothing is stored)
     * @throws GPException           404 unknown service or task; 400 when the service is synchronous; 503 when
     *                               the service's queue is full
     */
    public JobInfo submitJob(String service, String task, Map<String, ?> inputs) {
        return core.submitJob(principal, service, task, inputs);
    }

    /**
     * The job as a reader sees it now (live progress and messages while it executes).
     *
     * @throws InvalidInputException malformed id; {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public JobInfo job(String jobId) {
        return core.job(principal, jobId);
    }

    /**
     * Cancels a job: Submitted/Waiting ones become Cancelled at once, an Executing one becomes Cancelling (its
     * token fires) and Cancelled when its task returns. Cancelling a Cancelling job changes nothing.
     *
     * @return the job after the request
     * @throws InvalidInputException when the id is malformed or the job already ended (the message names the job
     *                               and its status); {@link JobNotFoundException} unknown id; GPException 403
     */
    public JobInfo cancel(String jobId) {
        return core.cancel(principal, jobId);
    }

    /**
     * Deletes a job: cancels it if it runs, then removes its record, values and files.
     *
     * @return the job with status Deleted (it can no longer be read)
     * @throws InvalidInputException malformed id; {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public JobInfo delete(String jobId) {
        return core.delete(principal, jobId);
    }

    /**
     * One result of a job.
     *
     * @throws InvalidInputException when the job has no such result (e.g. it did not succeed), or an argument is
     *                               malformed; {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public ParameterValue result(String jobId, String paramName) {
        return core.value(principal, jobId, paramName, true);
    }

    /**
     * All results of a job in parameter order (empty unless it succeeded).
     *
     * @throws InvalidInputException malformed id; {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public List<ParameterValue> results(String jobId) {
        return core.values(principal, jobId, true);
    }

    /**
     * One input of a job as stored (tokens redacted).
     *
     * @throws InvalidInputException when the job has no such input, or an argument is malformed;
     *                               {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public ParameterValue input(String jobId, String paramName) {
        return core.value(principal, jobId, paramName, false);
    }

    /**
     * All stored inputs of a job in parameter order (tokens redacted).
     *
     * @throws InvalidInputException malformed id; {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public List<ParameterValue> inputs(String jobId) {
        return core.values(principal, jobId, false);
    }

    /**
     * Opens a file of a job, such as one its task wrote to its scratch folder ({@code scratch/<name>}). The caller
     * closes the stream.
     *
     * @param relativePath a path relative to the job, {@code /}-separated, without {@code ..} segments
     * @return the file's content, or empty when the job has no such file
     * @throws InvalidInputException malformed id or path; {@link JobNotFoundException} unknown id; GPException 403
     *                               refused; {@code JobStoreException} when the storage fails
     */
    public Optional<InputStream> openFile(String jobId, String relativePath) {
        return core.openFile(principal, jobId, relativePath);
    }

    /**
     * Waits until the job reaches a terminal status or {@code timeout} passes. A job this engine runs is awaited
     * without polling; one run by another engine on a shared store is read again on every poll of the engine's
     * scheduler (every 50 ms by default).
     *
     * @param timeout how long to wait at most, in real time; not null
     * @return the job at that moment: check {@link JobInfo#isTerminal()} to tell a timeout
     * @throws InvalidInputException malformed id; {@link JobNotFoundException} unknown id; GPException 403 refused
     */
    public JobInfo awaitCompletion(String jobId, Duration timeout) {
        return core.awaitCompletion(principal, jobId, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Waits until the job's status satisfies {@code until} (tested on the status now, then on each change), the
     * job ended, or {@code timeout} passes: for example {@code awaitStatus(id, s -> s == JobStatus.EXECUTING, t)}
     * to know a worker took the job. A change this engine writes wakes the caller at once; a job run by another
     * engine on a shared store is read again on every poll of the engine's scheduler (every 50 ms by default), as
     * {@link #awaitCompletion} does.
     *
     * @param jobId   the job
     * @param until   the statuses to wait for; not null. It is not called for the Deleted status
     * @param timeout how long to wait at most, in real time; not null
     * @return the job at that moment: test {@code until} on its status to tell a match from a job that ended in
     *         another status (a terminal status never changes again) or a timeout
     * @throws NullPointerException  when {@code until} or {@code timeout} is null
     * @throws InvalidInputException malformed id; {@link JobNotFoundException} unknown id (also when the job is
     *                               deleted while awaited); GPException 403 refused
     */
    public JobInfo awaitStatus(String jobId, Predicate<JobStatus> until, Duration timeout) {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(timeout, "timeout");
        return core.awaitStatus(principal, jobId, until, timeout);
    }

    @Override
    public String toString() {
        return "GPCaller[" + (principal == null ? "anonymous" : principal) + "]";
    }
}
