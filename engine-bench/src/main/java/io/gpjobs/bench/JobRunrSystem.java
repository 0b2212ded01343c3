package io.gpjobs.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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

/**
 * JobRunr with its in-memory storage and its smallest poll interval for that storage (200 ms; JobRunr rejects
 * less), with its default worker count (8 per core), running the same no-op jobs. JobRunr fetches work per poll
 * in proportion to its workers, so fewer workers would only make this baseline slower. "Succeeded" is JobRunr's SUCCEEDED state applied after it was saved
 * (an {@link ApplyStateFilter} runs after the storage write).
 *
 * <p>JobRunr is configured globally (static state): one instance per JVM at a time.
 */
final class JobRunrSystem implements JobSystem {

    /** JobRunr's smallest supported poll interval for {@link InMemoryStorageProvider}. */
    static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(200);

    private final JobScheduler scheduler;
    private final BackgroundJobServer server;

    JobRunrSystem() {
        JobRunrConfigurationResult result = JobRunr.configure()
                .useStorageProvider(new InMemoryStorageProvider())
                .withJobFilter(new SucceededCounter())
                .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andPollInterval(MIN_POLL_INTERVAL))
                .initialize();
        scheduler = result.getJobScheduler();
        server = result.getBackgroundJobServer();
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
        server.stop();
        JobRunr.destroy();
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
