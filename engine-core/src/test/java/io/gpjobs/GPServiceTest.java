package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building a service in code and from the admin service JSON. */
class GPServiceTest {

    /** The service JSON of the cloud-store seed document (its elided parts left out). */
    static final String SEED_000_SERVICE = """
            {
             "serviceName": "myGPService1",
             "type": "GPServer",
             "properties": {
              "resultMapServer": "false",
              "maximumRecords": "1000",
              "virtualOutputDir": "/rest/directories/arcgisoutput",
              "jobsDirectory": "/cloudStores/azureblob",
              "portalURL": "https://domain/webadaptor/"
             },
             "frameworkProperties": {},
             "datasets": []
            }""";

    @Test
    void defaultsAreTheArcGisOnes() {
        GPService s = GPService.builder("Defaults").task(TestTasks.echo()).build();
        assertThat(s.executionType()).isEqualTo(GPService.ExecutionType.ASYNCHRONOUS);
        assertThat(s.maxUsageTime()).isEqualTo(Duration.ofSeconds(600));
        assertThat(s.maxWaitTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxInstances()).isEqualTo(2);
        assertThat(s.maximumRecords()).isEqualTo(1000);
        assertThat(s.maxFileAge()).isEqualTo(Duration.ofMinutes(360));
        assertThat(s.progressMessageUpdateInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.cancellationCheckInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.showMessages()).isEqualTo(GPService.MessageLevel.INFO);
        assertThat(s.jobsDirectory()).isNull();
        assertThat(s.resultMapServer()).isFalse();
    }

    @Test
    void readsTheSeedServiceJson() {
        GPService s = GPService.fromJson(SEED_000_SERVICE, List.of(TestTasks.echo()));
        assertThat(s.name()).isEqualTo("myGPService1");
        assertThat(s.jobsDirectory()).isEqualTo("/cloudStores/azureblob");
        assertThat(s.maximumRecords()).isEqualTo(1000);
        assertThat(s.resultMapServer()).isFalse();
        assertThat(s.taskNames()).containsExactly("Echo");
    }

    @Test
    void readsEveryPropertyIncludingStringTypedOnes() {
        String json = """
                {"serviceName":"Full","type":"GPServer","description":"d","maxUsageTime":"1200","maxWaitTime":30,
                 "maxInstancesPerNode":4,
                 "properties":{"executionType":"Synchronous","showMessages":"Warning","maximumRecords":500,
                  "jobsDirectory":"/tmp/jobs","resultMapServer":"true","progressMessageUpdateInterval":"60",
                  "cancellationCheckInterval":1,"maxFileAge":"120","maxQueueSize":"7","toolbox":"x.tbx",
                  "somethingNew":{"a":1}}}""";
        GPService s = GPService.fromJson(json, List.of(TestTasks.echo(), TestTasks.failing()));
        assertThat(s.description()).isEqualTo("d");
        assertThat(s.maxUsageTime()).isEqualTo(Duration.ofSeconds(1200));
        assertThat(s.maxWaitTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxInstances()).isEqualTo(4);
        assertThat(s.executionType()).isEqualTo(GPService.ExecutionType.SYNCHRONOUS);
        assertThat(s.showMessages()).isEqualTo(GPService.MessageLevel.WARNING);
        assertThat(s.maximumRecords()).isEqualTo(500);
        assertThat(s.jobsDirectory()).isEqualTo("/tmp/jobs");
        assertThat(s.resultMapServer()).isTrue();
        assertThat(s.progressMessageUpdateInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.cancellationCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.maxFileAge()).isEqualTo(Duration.ofMinutes(120));
        assertThat(s.maxQueueSize()).isEqualTo(7);
        assertThat(s.taskNames()).containsExactly("Echo", "Fail");
    }

    @Test
    void badValuesNameThePropertyAndTheValue() {
        assertBad("{\"serviceName\":\"S\",\"properties\":{\"maximumRecords\":\"lots\"}}", "maximumRecords", "lots");
        assertBad("{\"serviceName\":\"S\",\"properties\":{\"resultMapServer\":\"maybe\"}}", "resultMapServer", "maybe");
        assertBad("{\"serviceName\":\"S\",\"properties\":{\"executionType\":\"Later\"}}", "executionType", "Later");
        assertBad("{\"serviceName\":\"S\",\"properties\":{\"showMessages\":\"All\"}}", "showMessages", "All");
        assertBad("{\"serviceName\":\"S\",\"properties\":{\"progressMessageUpdateInterval\":2}}",
                "progressMessageUpdateInterval", "2");
        assertBad("{\"serviceName\":\"S\",\"properties\":{\"cancellationCheckInterval\":\"0\"}}",
                "cancellationCheckInterval", "0");
        assertBad("{\"serviceName\":\"S\",\"maxUsageTime\":-5}", "maxUsageTime", "-5");
        assertBad("{\"serviceName\":\"S\",\"type\":\"MapServer\"}", "type", "MapServer");
        assertBad("{\"properties\":{}}", "serviceName", "null");
        assertBad("{\"serviceName\":\"S\"", "not valid JSON", "");
    }

    private static void assertBad(String json, String property, String value) {
        assertThatThrownBy(() -> GPService.fromJson(json, List.of(TestTasks.echo())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(property).hasMessageContaining(value);
    }

    @Test
    void twoTasksWithOneNameFailAtBuildTime() {
        assertThatThrownBy(() -> GPService.builder("Dup").task(TestTasks.echo()).task(TestTasks.echo()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two tasks named 'Echo'");
        assertThatThrownBy(() -> GPService.builder("Empty").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no task");
        assertThatThrownBy(() -> GPService.builder("bad name").task(TestTasks.echo()).build())
                .hasMessageContaining("bad name");
        assertThatThrownBy(() -> GPService.builder("S").maxInstances(0)).hasMessageContaining("maxInstances");
        assertThatThrownBy(() -> GPService.builder("S").maxUsageTime(Duration.ZERO)).hasMessageContaining("maxUsageTime");
    }

    @Test
    void serviceAndTaskJsonHaveTheContractFields() {
        GPService s = GPService.builder("Described").description("about").task(TestTasks.echo()).build();
        try (GPEngine engine = GPEngine.builder().service(s).build()) {
            ObjectNode svc = engine.serviceJson("Described");
            assertThat(svc.get("tasks").toString()).isEqualTo("[\"Echo\"]");
            assertThat(svc.get("executionType").asText()).isEqualTo("esriExecutionTypeAsynchronous");
            assertThat(svc.get("maximumRecords").asInt()).isEqualTo(1000);
            assertThat(svc.get("resultMapServerName").asText()).isEmpty();
            assertThat(svc.get("serviceDescription").asText()).isEqualTo("about");
            ObjectNode task = engine.taskJson("Described", "Echo");
            assertThat(task.get("name").asText()).isEqualTo("Echo");
            assertThat(task.get("parameters")).hasSize(3);
            ObjectNode times = (ObjectNode) task.get("parameters").get(1);
            assertThat(times.get("dataType").asText()).isEqualTo("GPLong");
            assertThat(times.get("direction").asText()).isEqualTo("esriGPParameterDirectionInput");
            assertThat(times.get("parameterType").asText()).isEqualTo("esriGPParameterTypeOptional");
            assertThat(times.get("defaultValue").asLong()).isEqualTo(1);
            assertThat(task.get("parameters").get(2).get("parameterType").asText()).isEqualTo("esriGPParameterTypeDerived");
            assertThatThrownBy(() -> engine.taskJson("Described", "Nope")).isInstanceOfSatisfying(GPException.class,
                    e -> assertThat(e.code()).isEqualTo(404));
        }
    }

    @Test
    void eachPropertyIsSetOnceAndTheSecondCallNamesTheFirstValue() {
        GPService.Builder b = GPService.builder("Once").maxInstances(3).maxUsageTime(Duration.ofSeconds(30));
        assertThatThrownBy(() -> b.maxInstances(4)).isInstanceOf(IllegalStateException.class)
                .hasMessage("service 'Once': maxInstances was already set to 3");
        assertThatThrownBy(() -> b.maxUsageTime(Duration.ofSeconds(31))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PT30S");
        GPService s = b.task(TestTasks.echo()).build();
        assertThat(s.maxInstances()).isEqualTo(3);
        // The admin JSON is read through the same builder: its values are checked in one place.
        assertThatThrownBy(() -> GPService.fromJson("{\"serviceName\":\"S\",\"maxInstancesPerNode\":0}",
                List.of(TestTasks.echo()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInstancesPerNode");
    }
}
