package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.internal.InMemoryJobStore;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import io.gpjobs.spi.StoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Store providers, close() without leaks, recovery at start, two engines on one store. */
class EngineLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void serviceLoaderFindsTheMemoryProvider() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(JobStoreProvider.class).forEach(p -> names.add(p.name()));
        assertThat(names).contains("memory");
        JobStoreProvider memory = ServiceLoader.load(JobStoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("memory")).findFirst().orElseThrow();
        try (JobStore st = memory.open(Map.of())) {
            assertThat(st.read("j0123456789abcdef0123456789abcdef")).isEmpty();
        }
    }

    @Test
    void closeEndsEveryThreadTheEngineStarted() throws Exception {
        int before = EngineThreads.count("gpjobs-");
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Closing").maxInstances(3).task(TestTasks.cooperative("Gated", gate)).build();
        InMemoryJobStore store = new InMemoryJobStore();
        GPEngine engine = GPEngine.builder().service(svc).jobStore(store).nodeId("closer").build();
        String id = engine.anonymous().submitJob("Closing", "Gated", Map.of("text", "a")).jobId();
        gate.awaitEntered();
        assertThat(EngineThreads.count("gpjobs-Closing-")).isEqualTo(3);
        assertThat(EngineThreads.count("gpjobs-closer-timer-")).isPositive();
        engine.close();
        engine.close();
        assertThat(EngineThreads.count("gpjobs-Closing-")).isZero();
        assertThat(EngineThreads.count("gpjobs-closer-")).isZero();
        assertThat(EngineThreads.count("gpjobs-")).isEqualTo(before);
        // The job the engine was running is truthfully failed, not left executing.
        JobRecord r = store.read(id).orElseThrow();
        assertThat(r.status()).isEqualTo(JobStatus.FAILED);
        assertThat(r.messages()).extracting(JobMessage::description)
                .contains("Job failed: the engine running it stopped (node closer).");
        assertThatThrownBy(() -> engine.anonymous().submitJob("Closing", "Gated", Map.of("text", "a")))
                .isInstanceOf(IllegalStateException.class);
        store.close();
    }

    @Test
    void atStartLostExecutingJobsFailAndQueuedJobsRun() {
        InMemoryJobStore store = new InMemoryJobStore();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        ManualClock clock = new ManualClock(t.plusSeconds(120));
        String lost = "j00000000000000000000000000000001";
        String lostCancelling = "j00000000000000000000000000000002";
        String queued = "j00000000000000000000000000000003";
        String fresh = "j00000000000000000000000000000004";
        String heldElsewhere = "j00000000000000000000000000000005";
        store.create(new JobRecord(lost, "Recover", "Echo", JobStatus.EXECUTING, 0, t, t, null, t, null, "dead-node",
                t.plusSeconds(30), false, List.of(JobMessage.info("Executing...")), null), Map.of());
        store.create(new JobRecord(lostCancelling, "Recover", "Echo", JobStatus.CANCELLING, 0, t, t, null, t, null,
                "dead-node", t.plusSeconds(30), true, List.of(), null), Map.of());
        store.create(new JobRecord(queued, "Recover", "Echo", JobStatus.SUBMITTED, 0, t, null, null, t, null,
                "dead-node", t.plusSeconds(30), false, List.of(JobMessage.info("Submitted.")), null),
                Map.of("text", new StoredValue("GPString", "\"again\"")));
        store.create(new JobRecord(fresh, "Recover", "Echo", JobStatus.NEW, 0, t, null, null, t, null,
                "me", t.plusSeconds(300), false, List.of(), null),
                Map.of("text", new StoredValue("GPString", "\"new\"")));
        store.create(new JobRecord(heldElsewhere, "Recover", "Echo", JobStatus.EXECUTING, 0, t, t, null, t, null,
                "live-node", t.plusSeconds(600), false, List.of(), null), Map.of());
        GPService svc = GPService.builder("Recover").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("me").build()) {
            JobInfo failed = engine.anonymous().job(lost);
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.messages()).extracting(JobMessage::description)
                    .contains("Job failed: the engine running it stopped (node dead-node).");
            JobJsonSchema.render(failed);
            assertThat(engine.anonymous().job(lostCancelling).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(engine.anonymous().awaitCompletion(queued, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().result(queued, "result").value()).isEqualTo(new io.gpjobs.value.GPString("again"));
            assertThat(engine.anonymous().awaitCompletion(fresh, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().job(heldElsewhere).status()).isEqualTo(JobStatus.EXECUTING);
        }
        store.close();
    }

    @Test
    void anotherEngineOnTheSameStoreSeesAndCancelsAJob() throws Exception {
        InMemoryJobStore store = new InMemoryJobStore();
        ManualClock clock = new ManualClock();
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Shared").cancellationCheckInterval(Duration.ofSeconds(1))
                .task(TestTasks.cooperative("Gated", gate)).build();
        try (GPEngine a = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("a").build();
             GPEngine b = GPEngine.builder().service(svc).jobStore(store).clock(clock).nodeId("b").build()) {
            String id = a.anonymous().submitJob("Shared", "Gated", Map.of("text", "x")).jobId();
            gate.awaitEntered();
            assertThat(b.anonymous().job(id).status()).isEqualTo(JobStatus.EXECUTING);
            assertThat(b.anonymous().cancel(id).status()).isEqualTo(JobStatus.CANCELLING);
            // Engine a notices the request at its next cancellation check, on its clock.
            clock.advance(Duration.ofSeconds(1));
            assertThat(b.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(a.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.CANCELLED);
        }
        store.close();
    }

    @Test
    void aLocalJobsDirectoryWithoutTheDiskProviderIsAClearError() {
        GPService svc = GPService.builder("OnDisk").jobsDirectory("target/jobs").task(TestTasks.echo()).build();
        boolean diskInstalled = ServiceLoader.load(JobStoreProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("disk"));
        if (!diskInstalled) {
            assertThatThrownBy(() -> GPEngine.builder().service(svc).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'disk'")
                    .hasMessageContaining("OnDisk");
        }
        GPService cloud = GPService.builder("OnCloud").jobsDirectory("/cloudStores/nowhere").task(TestTasks.echo()).build();
        assertThatThrownBy(() -> GPEngine.builder().service(cloud).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
    }

    @Test
    void aCloudStoreIsOpenedByItsProviderWithTheInfoAsSettings() {
        List<Map<String, String>> opened = new ArrayList<>();
        InMemoryJobStore backing = new InMemoryJobStore();
        JobStoreProvider fake = new JobStoreProvider() {
            @Override
            public String name() {
                return "azure";
            }

            @Override
            public JobStore open(Map<String, String> settings) {
                opened.add(settings);
                return backing;
            }
        };
        String item = """
                {"path":"/cloudStores/azureblob","type":"cloudStore","id":"31245-abcde","provider":"azure",
                 "info":{"isManaged":false,"connectionString":"abc/def","objectStore":"myblob","tableStore":"mytable"}}""";
        GPService svc = GPService.fromJson(GPServiceTest.SEED_000_SERVICE, List.of(TestTasks.echo()));
        try (GPEngine engine = GPEngine.builder().service(svc).storeProvider(fake).cloudStore(item).build()) {
            assertThat(opened).singleElement().isEqualTo(Map.of("isManaged", "false", "connectionString", "abc/def",
                    "objectStore", "myblob", "tableStore", "mytable"));
            String id = engine.anonymous().submitJob("myGPService1", "Echo", Map.of("text", "a")).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(backing.read(id)).isPresent();
        }
        assertThatThrownBy(() -> GPEngine.builder().cloudStore("{\"path\":\"/elsewhere/x\",\"provider\":\"azure\",\"info\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/elsewhere/x");
    }
}
