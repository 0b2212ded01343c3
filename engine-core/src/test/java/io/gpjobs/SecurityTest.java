package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.internal.JobIds;
import io.gpjobs.internal.Redactor;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Job ids, owners and the access policy, token redaction. */
class SecurityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void jobIdsAreJPlus32LowercaseHexAndDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = JobIds.next();
            assertThat(JobRecord.isValidJobId(id)).as(id).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void theOwnerOnlyPolicyKeepsOtherPrincipalsOut() {
        GPService svc = GPService.builder("Owned").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).accessPolicy(AccessPolicy.ownerOnly("admin")).build()) {
            String id = engine.as("alice").submitJob("Owned", "Echo", Map.of("text", "a")).jobId();
            assertThat(engine.as("alice").awaitCompletion(id, WAIT).owner()).isEqualTo("alice");
            for (String intruder : new String[] {"bob", null}) {
                assertThatThrownBy(() -> engine.as(intruder).job(id)).isInstanceOfSatisfying(GPException.class,
                        e -> assertThat(e.code()).isEqualTo(403));
                assertThatThrownBy(() -> engine.as(intruder).results(id)).isInstanceOf(GPException.class);
                assertThatThrownBy(() -> engine.as(intruder).input(id, "text")).isInstanceOf(GPException.class);
                assertThatThrownBy(() -> engine.as(intruder).cancel(id)).isInstanceOfSatisfying(GPException.class,
                        e -> assertThat(e.code()).isEqualTo(403));
                assertThatThrownBy(() -> engine.as(intruder).delete(id)).isInstanceOfSatisfying(GPException.class,
                        e -> assertThat(e.code()).isEqualTo(403));
            }
            assertThat(engine.as("admin").job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.as("alice").result(id, "result").value()).isEqualTo(new GPString("a"));
            assertThat(engine.as("alice").delete(id).status()).isEqualTo(JobStatus.DELETED);
            // An anonymous job is open to everyone under this policy.
            String open = engine.anonymous().submitJob("Owned", "Echo", Map.of("text", "b")).jobId();
            assertThat(engine.as("bob").awaitCompletion(open, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void purgeQueueIsAnAdminOperationThatCancelsWhateverTheOwner() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Purge").maxInstances(1).task(TestTasks.cooperative("Gated", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).accessPolicy(AccessPolicy.ownerOnly(null)).build()) {
            String running = engine.as("alice").submitJob("Purge", "Gated", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            String queued = engine.as("alice").submitJob("Purge", "Gated", Map.of("text", "b")).jobId();
            assertThatThrownBy(() -> engine.as("bob").cancel(queued)).isInstanceOf(GPException.class);
            assertThat(engine.purgeQueue("Purge")).isEqualTo(1);
            assertThat(engine.as("alice").job(queued).status()).isEqualTo(JobStatus.CANCELLED);
            gate.open();
            assertThat(engine.as("alice").awaitCompletion(running, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void aCustomPolicySeesTheActionAndTheRecord() {
        AccessPolicy readOnly = (action, principal, job) -> action == AccessPolicy.Action.READ;
        GPService svc = GPService.builder("ReadOnly").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).accessPolicy(readOnly).build()) {
            String id = engine.anonymous().submitJob("ReadOnly", "Echo", Map.of("text", "a")).jobId();
            engine.anonymous().awaitCompletion(id, WAIT);
            assertThatThrownBy(() -> engine.anonymous().delete(id)).isInstanceOfSatisfying(GPException.class,
                    e -> assertThat(e.details()).singleElement().asString().contains("delete").contains(id));
            assertThat(engine.anonymous().job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void tokensAreRedactedInStoredAndEchoedInputsButTheTaskSeesTheRealValue() {
        AtomicReference<String> seen = new AtomicReference<>();
        io.gpjobs.spi.Task t = TestTasks.task("Url", ctx -> {
            seen.set(ctx.input("text", GPString.class).value());
            ctx.info("fetched " + ctx.input("text", GPString.class).value());
        });
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Secrets").task(t).build();
        String url = "https://example.com/arcgis/rest/services/x/FeatureServer/0?where=1%3D1&token=s3cr3t-Value&f=json";
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            String id = engine.anonymous().submitJob("Secrets", "Url", Map.of("text", url)).jobId();
            JobInfo done = engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(seen.get()).isEqualTo(url);
            assertThat(store.inputs(id).get("text").json()).doesNotContain("s3cr3t").contains("token=********&f=json");
            assertThat(((GPString) engine.anonymous().input(id, "text").value()).value()).doesNotContain("s3cr3t");
            assertThat(store.read(id).orElseThrow().messages()).extracting(JobMessage::description)
                    .noneMatch(m -> m.contains("s3cr3t")).anyMatch(m -> m.contains("token=********"));
            assertThat(done.messages().toString()).doesNotContain("s3cr3t");
        }
    }

    @Test
    void tokensAreRedactedFromOutputsTheTaskEchoes() {
        String url = "https://example.com/arcgis/rest/services/x/FeatureServer/0?token=s3cr3t-Value&f=json";
        ObservedStore store = new ObservedStore();
        GPService async = GPService.builder("Echoes").task(TestTasks.echo()).build();
        GPService sync = GPService.builder("SyncEchoes").executionType(GPService.ExecutionType.SYNCHRONOUS)
                .task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(async).service(sync).jobStore(store).build()) {
            String id = engine.anonymous().submitJob("Echoes", "Echo", Map.of("text", url)).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(store.results(id).get("result").json()).doesNotContain("s3cr3t")
                    .contains("token=" + Redactor.MASK + "&f=json");
            assertThat(((GPString) engine.anonymous().result(id, "result").value()).value()).doesNotContain("s3cr3t")
                    .startsWith("https://example.com/");

            ExecuteResult executed = engine.anonymous().execute("SyncEchoes", "Echo", Map.of("text", url));
            assertThat(executed.results()).singleElement().satisfies(r -> assertThat(((GPString) r.value()).value())
                    .doesNotContain("s3cr3t").contains("token=" + Redactor.MASK));
        }
    }

    @Test
    void tokenMembersAreMaskedAtAnyDepth() throws Exception {
        String json = "{\"url\":\"https://h/x?token=abc\",\"token\":\"abc\",\"inner\":[{\"Token\":\"def\",\"n\":1}]}";
        String redacted = Redactor.redactJson(json);
        assertThat(redacted).doesNotContain("abc").doesNotContain("def");
        assertThat(new ObjectMapper().readTree(redacted).get("inner").get(0).get("n").asInt()).isEqualTo(1);
        assertThat(Redactor.redactText("token=xyz")).isEqualTo("token=********");
        assertThat(Redactor.redactText("a?tokenizer=1")).isEqualTo("a?tokenizer=1");
        assertThat(Redactor.redactJson("345")).isEqualTo("345");
    }
}
