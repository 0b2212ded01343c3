package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders job JSON for tests and validates every rendering against the job resource schema of the contract
 * (a copy in the test resources).
 */
final class JobJsonSchema {
    private static final JsonSchema SCHEMA = load();
    /** How many job JSON documents the suite validated (a sanity check that validation runs). */
    static final AtomicInteger VALIDATED = new AtomicInteger();

    private JobJsonSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = JobJsonSchema.class.getResourceAsStream("/job-resource.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("job-resource.schema.json is not on the test class path");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of {@code json} against the schema (empty when valid). */
    static Set<ValidationMessage> violations(JsonNode json) {
        return SCHEMA.validate(json);
    }

    /** Asserts {@code json} is a valid job resource and returns it. */
    static ObjectNode valid(ObjectNode json) {
        assertThat(violations(json)).as("schema violations of %s", json).isEmpty();
        VALIDATED.incrementAndGet();
        return json;
    }

    /** The job resource JSON of {@code job}, validated. */
    static ObjectNode render(JobInfo job) {
        return valid(GPJson.job(job, true));
    }

    /** The job resource JSON of {@code job} with returnMessages as given, validated. */
    static ObjectNode render(JobInfo job, boolean returnMessages) {
        return valid(GPJson.job(job, returnMessages));
    }
}
