package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.GPEngine;
import io.gpjobs.spi.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two live engines with one node id on one jobs directory are detected: the second refuses to start, with a message
 * naming the id and the holder, in the same process as in another; the id is free again once its holder closed or
 * died (a {@code kill -9} included).
 */
class NodeIdTest {

    @TempDir
    Path dir;

    private GPEngine engine(String node) {
        return GPEngine.builder().service(EngineFixture.service(dir)).nodeId(node).build();
    }

    @Test
    void aSecondEngineWithTheSameNodeIdInThisProcessRefusesToStart() throws Exception {
        try (GPEngine first = engine("twin")) {
            String id = first.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "2")).jobId();
            assertThatThrownBy(() -> engine("twin")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("node id 'twin' is already used by a live engine in this process")
                    .hasMessageContaining(dir.toString());
            try (GPEngine other = engine("other")) {
                assertThat(other.nodeId()).isEqualTo("other");
            }
            assertThat(first.anonymous().awaitCompletion(id, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
        try (GPEngine again = engine("twin")) {
            assertThat(again.nodeId()).isEqualTo("twin");
        }
    }

    @Test
    void anEngineWithTheNodeIdOfALiveEngineInAnotherProcessRefusesToStartUntilThatProcessDies() throws Exception {
        try (ChildJvm child = ChildJvm.start(SharingEngine.class, dir.toString(), "twin", "0")) {
            child.awaitLine("ready", Duration.ofSeconds(60));
            assertThatThrownBy(() -> engine("twin")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("node id 'twin' is already used by a live engine in process " + child.pid());
            child.kill();
        }
        try (GPEngine after = engine("twin")) {
            String id = after.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "3")).jobId();
            assertThat(after.anonymous().awaitCompletion(id, Duration.ofSeconds(60)).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }
}
