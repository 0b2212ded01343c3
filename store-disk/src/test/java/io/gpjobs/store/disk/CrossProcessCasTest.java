package io.gpjobs.store.disk;

import static io.gpjobs.testkit.ContractRecords.T0;
import static io.gpjobs.testkit.ContractRecords.newJobId;
import static io.gpjobs.testkit.ContractRecords.newRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two other processes and this one update one record at once: the file locks make no update get lost. */
class CrossProcessCasTest {

    @TempDir
    Path dir;

    @Test
    void threeProcessesIncrementingOneRecordLoseNoUpdate() throws Exception {
        int each = 150;
        String id = newJobId();
        try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
            store.create(newRecord(id, "svc", T0, null), Map.of());
            try (ChildJvm a = ChildJvm.start(CasIncrementer.class, dir.toString(), id, "" + each, "a");
                 ChildJvm b = ChildJvm.start(CasIncrementer.class, dir.toString(), id, "" + each, "b")) {
                a.awaitLine("ready", Duration.ofSeconds(60));
                b.awaitLine("ready", Duration.ofSeconds(60));
                assertThat(CasIncrementer.increment(store, id, each, "parent")).isEqualTo(each);
                assertThat(a.awaitLine("done", Duration.ofSeconds(120))).isEqualTo("done " + each);
                assertThat(b.awaitLine("done", Duration.ofSeconds(120))).isEqualTo("done " + each);
                assertThat(a.awaitExit(Duration.ofSeconds(30))).isZero();
                assertThat(b.awaitExit(Duration.ofSeconds(30))).isZero();
            }
            JobRecord last = store.read(id).orElseThrow();
            assertThat(last.version()).isEqualTo(1 + 3L * each);
            assertThat(last.messages()).hasSize(3 * each).doesNotHaveDuplicates();
            assertThat(last.messages().stream().map(JobMessage::description).filter(d -> d.startsWith("a-")))
                    .hasSize(each);
        }
    }
}
