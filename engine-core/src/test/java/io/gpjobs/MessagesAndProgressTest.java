package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Message levels, returnMessages, live progress and its throttled persistence. */
class MessagesAndProgressTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static io.gpjobs.spi.Task chatty() {
        return TestTasks.task("Chatty", ctx -> {
            ctx.info("an info");
            ctx.warning("a warning");
            ctx.error("an error");
        });
    }

    private List<JobMessage> messagesAt(GPService.MessageLevel level) {
        GPService svc = GPService.builder("Level" + level).showMessages(level).task(chatty()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String id = engine.anonymous().submitJob(svc.name(), "Chatty", Map.of("text", "a")).jobId();
            JobInfo done = engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            JobJsonSchema.render(done);
            return done.messages();
        }
    }

    @Test
    void showMessagesFiltersWhatReadersSee() {
        assertThat(messagesAt(GPService.MessageLevel.INFO)).extracting(JobMessage::description)
                .containsExactly("Submitted.", "Executing...", "an info", "a warning", "an error", "Succeeded.");
        assertThat(messagesAt(GPService.MessageLevel.WARNING)).extracting(JobMessage::description)
                .containsExactly("a warning", "an error");
        assertThat(messagesAt(GPService.MessageLevel.ERROR)).extracting(JobMessage::type)
                .containsExactly(MessageType.ERROR);
        assertThat(messagesAt(GPService.MessageLevel.NONE)).isEmpty();
    }

    @Test
    void theStoreKeepsEveryMessageWhateverTheLevel() {
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Quiet").showMessages(GPService.MessageLevel.NONE).task(chatty()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            String id = engine.anonymous().submitJob("Quiet", "Chatty", Map.of("text", "a")).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).messages()).isEmpty();
            assertThat(store.read(id).orElseThrow().messages()).hasSize(6);
            ObjectNode json = JobJsonSchema.render(engine.anonymous().job(id));
            assertThat(json.get("messages")).isEmpty();
        }
    }

    @Test
    void returnMessagesFalseLeavesMessagesOut() {
        GPService svc = GPService.builder("NoMessages").task(chatty()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String id = engine.anonymous().submitJob("NoMessages", "Chatty", Map.of("text", "a")).jobId();
            JobInfo done = engine.anonymous().awaitCompletion(id, WAIT);
            ObjectNode json = GPJson.job(done, false);
            assertThat(json.has("messages")).isFalse();
            assertThat(json.get("jobStatus").asText()).isEqualTo("esriJobSucceeded");
            // The schema requires messages, so returnMessages=false documents are checked without that rule.
            assertThat(JobJsonSchema.violations(json)).hasSize(1).allSatisfy(v ->
                    assertThat(v.getMessage()).contains("messages"));
        }
    }

    @Test
    void progressIsLiveForReadersButPersistedAtMostOncePerInterval() throws Exception {
        ManualClock clock = new ManualClock();
        ObservedStore store = new ObservedStore();
        CountDownLatch stepped = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        io.gpjobs.spi.Task stepper = TestTasks.task("Stepper", ctx -> {
            ctx.progressor().setStep("Counting", 0, 200, 1);
            for (int i = 0; i < 50; i++) {
                ctx.progressor().step();
            }
            ctx.info("halfway");
            stepped.countDown();
            try {
                finish.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RecordingListener events = new RecordingListener();
        GPService svc = GPService.builder("Progress").progressMessageUpdateInterval(Duration.ofSeconds(5))
                .task(stepper).build();
        try (GPEngine engine = GPEngine.builder().service(svc).clock(clock).jobStore(store).listener(events).build()) {
            String id = engine.anonymous().submitJob("Progress", "Stepper", Map.of("text", "a")).jobId();
            assertThat(stepped.await(20, TimeUnit.SECONDS)).isTrue();
            // Readers see the live state at once ...
            JobInfo live = engine.anonymous().job(id);
            assertThat(live.progress()).isEqualTo(new JobProgress(JobProgress.Type.STEP, "Counting", 25));
            assertThat(live.messages()).extracting(JobMessage::description).contains("halfway");
            ObjectNode json = JobJsonSchema.render(live);
            assertThat(json.get("progress").get("percent").asInt()).isEqualTo(25);
            assertThat(events.progress).hasSize(51);
            // ... while the store still has the progress of the claim: the interval has not passed.
            JobRecord stored = store.read(id).orElseThrow();
            assertThat(stored.progress()).isEqualTo(JobProgress.EXECUTING);
            long writesBefore = store.log(id).size();

            clock.advance(Duration.ofSeconds(5));
            Await.until("progress is persisted", () -> new JobProgress(JobProgress.Type.STEP, "Counting", 25)
                    .equals(store.read(id).orElseThrow().progress()));
            assertThat(store.read(id).orElseThrow().messages()).extracting(JobMessage::description).contains("halfway");
            assertThat(store.log(id).size()).isEqualTo(writesBefore + 1);
            finish.countDown();
            JobInfo done = engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(done.progress()).isNull();
            assertThat(JobJsonSchema.render(done).has("progress")).isFalse();
        }
    }

    @Test
    void aTaskWithoutProgressorShowsTheDefaultOne() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        GPService svc = GPService.builder("DefaultProgress").task(TestTasks.cooperative("Gated", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String id = engine.anonymous().submitJob("DefaultProgress", "Gated", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            ObjectNode json = JobJsonSchema.render(engine.anonymous().job(id));
            assertThat(json.get("progress").toString()).isEqualTo("{\"type\":\"default\",\"message\":\"Executing...\"}");
            gate.open();
            engine.anonymous().awaitCompletion(id, WAIT);
        }
    }
}
