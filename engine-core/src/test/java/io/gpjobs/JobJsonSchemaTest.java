package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The schema check itself catches wrong shapes (so the validations elsewhere mean something). */
class JobJsonSchemaTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void rejectsUnknownStatusMissingMessagesAndBadParamUrl() throws Exception {
        assertThat(JobJsonSchema.violations(mapper.readTree(
                "{\"jobId\":\"j1\",\"jobStatus\":\"esriJobDone\",\"messages\":[]}"))).isNotEmpty();
        assertThat(JobJsonSchema.violations(mapper.readTree(
                "{\"jobId\":\"j1\",\"jobStatus\":\"esriJobSucceeded\"}"))).isNotEmpty();
        assertThat(JobJsonSchema.violations(mapper.readTree(
                "{\"jobId\":\"j1\",\"jobStatus\":\"esriJobSucceeded\",\"messages\":[],"
                        + "\"results\":{\"a\":{\"paramUrl\":\"inputs/a\"}}}"))).isNotEmpty();
        assertThat(JobJsonSchema.violations(mapper.readTree(
                "{\"jobId\":\"j1\",\"jobStatus\":\"esriJobExecuting\",\"messages\":[],"
                        + "\"progress\":{\"type\":\"step\",\"message\":\"x\",\"percent\":101}}"))).isNotEmpty();
    }

    @Test
    void acceptsTheContractExample() throws Exception {
        ObjectNode example = (ObjectNode) mapper.readTree(
                "{\"jobId\":\"jfae883d52a074359a0bac3d5b353fe16\",\"jobStatus\":\"esriJobSucceeded\","
                        + "\"results\":{\"Output_Long\":{\"paramUrl\":\"results/Output_Long\"}},"
                        + "\"inputs\":{\"Input_String\":{\"paramUrl\":\"inputs/Input_String\"}},"
                        + "\"messages\":[{\"type\":\"esriJobMessageTypeInformative\",\"description\":\"x\"}]}");
        assertThat(JobJsonSchema.violations(example)).isEmpty();
    }
}
