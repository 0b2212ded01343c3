package io.gpjobs.rest;

import static io.gpjobs.rest.Fixture.httpGet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.rest.spi.InvalidTokenException;
import io.gpjobs.rest.spi.TokenVerifier;
import io.gpjobs.spi.AccessPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import io.gpjobs.rest.CorsPolicy;
import io.gpjobs.rest.GPRestServer;
import io.gpjobs.rest.RestLimits;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, run on a real socket on 127.0.0.1. */
class ReadmeServerExampleTest {


    @Test
    void theEmbeddingExampleServesOnAFreePort(@TempDir Path uploadsDir) throws Exception {
        GPService service = GPService.builder("Tools").task(RestTasks.echo()).build();
        Map<String, String> tokens = Map.of("t-admin", "admin", "t-ann", "ann");   // your identity provider here
        TokenVerifier verifier = new TokenVerifier() {
            @Override public String verify(String token) {
                return Optional.ofNullable(tokens.get(token))
                        .orElseThrow(() -> new InvalidTokenException("unknown or expired"));
            }
            @Override public boolean secures(String service) { return !service.equals("Public"); }
            @Override public boolean isAdministrator(String user) { return user.equals("admin"); }
        };
        try (GPEngine engine = GPEngine.builder().service(service).accessPolicy(AccessPolicy.ownerOnly("admin"))
                .build();
             GPRestServer server = GPRestServer.builder()
                     .engine(engine)                                   // required; resultMaps(...) defaults to the engine's
                     .host("127.0.0.1").port(0)                        // 0: a free port, see uri()
                     .contextPath("/arcgis")
                     .cors(CorsPolicy.anyOrigin())
                     .tokenVerifier(verifier)                          // optional: none = open, anonymous
                     .limits(RestLimits.builder().maxConcurrentExecutes(4).build())
                     .uploads(uploadsDir)                              // optional: the Uploads capability
                     .build().start()) {
            System.out.println(server.uri() + "/rest/services");      // http://127.0.0.1:<port>/arcgis/rest/services
            // ...
            assertThat(server.uri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/arcgis");
            String tools = server.uri() + "/rest/services/Tools/GPServer";
            assertThat(httpGet(URI.create(tools + "?f=json")).at("/error/code").asInt()).isEqualTo(499);
            JsonNode job = httpGet(URI.create(tools + "/Echo/submitJob?f=json&text=a&token=t-ann"));
            String id = job.get("jobId").asText();
            assertThat(engine.as("ann").awaitCompletion(id, java.time.Duration.ofSeconds(30)).owner()).isEqualTo("ann");
            assertThat(httpGet(URI.create(tools + "/Echo/jobs/" + id + "?f=json&token=t-ann")).toString())
                    .isEqualTo(io.gpjobs.GPJson.toJson(io.gpjobs.GPJson.job(engine.as("ann").job(id), true)));
            assertThat(httpGet(URI.create(server.uri() + "/admin/services/Tools.GPServer/jobs/query?f=json"
                    + "&token=t-admin"))
                    .get("total").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aHostsOwnJettyTakesTheApiBeforeItsOtherHandlers() {
        try (Fixture f = new Fixture()) {
            GPEngine engine = f.engine;
            Server jettyServer = new Server();
            Handler myOtherHandler = new DefaultHandler();
            Handler api = GPRestServer.handler(GPRestServer.builder().engine(engine), Handler.class);
            jettyServer.setHandler(new Handler.Sequence(api, myOtherHandler));
            // --- end of the README snippet ---
            assertThat(((Handler.Sequence) jettyServer.getHandler()).getHandlers()).containsExactly(api,
                    myOtherHandler);
        }
    }

    @Test
    void theHandlerIsOnlyAJettyHandlerAndNeedsNoHostOrPort() {
        try (Fixture f = new Fixture()) {
            assertThat(GPRestServer.handler(GPRestServer.builder().engine(f.engine), Handler.class)).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GPRestServer.handler(GPRestServer.builder()
                    .engine(f.engine), Runnable.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Handler");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GPRestServer.handler(GPRestServer.builder()
                    .engine(f.engine).port(1), Handler.class)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port=1");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GPRestServer.builder().port(1).port(2))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("1");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GPRestServer.builder().contextPath("arcgis"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'arcgis'");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GPRestServer.builder().build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("engine");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CorsPolicy.origins("https://a.example/path"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://a.example/path");
            GPRestServer notStarted = GPRestServer.builder().engine(f.engine).port(0).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(notStarted::uri)
                    .isInstanceOf(IllegalStateException.class);
            notStarted.close();
        }
    }
}
