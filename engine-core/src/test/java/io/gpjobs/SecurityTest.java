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
            String id = engine.submitJob("Owned", "Echo", Map.of("text", "a"), "alice").jobId();
            assertThat(engine.awaitCompletion(id, WAIT, "alice").owner()).isEqualTo("alice");
            for (String intruder : new String[] {"bob", null}) {
                assertThatThrownBy(() -> engine.job(id, intruder)).isInstanceOfSatisfying(GPException.class,
                        e -> assertThat(e.code()).isEqualTo(403));
                assertThatThrownBy(() -> engine.results(id, intruder)).isInstanceOf(GPException.class);
                assertThatThrownBy(() -> engine.input(id, "text", intruder)).isInstanceOf(GPException.class);
                assertThatThrownBy(() -> engine.cancel(id, intruder)).isInstanceOfSatisfying(GPException.class,
                        e -> assertThat(e.code()).isEqualTo(403));
                assertThatThrownBy(() -> engine.delete(id, intruder)).isInstanceOfSatisfying(GPException.class,
                        e -> assertThat(e.code()).isEqualTo(403));
            }
            assertThat(engine.job(id, "admin").status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.result(id, "result", "alice").value()).isEqualTo(new GPString("a"));
            assertThat(engine.delete(id, "alice").status()).isEqualTo(JobStatus.DELETED);
            // An anonymous job is open to everyone under this policy.
            String open = engine.submitJob("Owned", "Echo", Map.of("text", "b")).jobId();
            assertThat(engine.awaitCompletion(open, WAIT, "bob").status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void purgeQueueIsAnAdminOperationThatCancelsWhateverTheOwner() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("Purge").maxInstances(1).task(TestTasks.cooperative("Gated", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).accessPolicy(AccessPolicy.ownerOnly(null)).build()) {
            String running = engine.submitJob("Purge", "Gated", Map.of("text", "a"), "alice").jobId();
            gate.awaitEntered();
            String queued = engine.submitJob("Purge", "Gated", Map.of("text", "b"), "alice").jobId();
            assertThatThrownBy(() -> engine.cancel(queued, "bob")).isInstanceOf(GPException.class);
            assertThat(engine.purgeQueue("Purge")).isEqualTo(1);
            assertThat(engine.job(queued, "alice").status()).isEqualTo(JobStatus.CANCELLED);
            gate.open();
            assertThat(engine.awaitCompletion(running, WAIT, "alice").status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void aCustomPolicySeesTheActionAndTheRecord() {
        AccessPolicy readOnly = (action, principal, job) -> action == AccessPolicy.Action.READ;
        GPService svc = GPService.builder("ReadOnly").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).accessPolicy(readOnly).build()) {
            String id = engine.submitJob("ReadOnly", "Echo", Map.of("text", "a")).jobId();
            engine.awaitCompletion(id, WAIT);
            assertThatThrownBy(() -> engine.delete(id)).isInstanceOfSatisfying(GPException.class,
                    e -> assertThat(e.details()).singleElement().asString().contains("delete").contains(id));
            assertThat(engine.job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
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
            String id = engine.submitJob("Secrets", "Url", Map.of("text", url)).jobId();
            JobInfo done = engine.awaitCompletion(id, WAIT);
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(seen.get()).isEqualTo(url);
            assertThat(store.inputs(id).get("text").json()).doesNotContain("s3cr3t").contains("token=********&f=json");
            assertThat(((GPString) engine.input(id, "text").value()).value()).doesNotContain("s3cr3t");
            assertThat(store.read(id).orElseThrow().messages()).extracting(JobMessage::description)
                    .noneMatch(m -> m.contains("s3cr3t")).anyMatch(m -> m.contains("token=********"));
            // The output was derived from the real input by the task: results are the task's business.
            assertThat(done.messages().toString()).doesNotContain("s3cr3t");
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
