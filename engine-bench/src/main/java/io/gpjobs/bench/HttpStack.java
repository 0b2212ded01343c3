package io.gpjobs.bench;

import io.gpjobs.rest.GPRestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP side of the benchmarks: a gpjobs engine on the memory store ({@link GpjobsSystem}), the GP REST API over
 * it ({@link GPRestServer} on 127.0.0.1), a bare Jetty 12 handler on another loopback port that answers every
 * request with fixed bytes (the same bytes the REST API answered for a status read and for a submit), and one JDK
 * HTTP client for both. The bare handler is the HTTP stack's own limit on this machine; the REST API's rate beside it
 * is what routing, parameters, tokens, the engine call and JSON writing cost.
 *
 * <p>Not thread-safe: one benchmark thread drives it.
 */
final class HttpStack implements AutoCloseable {
    /** Concurrent requests in flight during a batch of submits (as many clients would send them). */
    static final int IN_FLIGHT = 16;

    final GpjobsSystem gpjobs;
    final GPRestServer rest;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String jobId;
    final URI restStatus;
    final URI restSubmit;
    final URI bareStatus;
    final URI bareSubmit;
    final byte[] statusBytes;
    private final Server bare = new Server();
    private volatile byte[] submitBytes = new byte[0];

    HttpStack() throws Exception {
        gpjobs = new GpjobsSystem("memory", Systems.WORKERS);
        try {
            rest = GPRestServer.builder().engine(gpjobs.engine).host("127.0.0.1").port(0).contextPath("/arcgis")
                    .build().start();
            String task = rest.uri() + "/rest/services/" + BenchTasks.SERVICE + "/GPServer/" + BenchTasks.NO_OP;
            restSubmit = URI.create(task + "/submitJob");
            HttpResponse<byte[]> submitted = post(restSubmit);
            String answer = new String(submitted.body(), StandardCharsets.UTF_8);
            int at = answer.indexOf("\"jobId\":\"");
            if (submitted.statusCode() != 200 || at < 0) {
                throw new IllegalStateException("submitJob answered " + submitted.statusCode() + ": " + answer);
            }
            jobId = answer.substring(at + 9, answer.indexOf('"', at + 9));
            gpjobs.awaitSucceeded(jobId);
            submitBytes = submitted.body();
            restStatus = URI.create(task + "/jobs/" + jobId + "?f=json");
            statusBytes = get(restStatus).body();

            ServerConnector connector = new ServerConnector(bare);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            bare.addConnector(connector);
            bare.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    // Read the body as the REST handler reads its form, then answer the recorded bytes.
                    Content.Source.asString(request);
                    byte[] body = request.getMethod().equals("POST") ? submitBytes : statusBytes;
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                    response.write(true, ByteBuffer.wrap(body), callback);
                    return true;
                }
            });
            bare.start();
            String bareTask = "http://127.0.0.1:" + connector.getLocalPort() + "/arcgis/rest/services/"
                    + BenchTasks.SERVICE + "/GPServer/" + BenchTasks.NO_OP;
            bareStatus = URI.create(bareTask + "/jobs/" + jobId + "?f=json");
            bareSubmit = URI.create(bareTask + "/submitJob");
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** GETs {@code uri}, failing on any status but 200. */
    HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + r.statusCode());
        }
        return r;
    }

    /** POSTs the form {@code f=json} to {@code uri}. */
    HttpResponse<byte[]> post(URI uri) throws IOException, InterruptedException {
        return client.send(form(uri), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * POSTs {@code count} submits to {@code uri}, {@value #IN_FLIGHT} at a time, and returns when every answer
     * arrived; fails on any answer but 200 with a job id.
     */
    void submitBatch(URI uri, int count) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            all.add(client.sendAsync(form(uri), HttpResponse.BodyHandlers.ofByteArray()).thenAccept(r -> {
                if (r.statusCode() != 200 || !new String(r.body(), StandardCharsets.UTF_8).contains("\"jobId\"")) {
                    throw new IllegalStateException("submitJob answered " + r.statusCode());
                }
            }).whenComplete((v, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static HttpRequest form(URI uri) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("f=json")).build();
    }

    @Override
    public void close() {
        try {
            if (bare.isStarted()) {
                bare.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the bare Jetty server did not stop", e);
        } finally {
            try {
                if (rest != null) {
                    rest.close();
                }
            } finally {
                gpjobs.close();
            }
        }
    }
}
