package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataFile;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's URL policy at submit and when a task opens an input URL (no network beyond 127.0.0.1). */
class RemoteUrlsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TaskDefinition FETCH = new TaskDefinition("Fetch", null, null, null, null, List.of(
            ParameterDefinition.requiredInput("file", GPDataType.DATA_FILE),
            ParameterDefinition.output("result", GPDataType.STRING)));

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread serving;
    private int port;

    /** A task that reads its input file through the context, or only records it when {@code fetch} is false. */
    private static Task task(boolean fetch) {
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return FETCH;
            }

            @Override
            public void execute(TaskContext ctx) {
                String url = ctx.input("file", GPDataFile.class).url();
                if (!fetch) {
                    ctx.setOutput("result", new GPString("not fetched"));
                    return;
                }
                try (InputStream in = ctx.openUrl(url)) {
                    ctx.setOutput("result", new GPString(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static GPEngine engine(UrlPolicy policy, boolean fetch) {
        GPEngine.Builder b = GPEngine.builder().service(GPService.builder("Urls").task(task(fetch)).build());
        return (policy == null ? b : b.remoteUrls(policy)).build();
    }

    private static String file(String url) {
        return "{\"url\":\"" + url + "\"}";
    }

    @BeforeEach
    void serve() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        port = server.getLocalPort();
        serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    answer(s);
                } catch (IOException e) {
                    // closed, or a client went away
                }
            }
        });
        serving.setDaemon(true);
        serving.start();
    }

    private void answer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            head.append((char) c);
        }
        String path = head.toString().split(" ")[1];
        requests.add(path + " " + head.toString().lines().filter(l -> l.startsWith("Host:")).findFirst().orElse(""));
        String answer = switch (path) {
            case "/a.csv", "/a.csv?token=s3cret" -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
            case "/chunked" -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n5;x=1\r\npedia"
                    + "\r\n0\r\nTrailer: t\r\n\r\n";
            case "/redirect-ok" -> "HTTP/1.1 302 Found\r\nLocation: /a.csv\r\nContent-Length: 0\r\n\r\n";
            case "/redirect-loopback" -> "HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.2:" + port
                    + "/a.csv\r\nContent-Length: 0\r\n\r\n";
            case "/redirect-metadata" -> "HTTP/1.1 307 Temporary\r\nLocation: http://169.254.169.254/latest/"
                    + "meta-data/\r\nContent-Length: 0\r\n\r\n";
            default -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        };
        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join(5_000);
    }

    private static InvalidInputException refused(GPEngine engine, String url) {
        return catchThrowableOfType(() -> engine.anonymous().submitJob("Urls", "Fetch", Map.of("file", file(url))),
                InvalidInputException.class);
    }

    private static JobInfo run(GPEngine engine, String url) {
        String id = engine.anonymous().submitJob("Urls", "Fetch", Map.of("file", file(url))).jobId();
        return engine.anonymous().awaitCompletion(id, WAIT);
    }

    private static String result(GPEngine engine, JobInfo job) {
        return ((GPString) engine.anonymous().result(job.jobId(), "result").value()).value();
    }

    private static String messages(JobInfo job) {
        return job.messages().stream().map(JobMessage::description).toList().toString();
    }

    @Test
    void byDefaultNoRemoteUrlIsAcceptedAndTheTokenIsNotRepeated() {
        try (GPEngine engine = engine(null, false)) {
            InvalidInputException e = refused(engine, "https://203.0.113.5/a.csv?f=json&token=s3cret");
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("parameter 'file'")
                    .contains("https://203.0.113.5/a.csv?f=json&token=********").contains("allow-list")
                    .doesNotContain("s3cret");
            assertThat(engine.jobs(io.gpjobs.spi.JobQuery.all()).jobs()).isEmpty();
        }
    }

    @Test
    void allowedHostsThatResolveToInternalAddressesAreRefusedAtSubmit() {
        Map<String, String> dns = Map.of("tiles.example.com", "10.1.2.3", "a.example.org", "203.0.113.9",
                "meta.example.org", "169.254.169.254", "v6.example.org", "fd00::1");
        UrlPolicy policy = UrlPolicy.allowHosts("tiles.example.com", "*.example.org", "127.0.0.1", "::1")
                .resolver(host -> {
                    String a = dns.get(host);
                    if (a == null && !host.matches("[0-9.:]+")) {
                        throw new UnknownHostException(host);
                    }
                    return new InetAddress[] {InetAddress.getByName(a == null ? host : a)};
                });
        try (GPEngine engine = engine(policy, false)) {
            assertThat(refused(engine, "http://tiles.example.com/t.png").getMessage()).contains("parameter 'file'")
                    .contains("10.1.2.3").contains("internal address");
            assertThat(refused(engine, "http://meta.example.org/latest").getMessage()).contains("169.254.169.254");
            assertThat(refused(engine, "https://v6.example.org/x").getMessage()).contains("fd00");
            assertThat(refused(engine, "http://127.0.0.1:" + port + "/a.csv").getMessage()).contains("127.0.0.1");
            assertThat(refused(engine, "http://[::1]/a.csv").getMessage()).contains("internal address");
            assertThat(refused(engine, "http://example.org/x").getMessage()).contains("host 'example.org'")
                    .contains("allow-list");
            assertThat(refused(engine, "http://b.example.org/x").getMessage()).contains("cannot be resolved");
            JobInfo ok = run(engine, "https://a.example.org/data.csv");
            assertThat(ok.status()).isEqualTo(JobStatus.SUCCEEDED);
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void aTaskOpensAnAllowedUrlThroughItsContext() {
        UrlPolicy policy = UrlPolicy.allowHosts("127.0.0.1").allowInternalAddresses("127.0.0.1");
        try (GPEngine engine = engine(policy, true)) {
            String base = "http://127.0.0.1:" + port;
            assertThat(result(engine, run(engine, base + "/a.csv?token=s3cret"))).isEqualTo("hello");
            assertThat(result(engine, run(engine, base + "/chunked"))).isEqualTo("wikipedia");
            assertThat(result(engine, run(engine, base + "/redirect-ok"))).isEqualTo("hello");
            JobInfo missing = run(engine, base + "/missing");
            assertThat(missing.status()).isEqualTo(JobStatus.FAILED);
            assertThat(messages(missing)).contains("HTTP 404");
        }
        assertThat(requests).contains("/a.csv?token=s3cret Host: 127.0.0.1:" + port, "/chunked Host: 127.0.0.1:"
                + port, "/redirect-ok Host: 127.0.0.1:" + port, "/a.csv Host: 127.0.0.1:" + port);
    }

    @Test
    void redirectsToRefusedAddressesAreNotFollowed() {
        UrlPolicy policy = UrlPolicy.allowHosts("127.0.0.1", "127.0.0.2", "169.254.169.254")
                .allowInternalAddresses("127.0.0.1");
        try (GPEngine engine = engine(policy, true)) {
            JobInfo loop = run(engine, "http://127.0.0.1:" + port + "/redirect-loopback");
            assertThat(loop.status()).isEqualTo(JobStatus.FAILED);
            assertThat(messages(loop)).contains("127.0.0.2").contains("internal address");
            JobInfo meta = run(engine, "http://127.0.0.1:" + port + "/redirect-metadata");
            assertThat(meta.status()).isEqualTo(JobStatus.FAILED);
            assertThat(messages(meta)).contains("169.254.169.254").contains("refused");
        }
        assertThat(requests).extracting(r -> r.split(" ")[0]).containsExactlyInAnyOrder("/redirect-loopback",
                "/redirect-metadata");
    }

    @Test
    void theAddressIsCheckedAgainWhenTheTaskConnects() {
        AtomicInteger lookups = new AtomicInteger();
        // public when the job is submitted, loopback when the task connects: DNS rebinding
        UrlPolicy policy = UrlPolicy.allowHosts("rebind.test").resolver(host -> new InetAddress[] {
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "203.0.113.5" : "127.0.0.1")});
        try (GPEngine engine = engine(policy, true)) {
            JobInfo job = run(engine, "http://rebind.test:" + port + "/a.csv");
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(messages(job)).contains("rebind.test").contains("127.0.0.1").contains("internal address");
        }
        assertThat(lookups).hasValue(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void fileUrlsCanBeLimitedToAllowedRoots(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path inside = Files.writeString(allowed.resolve("in.csv"), "inside");
        Path outside = Files.writeString(dir.resolve("out.csv"), "outside");
        try (GPEngine engine = engine(UrlPolicy.none().allowFileRoots(allowed), true)) {
            assertThat(result(engine, run(engine, inside.toUri().toString()))).isEqualTo("inside");
            assertThat(refused(engine, outside.toUri().toString()).getMessage()).contains("parameter 'file'")
                    .contains("not under the engine's allowed file roots");
        }
        try (GPEngine engine = engine(null, true)) { // the default: any readable local file
            assertThat(result(engine, run(engine, outside.toUri().toString()))).isEqualTo("outside");
        }
    }
}
