package io.gpjobs.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.spi.JobStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw HTTP on Jetty's {@link LocalConnector}: the handler of {@link GPRestServer#handler} in a host's server, before a
 * fallback handler of the host.
 */
class HttpEdgeCasesTest {
    private static final String ECHO = "/arcgis/rest/services/Tools/GPServer/Echo";
    private static final long MAX_BODY = 64 * 1024;
    private static final long MAX_UPLOAD = 4 * 1024;

    @TempDir
    Path uploads;
    private Fixture f;
    private Server server;
    private LocalConnector local;
    /** A connector with a short idle timeout, for slow clients. */
    private LocalConnector slow;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture();
        RestLimits limits = RestLimits.builder().maxBodyBytes(MAX_BODY).maxUploadBytes(MAX_UPLOAD)
                .maxConcurrentExecutes(2).build();
        Handler api = GPRestServer.handler(GPRestServer.builder().engine(f.engine).tokenVerifier(Fixture.verifier())
                .limits(limits).uploads(uploads), Handler.class);
        server = new Server();
        local = new LocalConnector(server);
        server.addConnector(local);
        slow = new LocalConnector(server);
        slow.setIdleTimeout(300);
        server.addConnector(slow);
        server.setHandler(new Handler.Sequence(api, new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
                response.setStatus(299);
                Response.writeError(request, response, callback, 299, "host fallback");
                return true;
            }
        }));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        f.close();
    }

    private HttpTester.Response send(String raw) throws Exception {
        return HttpTester.parseResponse(local.getResponse(raw, 30, TimeUnit.SECONDS));
    }

    private HttpTester.Response get(String pathAndQuery) throws Exception {
        return send("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private HttpTester.Response postForm(String path, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + b.length + "\r\n\r\n" + body);
    }

    private static JsonNode json(HttpTester.Response r) throws Exception {
        assertThat(r.getStatus()).as(r.getContent()).isEqualTo(200);
        assertThat(r.get("Content-Type")).startsWith("application/json");
        return Fixture.MAPPER.readTree(r.getContent());
    }

    private static String multipart(String boundary, String fileName, byte[] content) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\njson\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + new String(content, StandardCharsets.ISO_8859_1) + "\r\n--"
                + boundary + "--\r\n";
    }

    private HttpTester.Response postMultipart(String path, String contentType, String body) throws Exception {
        return send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length
                + "\r\n\r\n" + body);
    }

    @Test
    void getAndFormPostGiveTheSameAnswers() throws Exception {
        String viaGet = json(get(ECHO + "/submitJob?f=json&text=hello")).get("jobId").asText();
        String viaPost = json(postForm(ECHO + "/submitJob", "f=json&text=hello")).get("jobId").asText();
        for (String id : List.of(viaGet, viaPost)) {
            assertThat(f.engine.anonymous().awaitCompletion(id, Duration.ofSeconds(30)).status())
                    .isEqualTo(JobStatus.SUCCEEDED);
        }
        HttpTester.Response a = get(ECHO + "/jobs/" + viaGet + "/results/result?f=json&returnType=data");
        HttpTester.Response b = postForm(ECHO + "/jobs/" + viaGet + "/results/result", "f=json&returnType=data");
        assertThat(b.getContent()).isEqualTo(a.getContent()).contains("\"value\":\"hello\"");
        // a form value wins over the query's
        assertThat(postForm(ECHO + "/jobs/" + viaGet + "?f=html", "f=json").get("Content-Type"))
                .startsWith("application/json");
    }

    @Test
    void submitJobAsHtmlRedirectsToTheJobPageOnTheRequestsHost() throws Exception {
        HttpTester.Response r = get(ECHO + "/submitJob?text=web");
        assertThat(r.getStatus()).isEqualTo(302);
        String location = r.get("Location");
        assertThat(location).matches("http://localhost/arcgis/rest/services/Tools/GPServer/Echo/jobs/j[0-9a-f]{32}");
        f.engine.anonymous().awaitCompletion(location.substring(location.lastIndexOf('/') + 1), Duration.ofSeconds(30));
        HttpTester.Response page = get(location.substring("http://localhost".length()));
        assertThat(page.get("Content-Type")).startsWith("text/html");
        // The Services Directory pages link by path on the host the page came from.
        assertThat(page.getContent()).contains("href=\"/arcgis/rest/services/Tools/GPServer/Echo/jobs/");
    }

    @Test
    void aLongFormBodyIsReadAndOneOverTheLimitIsRefusedInTheEnvelope() throws Exception {
        String text = "x".repeat(20_000);
        String id = json(postForm(ECHO + "/submitJob", "f=json&text=" + text)).get("jobId").asText();
        assertThat(f.engine.anonymous().awaitCompletion(id, Duration.ofSeconds(30)).status())
                .isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.engine.anonymous().result(id, "result").value().toString()).contains(text);
        JsonNode tooLong = json(postForm(ECHO + "/submitJob?f=json", "text=" + "y".repeat((int) MAX_BODY)));
        assertThat(tooLong.at("/error/code").asInt()).isEqualTo(413);
        String chunk = Integer.toHexString((int) MAX_BODY + 10);
        JsonNode chunked = json(send("POST " + ECHO + "/submitJob?f=json HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunk + "\r\ntext=" + "z".repeat((int) MAX_BODY + 5)
                + "\r\n0\r\n\r\n"));
        assertThat(chunked.at("/error/code").asInt()).isEqualTo(413);
        JsonNode badEncoding = json(postForm(ECHO + "/submitJob?f=json", "text=%zz%C0%AF"));
        assertThat(badEncoding.at("/error/code").asInt()).isEqualTo(400);
    }

    @Test
    void multipartUploadsAndBadOrOversizeOnes() throws Exception {
        String upload = "/arcgis/rest/services/Tools/GPServer/uploads/upload";
        JsonNode ok = json(postMultipart(upload, "multipart/form-data; boundary=XyZ",
                multipart("XyZ", "a.csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(ok.get("success").asBoolean()).as("%s", ok).isTrue();
        assertThat(ok.at("/item/itemID").asText()).matches("i[0-9a-f]{32}");

        JsonNode garbage = json(postMultipart(upload + "?f=json", "multipart/form-data; boundary=XyZ",
                "this is not multipart at all"));
        assertThat(garbage.at("/error/code").asInt()).isEqualTo(400);
        JsonNode noBoundary = json(postMultipart(upload + "?f=json", "multipart/form-data", "--\r\n"));
        assertThat(noBoundary.at("/error/code").asInt()).isEqualTo(400);
        JsonNode big = json(postMultipart(upload + "?f=json", "multipart/form-data; boundary=XyZ",
                multipart("XyZ", "big.csv", new byte[(int) MAX_UPLOAD + 100])));
        assertThat(big.at("/error/code").asInt()).isEqualTo(413);
    }

    @Test
    void hostileIdsAndPathsNeverReachAFileOrAStackTrace() throws Exception {
        for (String path : List.of(ECHO + "/jobs/..%2F..%2Fetc%2Fpasswd?f=json",
                ECHO + "/jobs/%2e%2e/%2e%2e/%2e%2e/etc/passwd?f=json",
                "/arcgis/rest/services/../../../../etc/passwd?f=json",
                ECHO + "/jobs/j%00" + "0".repeat(31) + "?f=json",
                ECHO + "/jobs/J" + "A".repeat(32) + "?f=json",
                "/arcgis/rest/services/Tools/GPServer/uploads/..%5c..%5cwin.ini?f=json",
                "/arcgis/rest/services/%3Cscript%3E/GPServer?f=json",
                "/arcgis/rest/info?f=json&x=%zz&y=%C0%AF")) {
            HttpTester.Response r = get(path);
            assertThat(r.getStatus()).as(path).isIn(200, 299, 400, 404);
            assertThat(r.getContent()).as(path).doesNotContain("root:", "Exception", "at io.gpjobs", "<script>");
            if (r.getStatus() == 200) {
                assertThat(Fixture.MAPPER.readTree(r.getContent()).at("/error/code").asInt()).as(path).isIn(400, 404);
            }
        }
    }

    @Test
    void percentEncodedPathSegmentsAreMatchedDecoded() throws Exception {
        String encoded = ECHO.substring(0, ECHO.length() - 2) + "%68o"; // "Echo" with its 'h' percent-encoded
        assertThat(json(get(encoded + "?f=json")).get("name").asText()).isEqualTo("Echo");
        HttpTester.Response r = get("/arcgis/rest/services/%3Cscript%3E/GPServer?f=json");
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(404);
        assertThat(r.getContent()).doesNotContain("<script>").contains("\\u003cscript\\u003e");
    }

    @Test
    void badTokensAreAnsweredInTheEnvelope() throws Exception {
        String secure = "/arcgis/rest/services/Secure/GPServer/Echo";
        assertThat(json(get(secure + "?f=json")).at("/error/code").asInt()).isEqualTo(499);
        HttpTester.Response bad = send("GET " + secure + "?f=json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "X-Esri-Authorization: Bearer not-a-token\r\n\r\n");
        assertThat(json(bad).at("/error/code").asInt()).isEqualTo(498);
        assertThat(bad.getContent()).doesNotContain("not-a-token");
        HttpTester.Response good = send("GET " + secure + "?f=json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer alice-token\r\n\r\n");
        assertThat(json(good).get("name").asText()).isEqualTo("Echo");
        assertThat(json(get(secure + "?f=json&token=")).at("/error/code").asInt()).isEqualTo(499);
    }

    @Test
    void corsPreflightAndHeadersOnErrorsAndImages() throws Exception {
        HttpTester.Response pre = send("OPTIONS " + ECHO + "/submitJob HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nOrigin: https://app.example.com\r\nAccess-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: X-Esri-Authorization, Content-Type\r\n\r\n");
        assertThat(pre.getStatus()).isEqualTo(204);
        assertThat(pre.get("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(pre.get("Access-Control-Allow-Headers")).contains("X-Esri-Authorization", "Content-Type");
        HttpTester.Response err = send("GET /arcgis/rest/services/Nope/GPServer?f=json HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nOrigin: https://app.example.com\r\n\r\n");
        assertThat(json(err).at("/error/code").asInt()).isEqualTo(404);
        assertThat(err.get("Access-Control-Allow-Origin")).isEqualTo("*");
        String id = json(get(ECHO + "/submitJob?f=json&text=img")).get("jobId").asText();
        f.engine.anonymous().awaitCompletion(id, Duration.ofSeconds(30));
        HttpTester.Response png = send("GET /arcgis/rest/services/Tools/MapServer/jobs/" + id
                + "/export?f=image&bbox=10,59,12,61&size=32,32 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Origin: https://app.example.com\r\n\r\n");
        assertThat(png.getStatus()).isEqualTo(200);
        assertThat(png.get("Content-Type")).isEqualTo("image/png");
        assertThat(png.get("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void pathsTheApiDoesNotServeGoToTheHostsNextHandlerUntouched() throws Exception {
        for (String path : List.of("/other", "/arcgis/rest/services/Tools/FeatureServer/0",
                "/arcgis/rest/services/Tools/GPServer/Echo/jobs", "/arcgis")) {
            HttpTester.Response r = get(path);
            assertThat(r.getStatus()).as(path).isEqualTo(299);
            assertThat(r.get("Cache-Control")).as(path).isNotEqualTo("no-store");
        }
    }

    @Test
    void aSlowClientIsDisconnectedAfterTheIdleTimeout() throws Exception {
        LocalConnector.LocalEndPoint headers = slow.connect();
        headers.addInputAndExecute(java.nio.ByteBuffer.wrap("GET /arcgis/rest/info HTTP/1.1\r\nHost: x\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        headers.waitUntilClosedOrIdleFor(20, TimeUnit.SECONDS);
        assertThat(headers.isOpen()).isFalse();
        LocalConnector.LocalEndPoint body = slow.connect();
        body.addInputAndExecute(java.nio.ByteBuffer.wrap(("POST " + ECHO + "/submitJob?f=json HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ntext=ab")
                .getBytes(StandardCharsets.US_ASCII)));
        body.waitUntilClosedOrIdleFor(20, TimeUnit.SECONDS);
        assertThat(body.isOpen()).isFalse();
        assertThat(f.engine.jobs(io.gpjobs.spi.JobQuery.all().withService("Tools")).jobs()).isEmpty();
    }

    @Test
    void aFullExecuteLimitIsRefusedClearlyWhileStatusPollsAreAnswered() throws Exception {
        String polled = json(get(ECHO + "/submitJob?f=json&text=poll")).get("jobId").asText();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<HttpTester.Response>> executes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                executes.add(pool.submit(() -> get("/arcgis/rest/services/Sync/GPServer/Gated/execute?f=json&text=s")));
            }
            f.gate.awaitEntered(2);
            JsonNode busy = json(get("/arcgis/rest/services/Sync/GPServer/Echo/execute?f=json&text=third"));
            assertThat(busy.at("/error/code").asInt()).isEqualTo(503);
            assertThat(busy.at("/error/details").toString()).contains("2 synchronous execute slots");
            for (int i = 0; i < 50; i++) {
                assertThat(json(get(ECHO + "/jobs/" + polled + "?f=json")).get("jobId").asText()).isEqualTo(polled);
            }
            f.gate.open();
            for (Future<HttpTester.Response> e : executes) {
                assertThat(json(e.get(30, TimeUnit.SECONDS)).at("/results/0/value").asText()).isEqualTo("s");
            }
            assertThat(json(get("/arcgis/rest/services/Sync/GPServer/Echo/execute?f=json&text=again"))
                    .at("/results/0/value").asText()).isEqualTo("again");
        } finally {
            f.gate.open();
            pool.shutdownNow();
        }
    }
}
