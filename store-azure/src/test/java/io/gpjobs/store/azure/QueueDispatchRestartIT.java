package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.GPCaller;
import io.gpjobs.GPException;
import io.gpjobs.spi.JobStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault test of queue dispatch: the emulator (disk mode, its own instance) is stopped and restarted while a web
 * node and a worker node run jobs through the queue. Every job accepted before and after the outage succeeds, the
 * job that finished during it included (its end is kept and written once the storage is back, and the worker's
 * own redelivered message does not make it look lost); submissions during the outage are refused.
 */
class QueueDispatchRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void noAcceptedJobIsLostWhenTheEmulatorRestartsMidRun() throws Exception {
        try (AzuriteProcess azurite = new AzuriteProcess(dir.resolve("azurite"))) {
            azurite.start();
            AzureJobStoreConfig config = AzureJobStoreConfig.builder().connectionString(azurite.connectionString())
                    .container("restartjobs").table("restartjobs").jobsStoreQueue("restart-jobs").build();
            try (QueueSite site = new QueueSite(config)) {
                GPCaller web = site.node("web", false, Clock.systemUTC(), QueueSite.ran()).anonymous();
                Set<String> ran = QueueSite.ran();
                site.node("worker", true, Clock.systemUTC(), ran);
                List<String> accepted = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    accepted.add(web.submitJob(QueueSite.SERVICE, "Echo", Map.of("text", "b" + i)).jobId());
                }
                String held = web.submitJob(QueueSite.SERVICE, "Gated", Map.of("text", "r1")).jobId();
                accepted.add(held);
                site.gates.awaitEntered("r1");

                azurite.stop();
                assertThatThrownBy(() -> web.submitJob(QueueSite.SERVICE, "Echo", Map.of("text", "during")))
                        .isInstanceOf(GPException.class);
                site.gates.release("r1"); // its end cannot be written now: the worker keeps it
                site.gates.awaitReturned("r1");
                azurite.start();

                for (int i = 0; i < 5; i++) {
                    accepted.add(web.submitJob(QueueSite.SERVICE, "Echo", Map.of("text", "a" + i)).jobId());
                }
                for (String id : accepted) {
                    assertThat(web.awaitCompletion(id, WAIT).status()).as(id).isEqualTo(JobStatus.SUCCEEDED);
                }
                assertThat(ran).containsExactlyInAnyOrderElementsOf(accepted);
                assertThat(web.result(held, "result").value().toString()).contains("R1");
            }
        }
    }
}
