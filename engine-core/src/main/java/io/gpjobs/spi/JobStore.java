package io.gpjobs.spi;

import io.gpjobs.JobNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A jobs directory: job records with compare-and-set updates, each job's input and result values, and each job's
 * files. Implementations: the in-memory store of engine-core, the disk store, the Azure store.
 *
 * <p>Implementations are thread-safe, and safe to share between engines on one machine or (where the storage is
 * shared) on several. Every method validates the job id with {@link JobRecord#requireValidJobId} before touching
 * storage. Every method may throw {@link JobStoreException} when the storage fails.
 *
 * <p>Relative file paths use {@code /} as separator, must not be absolute, empty, or contain {@code ..} segments
 * (an {@link IllegalArgumentException} naming the path otherwise).
 */
public interface JobStore extends AutoCloseable {

    /**
     * Creates a record and its inputs atomically: either both are stored or neither.
     *
     * @param record a record with version 0
     * @param inputs the job's input values by parameter name (tokens already redacted)
     * @return the stored record, with version 1
     * @throws JobConflictException when a record with that id already exists
     */
    JobRecord create(JobRecord record, Map<String, StoredValue> inputs);

    /** The record of {@code jobId}, or empty when there is none. */
    Optional<JobRecord> read(String jobId);

    /**
     * Replaces a record if nobody changed it since it was read.
     *
     * @param next the new state; its {@code version} must equal the stored version
     * @return the stored record, whose version is {@code next.version() + 1}
     * @throws JobConflictException when the stored version differs
     * @throws JobNotFoundException when there is no such record
     */
    JobRecord update(JobRecord next);

    /** One page of the records that match {@code query}. */
    JobPage query(JobQuery query);

    /**
     * Removes a job: record, inputs, results and files. Idempotent.
     *
     * @return whether there was anything to remove
     */
    boolean delete(String jobId);

    /** The stored inputs of a job, by parameter name; empty when the job has none or does not exist. */
    Map<String, StoredValue> inputs(String jobId);

    /**
     * Stores the result values of a job. The engine calls this before it moves the job to Succeeded, so a
     * succeeded job never lacks results. Replaces any earlier results of the job.
     *
     * @throws JobNotFoundException when there is no such record
     */
    void putResults(String jobId, Map<String, StoredValue> results);

    /** The stored results of a job, by parameter name; empty when none were stored. */
    Map<String, StoredValue> results(String jobId);

    /**
     * Forgets the results {@link #putResults} gave for a job whose end the engine then could not record: its run
     * was fenced (another attempt holds the job) or the job ended otherwise meanwhile. A store that holds results
     * until the job's next record update (so that they land with the terminal status in one write) drops them here,
     * so they never reach the record nor a reader; a store that wrote them at once has nothing to forget. The default
     * does nothing.
     *
     * @param jobId the job, not null
     */
    default void discardResults(String jobId) {
    }

    /**
     * A local folder where the task of {@code jobId} writes its files (its scratch workspace); created if absent.
     * For a store on a local file system this is the job's own folder; a remote store returns a local staging
     * folder and uploads its content in {@link #persistScratch}.
     */
    Path scratchFolder(String jobId) throws IOException;

    /**
     * Makes the files the task wrote to {@link #scratchFolder} durable in the store (no-op for local stores).
     *
     * @throws JobStoreException when the storage did not answer (the engine keeps the job's end and tries again)
     * @throws IOException       when the storage refused the files or they cannot be read (the job fails)
     */
    void persistScratch(String jobId) throws IOException;

    /** Writes a file of the job (replacing it); the content is complete or absent, never torn. */
    void writeFile(String jobId, String relativePath, InputStream content) throws IOException;

    /** Opens a file of the job, or empty when it does not exist. */
    Optional<InputStream> readFile(String jobId, String relativePath) throws IOException;

    /** The relative paths of the job's files (scratch files included, prefixed with {@code scratch/}), sorted. */
    List<String> listFiles(String jobId) throws IOException;

    /**
     * Removes storage that belongs to no record (job folders or blobs without a record) and was last modified
     * before {@code olderThan}; the janitor calls it.
     *
     * @return how many orphaned job folders were removed
     */
    default int deleteOrphans(Instant olderThan) {
        return 0;
    }

    /**
     * Registers a live engine with node id {@code nodeId} on this store until the returned registration is closed,
     * refusing a second live engine with the same node id: two such engines would each take the other's running
     * jobs for its own from a previous run and mark them failed. A registration ends when it is closed, when the
     * store is closed, and when the process that made it ends (however it ends). The default registers nothing
     * (a store that cannot tell live engines apart).
     *
     * @param nodeId the engine's node id
     * @return the registration; closing it is idempotent
     * @throws IllegalStateException when a live engine (in this process or another) holds {@code nodeId} on
     *                               this store; the message names the node id, the store and, where known, the
     *                               holder
     * @throws JobStoreException     when the storage fails
     */
    default NodeRegistration registerNode(String nodeId) {
        return () -> { };
    }

    /**
     * Registers a live engine as {@link #registerNode(String)} does, for a store that can only tell a live holder by
     * a lease (a store shared over a network): the registration holds for {@code lease} from its last renewal, and
     * the engine calls {@link NodeRegistration#renew} every third of {@code lease}; a holder that stops renewing
     * (its process died) gives the node id up once the lease has run out. The default ignores the lease.
     *
     * @param nodeId the engine's node id
     * @param lease  how long the registration holds without a renewal; positive
     * @return the registration; closing it is idempotent
     * @throws IllegalStateException when a live engine holds {@code nodeId} on this store (see above)
     * @throws JobStoreException     when the storage fails
     */
    default NodeRegistration registerNode(String nodeId, java.time.Duration lease) {
        return registerNode(nodeId);
    }

    /** A live engine's hold on its node id in a store (see {@link #registerNode}). */
    @FunctionalInterface
    interface NodeRegistration extends AutoCloseable {
        /**
         * Renews the registration's lease (see {@link #registerNode(String, java.time.Duration)}); the default does
         * nothing. Never throws: a failure is logged and the next renewal tries again.
         */
        default void renew() {
        }

        /** Gives the node id up; idempotent, never throws. */
        @Override
        void close();
    }

    /**
     * The dispatcher of the jobs of this store's services, for a store that spans nodes (a shared queue); empty
     * (the default) for in-process dispatch, where every job runs on the engine that accepted it. The engine asks
     * once per store when it starts and closes the dispatcher before the store.
     *
     * @return a new dispatcher not yet started, or empty
     */
    default Optional<JobDispatcher> dispatcher() {
        return Optional.empty();
    }

    /** Releases the store's resources. Records stay in storage. */
    @Override
    void close();
}
