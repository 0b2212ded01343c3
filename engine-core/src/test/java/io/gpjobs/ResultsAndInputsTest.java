package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Results are stored before Succeeded; bad inputs store nothing; result and input resources. */
class ResultsAndInputsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void resultsArePersistedBeforeTheSucceededWrite() {
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Order").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            for (int i = 0; i < 50; i++) {
                String id = engine.anonymous().submitJob("Order", "Echo", Map.of("text", "t" + i)).jobId();
                assertThat(engine.anonymous().awaitCompletion(id, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
                List<String> writes = store.log(id);
                // One create (record and inputs together, stored Submitted), the claim, the results, the end.
                assertThat(writes).containsExactly("create:esriJobSubmitted", "update:esriJobExecuting", "putResults",
                        "update:esriJobSucceeded");
            }
        }
    }

    @Test
    void aTaskThatLeavesAnOutputUnsetFailsInsteadOfSucceedingWithoutIt() {
        Task lazy = new Task() {
            @Override
            public TaskDefinition definition() {
                return TestTasks.definition("Lazy");
            }

            @Override
            public void execute(TaskContext ctx) {
                ctx.info("forgot the output");
            }
        };
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Lazy").task(lazy).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            String id = engine.anonymous().submitJob("Lazy", "Lazy", Map.of("text", "a")).jobId();
            JobInfo end = engine.anonymous().awaitCompletion(id, WAIT);
            assertThat(end.status()).isEqualTo(JobStatus.FAILED);
            assertThat(end.messages()).extracting(m -> m.description())
                    .contains("task 'Lazy' did not set output 'result'");
            assertThat(store.log(id)).doesNotContain("putResults");
            JobJsonSchema.render(end);
        }
    }

    @Test
    void badInputsAreRefusedWithEveryProblemNamedAndNothingIsStored() {
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Bad").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            assertThatThrownBy(() -> engine.anonymous().submitJob("Bad", "Echo", Map.of("times", "many", "colour", "red")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.code()).isEqualTo(400);
                        assertThat(String.join("\n", e.details())).contains("text").contains("times")
                                .contains("many").contains("colour");
                        ObjectNode envelope = GPJson.error(e);
                        assertThat(envelope.get("error").get("code").asInt()).isEqualTo(400);
                        assertThat(envelope.get("error").get("message").asText())
                                .isEqualTo("Invalid or missing input parameters.");
                        assertThat(envelope.get("error").get("details")).hasSize(3);
                    });
            assertThatThrownBy(() -> engine.anonymous().submitJob("Bad", "Nope", Map.of("text", "a")))
                    .isInstanceOfSatisfying(GPException.class, e -> assertThat(e.code()).isEqualTo(404));
            assertThatThrownBy(() -> engine.anonymous().submitJob("Nope", "Echo", Map.of("text", "a")))
                    .isInstanceOfSatisfying(GPException.class, e -> assertThat(e.code()).isEqualTo(404));
            assertThatThrownBy(() -> engine.anonymous().execute("Bad", "Echo", Map.of("text", "a")))
                    .isInstanceOfSatisfying(GPException.class, e -> assertThat(e.code()).isEqualTo(400));
            assertThat(store.query(JobQuery.all()).total()).isZero();
            assertThat(store.log).isEmpty();
        }
    }

    @Test
    void malformedJobIdsAreRefusedBeforeAnyStoreIsTouched() {
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Ids").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            for (String bad : new String[] {null, "", "../../etc/passwd", "J0123456789ABCDEF0123456789ABCDEF",
                    "j0123456789abcdef0123456789abcde", "j0123456789abcdef0123456789abcdef/.."}) {
                assertThatThrownBy(() -> engine.anonymous().job(bad)).isInstanceOf(InvalidInputException.class);
                assertThatThrownBy(() -> engine.anonymous().cancel(bad)).isInstanceOf(InvalidInputException.class);
                assertThatThrownBy(() -> engine.anonymous().delete(bad)).isInstanceOf(InvalidInputException.class);
                assertThatThrownBy(() -> engine.anonymous().results(bad)).isInstanceOf(InvalidInputException.class);
                assertThatThrownBy(() -> engine.anonymous().input(bad, "text")).isInstanceOf(InvalidInputException.class);
                assertThatThrownBy(() -> engine.anonymous().awaitCompletion(bad, WAIT)).isInstanceOf(InvalidInputException.class);
            }
            assertThatThrownBy(() -> engine.anonymous().job("j0123456789abcdef0123456789abcdef"))
                    .isInstanceOfSatisfying(JobNotFoundException.class, e -> assertThat(e.code()).isEqualTo(404));
        }
    }

    @Test
    void resultAndInputResourcesHaveTheContractShape() {
        GPService svc = GPService.builder("Shapes").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String id = engine.anonymous().submitJob("Shapes", "Echo", Map.of("text", "ab", "times", new GPLong(2))).jobId();
            JobInfo done = engine.anonymous().awaitCompletion(id, WAIT);
            ObjectNode job = JobJsonSchema.render(done);
            assertThat(job.get("inputs").get("times").get("paramUrl").asText()).isEqualTo("inputs/times");
            assertThat(GPJson.toJson(GPJson.parameter(engine.anonymous().result(id, "result"))))
                    .isEqualTo("{\"paramName\":\"result\",\"dataType\":\"GPString\",\"value\":\"abab\"}");
            assertThat(GPJson.toJson(GPJson.parameters(engine.anonymous().inputs(id))))
                    .isEqualTo("[{\"paramName\":\"text\",\"dataType\":\"GPString\",\"value\":\"ab\"},"
                            + "{\"paramName\":\"times\",\"dataType\":\"GPLong\",\"value\":2}]");
            assertThat(engine.anonymous().input(id, "text").value()).isEqualTo(new GPString("ab"));
            assertThatThrownBy(() -> engine.anonymous().result(id, "missing")).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.details()).singleElement().asString().contains("missing"));
        }
    }

    @Test
    void defaultsAreAppliedAndStoredAsInputs() {
        GPService svc = GPService.builder("Defaults").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            String id = engine.anonymous().submitJob("Defaults", "Echo", Map.of("text", "z")).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, WAIT).inputNames()).containsExactly("text", "times");
            assertThat(engine.anonymous().input(id, "times").value()).isEqualTo(new GPLong(1));
            assertThat(engine.anonymous().result(id, "result").value()).isEqualTo(new GPString("z"));
        }
    }

    @Test
    void synchronousExecuteReturnsResultsOrAnErrorWithTheJobsErrors() {
        GPService svc = GPService.builder("Sync").executionType(GPService.ExecutionType.SYNCHRONOUS)
                .task(TestTasks.echo()).task(TestTasks.failing()).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            ExecuteResult r = engine.anonymous().execute("Sync", "Echo", Map.of("text", "hi", "times", "2"));
            assertThat(r.results()).singleElement().satisfies(v -> {
                assertThat(v.paramName()).isEqualTo("result");
                assertThat(v.value()).isEqualTo(new GPString("hihi"));
            });
            ObjectNode json = GPJson.execute(r);
            assertThat(json.get("results").get(0).get("value").asText()).isEqualTo("hihi");
            assertThat(json.get("messages").toString()).contains("echoing");
            assertThatThrownBy(() -> engine.anonymous().execute("Sync", "Fail", Map.of("text", "bad")))
                    .isInstanceOfSatisfying(GPException.class, e -> {
                        assertThat(e.code()).isEqualTo(500);
                        assertThat(e.details()).contains("Failed.").anySatisfy(d -> assertThat(d)
                                .startsWith("task 'Fail' failed unexpectedly in job ")
                                .endsWith("(IllegalStateException): boom: bad"));
                    });
            assertThatThrownBy(() -> engine.anonymous().submitJob("Sync", "Echo", Map.of("text", "a")))
                    .isInstanceOfSatisfying(GPException.class, e -> assertThat(e.code()).isEqualTo(400));
        }
    }

    @Test
    void aFullQueueRejectsClearlyAndStoresNothing() throws Exception {
        TestTasks.Gate gate = new TestTasks.Gate();
        ObservedStore store = new ObservedStore();
        GPService svc = GPService.builder("Full").maxInstances(1).maxQueueSize(1)
                .task(TestTasks.cooperative("Gated", gate)).build();
        try (GPEngine engine = GPEngine.builder().service(svc).jobStore(store).build()) {
            String running = engine.anonymous().submitJob("Full", "Gated", Map.of("text", "a")).jobId();
            gate.awaitEntered();
            String queued = engine.anonymous().submitJob("Full", "Gated", Map.of("text", "b")).jobId();
            assertThatThrownBy(() -> engine.anonymous().submitJob("Full", "Gated", Map.of("text", "c")))
                    .isInstanceOfSatisfying(GPException.class, e -> {
                        assertThat(e.code()).isEqualTo(503);
                        assertThat(e.details()).singleElement().asString().contains("Full").contains("maxQueueSize");
                    });
            assertThat(store.query(JobQuery.all()).total()).isEqualTo(2);
            // Cancelling the queued job frees its place.
            engine.anonymous().cancel(queued);
            String third = engine.anonymous().submitJob("Full", "Gated", Map.of("text", "c")).jobId();
            gate.open();
            assertThat(engine.anonymous().awaitCompletion(running, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(engine.anonymous().awaitCompletion(third, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }
}
