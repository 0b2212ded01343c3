package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.JobStoreProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration from the seed's cloud-store data item, the builder's checks, and the provider's discovery. */
class AzureJobStoreConfigTest {

    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String FULL = "DefaultEndpointsProtocol=https;AccountName=mystorageaccount;AccountKey=" + KEY
            + ";EndpointSuffix=core.windows.net";

    /** The data item of seed 000, with a well-formed connection string in place of the seed's placeholder. */
    static String seedDataItem(String connectionString) {
        return """
                {
                  "path": "/cloudStores/azureblob",
                  "type": "cloudStore",
                  "id": "31245-abcde",
                  "provider": "azure",
                  "info": {
                    "isManaged": false,
                    "connectionString": "%s",
                    "objectStore": "myblob",
                    "tableStore": "mytable"
                  }
                }""".formatted(connectionString);
    }

    @Test
    void readsTheSeedDataItem() {
        AzureJobStoreConfig c = AzureJobStoreConfig.fromCloudStoreJson(seedDataItem(FULL));
        assertThat(c.name()).isEqualTo("azureblob");
        assertThat(c.container()).isEqualTo("myblob");
        assertThat(c.table()).isEqualTo("mytable");
        assertThat(c.connectionString()).isEqualTo(FULL);
        assertThat(c.createIfMissing()).isTrue();
    }

    @Test
    void acceptsTheDevelopmentStorageShortcut() {
        AzureJobStoreConfig c = AzureJobStoreConfig.fromCloudStoreJson(seedDataItem("UseDevelopmentStorage=true"));
        assertThat(c.toString()).contains("development storage");
    }

    @Test
    void theSeedsPlaceholderConnectionStringIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> AzureJobStoreConfig.fromCloudStoreJson(seedDataItem("abc/def/ghi/jkl/lmn/opq")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectionString")
                .hasMessageNotContaining("abc/def");
        assertThatThrownBy(() -> AzureJobStoreConfig.builder().connectionString("AccountKey=" + KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectionString")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void toStringNeverShowsTheKey() {
        AzureJobStoreConfig c = AzureJobStoreConfig.fromCloudStoreJson(seedDataItem(FULL));
        assertThat(c.toString()).contains("mystorageaccount", "myblob", "mytable").doesNotContain(KEY);
    }

    @Test
    void dataItemErrorsNameTheKey() {
        assertThatThrownBy(() -> AzureJobStoreConfig.fromCloudStoreJson(seedDataItem(FULL).replace("\"azure\"", "\"amazon\"")))
                .hasMessageContaining("'provider'").hasMessageContaining("amazon");
        assertThatThrownBy(() -> AzureJobStoreConfig.fromCloudStoreJson(seedDataItem(FULL).replace("/cloudStores/", "/stores/")))
                .hasMessageContaining("'path'");
        assertThatThrownBy(() -> AzureJobStoreConfig.fromCloudStoreJson(
                seedDataItem(FULL).replace("\"tableStore\": \"mytable\"", "\"other\": 1")))
                .hasMessageContaining("'tableStore'");
        assertThatThrownBy(() -> AzureJobStoreConfig.fromCloudStoreJson("{not json"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AzureJobStoreConfig.fromSettings(Map.of("connectionString", FULL,
                "objectStore", "c1c", "tableStore", "t1t", "createIfMissing", "maybe"), null))
                .hasMessageContaining("createIfMissing").hasMessageContaining("maybe");
    }

    @Test
    void resultsWrittenAtOnceAreRefusedWithDispatchAcrossNodes() {
        var b = AzureJobStoreConfig.builder().connectionString(FULL).container("c1c").table("t1t")
                .writeResultsWithNextUpdate(false);
        assertThat(b.build().writeResultsWithNextUpdate()).isFalse(); // one node: allowed
        assertThatThrownBy(() -> b.jobsStoreQueue("q1q").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writeResultsWithNextUpdate").hasMessageContaining("got false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "a--b", "-ab", "ab", "ab-", "a_b"})
    void invalidContainerNamesAreRejected(String name) {
        assertThatThrownBy(() -> AzureJobStoreConfig.builder().container(name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-records", "1jobs", "ab", "tables", "Tables"})
    void invalidTableNamesAreRejected(String name) {
        assertThatThrownBy(() -> AzureJobStoreConfig.builder().table(name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + name + "'");
    }

    @Test
    void serviceLoaderFindsTheAzureProvider() {
        assertThat(ServiceLoader.load(JobStoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("azure")).toList())
                .singleElement().isInstanceOf(AzureJobStoreProvider.class);
    }

    @Test
    void aKeyThatIsNotBase64IsRejectedWithoutEchoingIt() {
        String badKey = "not*base64*secret";
        String cs = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + badKey
                + ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        assertThatThrownBy(() -> AzureJobStoreConfig.builder().connectionString(cs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AccountKey").hasMessageNotContaining(badKey);
    }

    @Test
    void anAbsentEndpointFailsWithAClearMessageAndNoKey() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again below: nothing listens there
        }
        String cs = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;TableEndpoint=http://127.0.0.1:"
                + port + "/devstoreaccount1;";
        AzureJobStoreConfig c = AzureJobStoreConfig.builder().connectionString(cs).container("jobs").table("jobs")
                .maxRetries(1).retryDelays(Duration.ofMillis(50), Duration.ofMillis(100)).build();
        assertThatThrownBy(() -> new AzureJobStoreProvider().open(c))
                .isInstanceOf(JobStoreException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("no response")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void readsJobsStoreQueueBesideObjectAndTableStore() {
        AzureJobStoreConfig c = AzureJobStoreConfig.fromCloudStoreJson(seedDataItem(FULL)
                .replace("\"tableStore\": \"mytable\"", "\"tableStore\": \"mytable\", \"jobsStoreQueue\": \"myqueue\""));
        assertThat(c.jobsStoreQueue()).isEqualTo("myqueue");
        assertThat(c.queueName("AnyService")).isEqualTo("myqueue");
        assertThat(c.toString()).contains("jobsStoreQueue=myqueue");
        assertThat(c.toBuilder().build().jobsStoreQueue()).isEqualTo("myqueue");
    }

    @Test
    void withoutJobsStoreQueueEachServiceGetsAQueueNamedAfterIt() {
        AzureJobStoreConfig c = AzureJobStoreConfig.fromCloudStoreJson(seedDataItem(FULL));
        assertThat(c.jobsStoreQueue()).isNull();
        assertThat(c.queueName("buffer")).isEqualTo("gpjobs-buffer");
        assertThat(c.queueName("Buffer")).startsWith("gpjobs-buffer-").hasSize("gpjobs-buffer-".length() + 8);
        assertThat(c.queueName("Buffer")).isNotEqualTo(c.queueName("BUFFER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "a--b", "-ab", "ab", "ab-", "a_b",
            "a23456789012345678901234567890123456789012345678901234567"})
    void invalidQueueNamesAreRejected(String name) {
        assertThatThrownBy(() -> AzureJobStoreConfig.builder().jobsStoreQueue(name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobsStoreQueue")
                .hasMessageContaining("'" + name + "'");
        assertThatThrownBy(() -> AzureJobStoreConfig.fromSettings(Map.of("connectionString", FULL,
                "objectStore", "c1c", "tableStore", "t1t", "jobsStoreQueue", name), null))
                .hasMessageContaining("'" + name + "'");
    }
}
