package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.spi.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpjobs serve}: the sample services over HTTP on 127.0.0.1, as the README's curl session uses them. */
class ServeCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode send(URI uri, String form) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        if (form != null) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            c.getOutputStream().write(form.getBytes(StandardCharsets.UTF_8));
        }
        try {
            assertThat(c.getResponseCode()).isEqualTo(200);
            return MAPPER.readTree(c.getInputStream());
        } finally {
            c.disconnect();
        }
    }

    private static JsonNode get(URI base, String pathAndQuery) throws Exception {
        return send(URI.create(base + pathAndQuery), null);
    }

    private static JsonNode postForm(URI base, String path, String form) throws Exception {
        return send(URI.create(base + path), form);
    }

    @Test
    void servesTheSamplesAsynchronouslyAndSynchronouslyOnTheDiskStore(@TempDir Path dir) throws Exception {
        Path jobs = dir.resolve("jobs");
        try (ServeCommand.Served s = ServeCommand.start(new ServeCommand.Options("127.0.0.1", 0, jobs))) {
            URI base = s.uri();
            assertThat(base.toString()).startsWith("http://127.0.0.1:").endsWith("/arcgis");
            JsonNode services = get(base, "/rest/services?f=json");
            assertThat(services.get("services").toString()).contains("\"Samples\"", "\"SamplesSync\"");
            String task = "/rest/services/Samples/GPServer/LongRunningTask";
            JsonNode submitted = postForm(base, task + "/submitJob", "f=json&Steps=2&Step_Delay_Ms=1");
            String id = submitted.get("jobId").asText();
            assertThat(s.engine().anonymous().awaitCompletion(id, Duration.ofSeconds(30)).status())
                    .isEqualTo(JobStatus.SUCCEEDED);
            assertThat(get(base, task + "/jobs/" + id + "?f=json").get("jobStatus").asText())
                    .isEqualTo("esriJobSucceeded");
            assertThat(get(base, task + "/jobs/" + id + "/results/Steps_Completed?f=json").get("value").asLong())
                    .isEqualTo(2);
            assertThat(Files.list(jobs).toList()).isNotEmpty();
            JsonNode executed = get(base, "/rest/services/SamplesSync/GPServer/LongRunningTask/execute?f=json"
                    + "&Steps=1&Step_Delay_Ms=1");
            assertThat(executed.at("/results/0/value").asLong()).isEqualTo(1);
        }
    }

    @Test
    void theCsvToolReadsUploadedFilesOnly(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.csv"), "x,y\n1,2\n");
        try (ServeCommand.Served s = ServeCommand.start(new ServeCommand.Options("127.0.0.1", 0,
                dir.resolve("jobs")))) {
            JsonNode r = get(s.uri(), "/rest/services/SamplesSync/GPServer/CsvToPoints/execute?f=json&Input_File="
                    + java.net.URLEncoder.encode("{\"url\":\"" + secret.toUri() + "\"}", StandardCharsets.UTF_8));
            assertThat(r.at("/error/code").asInt()).as("%s", r).isGreaterThanOrEqualTo(400);
            assertThat(r.toString()).doesNotContain("\"results\"");
        }
    }

    @Test
    void aBadCommandLineIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GpJobsCli.run(new String[] {"serve", "--port", "http"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(status).isEqualTo(GpJobsCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port", "http");
        assertThatThrownBy(() -> ServeCommand.Options.parse(List.of("--verbose")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> ServeCommand.Options.parse(List.of("--port", "1", "--port=2")))
                .isInstanceOf(UsageException.class).hasMessageContaining("twice");
        assertThat(ServeCommand.Options.parse(List.of("--port=0", "--host", "127.0.0.2")))
                .extracting(ServeCommand.Options::port, ServeCommand.Options::host).containsExactly(0, "127.0.0.2");
    }
}
