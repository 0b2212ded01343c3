package io.gpjobs.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.map.ResultMapService;
import io.gpjobs.rest.internal.EngineCalls;
import io.gpjobs.rest.internal.PreHtmlPages;
import io.gpjobs.rest.internal.RestContext;
import io.gpjobs.rest.internal.RestRequest;
import io.gpjobs.rest.internal.RestResponse;
import io.gpjobs.rest.internal.RestRouter;
import io.gpjobs.rest.internal.Uploads;
import io.gpjobs.rest.spi.InvalidTokenException;
import io.gpjobs.rest.spi.TokenVerifier;
import io.gpjobs.spi.AccessPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine with three services and a router over it, without any socket: "Tools" (asynchronous, result maps;
 * Echo, Gated, FileSize), "Sync" (synchronous; Echo, Gated) and "Secure" (asynchronous, needs a token; Echo). Tokens:
 * alice-token, bob-token (bob may not use Secure), admin-token (administers), expired-token (rejected).
 */
final class Fixture implements AutoCloseable {
    static final String BASE = "http://test.local/arcgis";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final RestTasks.Gate gate = new RestTasks.Gate();
    /** How many "Counted" executes run now, and the most that ran at once. */
    final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
    final GPEngine engine;
    final RestRouter router;
    final RestContext ctx;

    Fixture(Path uploads, RestLimits limits, CorsPolicy cors) {
        GPService tools = GPService.builder("Tools").executionType(GPService.ExecutionType.ASYNCHRONOUS)
                .resultMapServer(true).maxInstances(4).task(RestTasks.echo())
                .task(RestTasks.gated("Gated", gate)).task(RestTasks.fileSize()).build();
        GPService sync = GPService.builder("Sync").executionType(GPService.ExecutionType.SYNCHRONOUS)
                .maxInstances(8).maxQueueSize(64).task(RestTasks.echo()).task(RestTasks.gated("Gated", gate))
                .task(RestTasks.counted("Counted", running, peak)).build();
        GPService secure = GPService.builder("Secure").executionType(GPService.ExecutionType.ASYNCHRONOUS)
                .task(RestTasks.echo()).build();
        engine = GPEngine.builder().service(tools).service(sync).service(secure)
                .accessPolicy(AccessPolicy.ownerOnly("admin")).build();
        ctx = RestContext.of(new EngineCalls(engine, ResultMapService.of(engine)), new PreHtmlPages(),
                uploads == null ? null : new Uploads(uploads, limits.maxUploadBytes(), limits.uploadTypes(),
                        Clock.systemUTC()), limits, cors, verifier());
        router = new RestRouter(ctx);
    }

    Fixture() {
        this(null, RestLimits.defaults(), CorsPolicy.anyOrigin());
    }

    static TokenVerifier verifier() {
        return new TokenVerifier() {
            @Override
            public String verify(String token) {
                return switch (token) {
                    case "alice-token" -> "alice";
                    case "bob-token" -> "bob";
                    case "admin-token" -> "admin";
                    case "expired-token" -> throw new InvalidTokenException("the token expired");
                    default -> throw new InvalidTokenException(null);
                };
            }

            @Override
            public boolean secures(String service) {
                return service.equals("Secure");
            }

            @Override
            public boolean permits(String principal, String service) {
                return !(principal.equals("bob") && service.equals("Secure"));
            }

            @Override
            public boolean isAdministrator(String principal) {
                return principal.equals("admin");
            }

            @Override
            public String tokenServicesUrl() {
                return "https://login.example.com/sharing/rest/generateToken";
            }
        };
    }

    /** A request of {@code method} on {@code path} (after the context path) with {@code kv} parameters. */
    static RestRequest request(String method, String path, Map<String, String> headers, String... kv) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
        }
        return RestRequest.of(method, BASE, List.of(path.split("/")), params, headers);
    }

    RestResponse get(String path, String... kv) {
        return router.handle(request("GET", path, Map.of(), kv));
    }

    RestResponse post(String path, String... kv) {
        return router.handle(request("POST", path, Map.of(), kv));
    }

    /** The JSON of an answer, which must be HTTP 200 JSON. */
    static JsonNode json(RestResponse r) {
        if (!(r instanceof RestResponse.Json j) || r.status() != 200) {
            throw new AssertionError("expected an HTTP 200 JSON answer, got " + r);
        }
        return j.body();
    }

    /** The error code of an envelope answer, or 0 when it is no error. */
    static int errorCode(RestResponse r) {
        return json(r).path("error").path("code").asInt(0);
    }

    @Override
    public void close() {
        engine.close();
    }
}
