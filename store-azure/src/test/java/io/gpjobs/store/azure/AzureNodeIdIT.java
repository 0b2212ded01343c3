package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.value.GPString;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two live engines with one node id on one Azure store are detected: the second refuses to start with a message
 * naming the id; the id is free again once its holder closed, or once the lease of a holder that stopped renewing
 * (a dead process) ran out on the storage service's clock; a live engine's renewals keep it held past its lease.
 */
class AzureNodeIdIT {

    static final String SERVICE = "nodeIds";
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> open = new ArrayList<>();
    private AzureJobStoreConfig config;

    @BeforeEach
    void site() {
        config = Azurite.config().build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    /** An engine with its own store on the site's table, as a node in another process has. */
    private GPEngine engine(String node) {
        JobStore store = new AzureJobStoreProvider().open(config);
        open.add(0, store);
        GPEngine e;
        try {
            e = GPEngine.builder().nodeId(node).leaseDuration(LEASE).jobStore(store)
                    .service(GPService.builder(SERVICE).task(EngineTestTasks.echo()).build()).build();
        } catch (RuntimeException refused) {
            store.close();
            open.remove(store);
            throw refused;
        }
        open.add(0, e);
        return e;
    }

    private GPEngine engineOrNull(String node) {
        try {
            return engine(node);
        } catch (IllegalStateException refused) {
            return null;
        }
    }

    private TableEntity nodeEntity(String node) {
        TableClient t = new TableClientBuilder().connectionString(Azurite.connectionString())
                .tableName(config.table()).buildClient();
        return t.getEntity("~nodes", node);
    }

    @Test
    void aSecondEngineWithALiveNodeIdIsRefusedAndTheIdIsFreeAgainOnceTheFirstCloses() throws Exception {
        GPEngine first = engine("twin");
        String jobId = first.anonymous().submitJob(SERVICE, "Echo", Map.of("text", "kept")).jobId();

        assertThatThrownBy(() -> engine("twin")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node id 'twin' is held by a live engine")
                .hasMessageContaining(config.table());
        GPEngine other = engine("other");
        assertThat(other.nodeId()).isEqualTo("other");
        JobInfo done = first.anonymous().awaitCompletion(jobId, WAIT);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);

        first.close();
        GPEngine again = engine("twin");
        assertThat(again.nodeId()).isEqualTo("twin");
        // the new holder's start did not disturb the first one's finished job
        assertThat(again.anonymous().job(jobId).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(again.anonymous().result(jobId, "result").value()).isEqualTo(new GPString("KEPT"));
        // node entities are no jobs
        assertThat(again.jobs(JobQuery.all()).jobs()).extracting(JobInfo::jobId).containsExactly(jobId);
    }

    @Test
    void aLiveEngineKeepsItsNodeIdPastItsLeaseByRenewingIt() throws Exception {
        engine("steady");
        OffsetDateTime claimed = nodeEntity("steady").getTimestamp();
        // renewed (a write after more than a lease) ...
        Await.until(WAIT, "a renewal of the node entity more than a lease after its claim",
                () -> nodeEntity("steady").getTimestamp(),
                t -> t.isAfter(claimed.plus(LEASE).plusSeconds(1)));
        // ... so the id is still held although the first lease ran out long ago
        assertThatThrownBy(() -> engine("steady")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node id 'steady' is held by a live engine");
    }

    @Test
    void theNodeIdOfAHolderThatStoppedRenewingIsFreeOnceItsLeaseRanOut() throws Exception {
        // a holder that died: it registered and will never renew nor release
        JobStore dead = new AzureJobStoreProvider().open(config);
        open.add(dead);
        JobStore.NodeRegistration held = dead.registerNode("phoenix", LEASE);
        assertThat(held).isNotNull();

        assertThatThrownBy(() -> engine("phoenix")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node id 'phoenix' is held by a live engine");
        GPEngine next = Await.until(WAIT, "the dead holder's lease to run out", () -> engineOrNull("phoenix"),
                e -> e != null);
        assertThat(next.nodeId()).isEqualTo("phoenix");
        JobInfo j = next.anonymous().awaitCompletion(
                next.anonymous().submitJob(SERVICE, "Echo", Map.of("text", "risen")).jobId(), WAIT);
        assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
        // the dead holder's late renewal finds the id taken and does not take it back
        held.renew();
        assertThatThrownBy(() -> engine("phoenix")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRenewalThatFindsItsNodeEntityGoneInsertsItAgain() throws Exception {
        engine("restored");
        TableClient t = new TableClientBuilder().connectionString(Azurite.connectionString())
                .tableName(config.table()).buildClient();
        t.deleteEntity("~nodes", "restored");
        Await.until(WAIT, "the next renewal to insert the node entity again", () -> {
            try {
                return nodeEntity("restored");
            } catch (com.azure.data.tables.models.TableServiceException gone) {
                return null;
            }
        }, e -> e != null);
        assertThatThrownBy(() -> engine("restored")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node id 'restored' is held by a live engine");
    }
}
