package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.azure.internal.AzureStoreOpener;
import io.gpjobs.value.GPString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A fault test of the end path with only the Table failing: the writes of a job's record fail as a network failure
 * does (no response) several times once its task returned, while blobs and reads work. The engine keeps the end and
 * retries it until the table answers: the job ends Succeeded with its results, as a store that never failed would
 * have it.
 */
class TableEndOutageIT {

    static final String SERVICE = "tableOutage";
    static final int FAILURES = 3;
    static final Duration WAIT = Duration.ofSeconds(90);

    private final EngineTestTasks.Gates gates = new EngineTestTasks.Gates();

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    @Test
    void aJobWhoseRecordWritesFailAtItsEndIsRecordedSucceededOnceTheTableAnswers() throws Exception {
        FailingWrites faults = new FailingWrites();
        AzureJobStoreConfig config = Azurite.config().build();
        try (JobStore store = AzureStoreOpener.open(config, faults);
             GPEngine engine = GPEngine.builder().nodeId("table-fault").jobStore(store)
                     .service(GPService.builder(SERVICE).task(EngineTestTasks.gated(gates)).build()).build();
             JobStore direct = new AzureJobStoreProvider().open(config)) {
            String jobId = engine.anonymous().submitJob(SERVICE, "Gated", Map.of("text", "late")).jobId();
            gates.awaitEntered("late");
            faults.arm(jobId, FAILURES);
            gates.release("late");
            gates.awaitReturned("late");

            JobInfo done = engine.anonymous().awaitCompletion(jobId, WAIT);
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(faults.failed).hasSize(FAILURES);
            assertThat(engine.anonymous().result(jobId, "result").value()).isEqualTo(new GPString("released late"));
            // what the table holds, read by another store: the end and its results, written once it answered
            JobRecord stored = direct.read(jobId).orElseThrow();
            assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(direct.results(jobId)).containsOnlyKeys("result");
            assertThat(direct.results(jobId).get("result").json()).contains("released late");
        }
    }

    /**
     * Fails the next {@code n} writes (not reads) of one job's record or index entity with a connection failure, once
     * per store call (the policy runs before the SDK's retries).
     */
    static final class FailingWrites implements HttpPipelinePolicy {
        private final AtomicReference<String> jobId = new AtomicReference<>();
        private final AtomicInteger remaining = new AtomicInteger();
        final List<String> failed = new CopyOnWriteArrayList<>();

        void arm(String job, int n) {
            jobId.set(job);
            remaining.set(n);
        }

        private IOException failure(HttpPipelineCallContext ctx) {
            String job = jobId.get();
            if (job == null || ctx.getHttpRequest().getHttpMethod() == HttpMethod.GET
                    || !ctx.getHttpRequest().getUrl().toString().contains(job)
                    || remaining.getAndUpdate(r -> Math.max(0, r - 1)) == 0) {
                return null;
            }
            failed.add(ctx.getHttpRequest().getHttpMethod() + " " + ctx.getHttpRequest().getUrl().getPath());
            return new ConnectException("injected: connection refused");
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext ctx, HttpPipelineNextPolicy next) {
            IOException e = failure(ctx);
            return e == null ? next.process() : Mono.error(e);
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext ctx, HttpPipelineNextSyncPolicy next) {
            IOException e = failure(ctx);
            if (e != null) {
                throw new UncheckedIOException(e);
            }
            return next.processSync();
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_CALL;
        }
    }
}
