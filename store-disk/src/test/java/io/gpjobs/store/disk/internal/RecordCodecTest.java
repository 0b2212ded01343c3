package io.gpjobs.store.disk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.testkit.ContractRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code record.json} as written: indented JSON a person can read, every field, and read back equal. */
class RecordCodecTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Test
    void aRecordWithEveryFieldIsWrittenAsIndentedJsonAndReadBackEqual() throws Exception {
        JobRecord full = new JobRecord(ContractRecords.newJobId(), "Svc", "Task", JobStatus.EXECUTING, 7, T,
                T.plusSeconds(1), null, T.plusSeconds(2), "alice", "node-1", T.plusSeconds(30), true,
                List.of(JobMessage.info("a \"quoted\" line\nand ünïcode"), JobMessage.error("failed")),
                new JobProgress(JobProgress.Type.STEP, "half", 50), 3);
        byte[] bytes = RecordCodec.writeRecord(full);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"format\" : 1,\n  \"jobId\" : \"" + full.jobId() + "\",").endsWith("}\n");
        assertThat(RecordCodec.readRecord(bytes)).isEqualTo(full);
        JsonNode n = new ObjectMapper().readTree(bytes);
        assertThat(n.path("status").asText()).isEqualTo("esriJobExecuting");
        assertThat(n.path("submitted").asText()).isEqualTo("2026-01-02T03:04:05.123456Z");
        assertThat(n.path("ended").isNull()).isTrue();
        assertThat(n.path("attempt").asInt()).isEqualTo(3);
        assertThat(n.path("progress").path("percent").asInt()).isEqualTo(50);
        assertThat(n.path("messages").get(0).path("type").asText()).isEqualTo("esriJobMessageTypeInformative");
    }

    @Test
    void aRecordWithoutOptionalFieldsIsReadBackEqual() throws Exception {
        JobRecord bare = new JobRecord(ContractRecords.newJobId(), "Svc", "Task", JobStatus.SUBMITTED, 1, T, null,
                null, T, null, null, null, false, List.of(), null);
        byte[] bytes = RecordCodec.writeRecord(bare);
        assertThat(RecordCodec.readRecord(bytes)).isEqualTo(bare);
        JsonNode n = new ObjectMapper().readTree(bytes);
        assertThat(n.path("progress").isNull()).isTrue();
        assertThat(n.path("owner").isNull()).isTrue();
        assertThat(n.path("messages").size()).isZero();
    }
}
