package io.gpjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.h2.H2StorageProvider;

/**
 * JobRunr running the same no-op jobs, with its default worker count (8 per core), on one of two storages:
 * {@link #inMemory()} (its in-memory storage at its smallest poll interval for it, 200 ms; JobRunr rejects less), or
 * {@link #h2()} (its SQL storage on an embedded H2 database in a file, at JobRunr's smallest poll interval for a
 * database, 5 s). The H2 database commits with {@code WRITE_DELAY=0}: every committed transaction is written to the
 * database file before the commit returns (it survives a killed process) but is never forced to the device (H2
 * forces only at {@code CHECKPOINT SYNC} and close): the durability of the {@code disk} store, not of
 * {@code disk-fsync}. JobRunr fetches work per poll
 * in proportion to its workers, so fewer workers would only make this baseline slower. "Succeeded" is JobRunr's SUCCEEDED state applied after it was saved
 * (an {@link ApplyStateFilter} runs after the storage write).
 *
 * <p>JobRunr is configured globally (static state): one instance per JVM at a time.
 */
final class JobRunrSystem implements JobSystem {

    /** JobRunr's smallest supported poll interval for {@link InMemoryStorageProvider}. */
    static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(200);

    /** JobRunr's smallest supported poll interval for a SQL storage. */
    static final Duration MIN_SQL_POLL_INTERVAL = Duration.ofSeconds(5);

    private final JobScheduler scheduler;
    private final BackgroundJobServer server;
    /** The H2 pool and its folder, or null for the in-memory storage. */
    private final JdbcConnectionPool pool;
    private final Path folder;

    private JobRunrSystem(StorageProvider storage, Duration poll, JdbcConnectionPool pool, Path folder) {
        this.pool = pool;
        this.folder = folder;
        JobRunrConfigurationResult result = JobRunr.configure()
                .useStorageProvider(storage)
                .withJobFilter(new SucceededCounter())
                .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andPollInterval(poll))
                .initialize();
        scheduler = result.getJobScheduler();
        server = result.getBackgroundJobServer();
    }

    /** JobRunr on its in-memory storage. */
    static JobRunrSystem inMemory() {
        return new JobRunrSystem(new InMemoryStorageProvider(), MIN_POLL_INTERVAL, null, null);
    }

    /**
     * JobRunr on an embedded H2 database in a new temporary folder, through H2's own connection pool; the
     * database stays open while the pool lives ({@code DB_CLOSE_DELAY=-1}) and is deleted at close.
     */
    static JobRunrSystem h2() throws IOException {
        Path dir = Files.createTempDirectory("gpjobs-bench-jobrunr-h2-");
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + dir.resolve("jobrunr").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(Systems.WORKERS * 8);
        try {
            return new JobRunrSystem(new H2StorageProvider(pool), MIN_SQL_POLL_INTERVAL, pool, dir);
        } catch (RuntimeException e) {
            pool.dispose();
            Stores.deleteTree(dir);
            throw e;
        }
    }

    @Override
    public void runBatch(int count) throws Exception {
        CountDownLatch done = new CountDownLatch(count);
        Signals.succeeded = done;
        for (int i = 0; i < count; i++) {
            scheduler.enqueue(() -> Signals.noOp());
        }
        JobSystem.await(done, "JobRunr batch");
    }

    @Override
    public Object submitSignalling() {
        CountDownLatch done = new CountDownLatch(1);
        Signals.succeeded = done;
        scheduler.enqueue(() -> Signals.signalStart());
        return done;
    }

    @Override
    public void awaitSucceeded(Object handle) throws Exception {
        JobSystem.await((CountDownLatch) handle, "JobRunr job");
    }

    @Override
    public void close() {
        try {
            server.stop();
            JobRunr.destroy();
        } finally {
            if (pool != null) {
                shutdownDatabase();
            }
        }
    }

    private void shutdownDatabase() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot shut the JobRunr H2 database down", e);
        } finally {
            pool.dispose();
            Stores.deleteTree(folder);
        }
    }

    /** Counts SUCCEEDED states down on {@link Signals#succeeded}. */
    private static final class SucceededCounter implements ApplyStateFilter {
        @Override
        public void onStateApplied(Job job, JobState oldState, JobState newState) {
            if (newState.getName() == StateName.SUCCEEDED) {
                Signals.succeeded.countDown();
            }
        }
    }
}
