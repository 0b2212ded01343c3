package io.gpjobs.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server GPRestServer runs, on a real socket on 127.0.0.1: with its own request threads all executes allowed
 * blocked in their tasks, status polls are still answered, and a further execute is refused at once.
 */
class ServerSocketTest {

    private static JsonNode get(URI uri) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        try {
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(c.getHeaderField("Cache-Control")).isEqualTo("no-store");
            return Fixture.MAPPER.readTree(c.getInputStream());
        } finally {
            c.disconnect();
        }
    }

    @Test
    void statusPollsAreAnsweredWhileEveryExecuteSlotIsHeld() throws Exception {
        int slots = 6;
        RestLimits limits = RestLimits.builder().maxConcurrentExecutes(slots).idleTimeout(Duration.ofSeconds(20))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        try (Fixture f = new Fixture();
             GPRestServer server = GPRestServer.builder().engine(f.engine).port(0).contextPath("").limits(limits)
                     .build().start()) {
            String rest = server.uri() + "/rest/services";
            String polled = get(URI.create(rest + "/Tools/GPServer/Echo/submitJob?f=json&text=p")).get("jobId")
                    .asText();
            List<Future<JsonNode>> executes = new ArrayList<>();
            try {
                for (int i = 0; i < slots; i++) {
                    URI execute = URI.create(rest + "/Sync/GPServer/Gated/execute?f=json&text=e");
                    executes.add(pool.submit(() -> get(execute)));
                }
                f.gate.awaitEntered(slots);
                assertThat(get(URI.create(rest + "/Sync/GPServer/Echo/execute?f=json&text=x")).at("/error/code")
                        .asInt()).isEqualTo(503);
                for (int i = 0; i < 100; i++) {
                    assertThat(get(URI.create(rest + "/Tools/GPServer/Echo/jobs/" + polled + "?f=json"))
                            .get("jobId").asText()).isEqualTo(polled);
                }
            } finally {
                f.gate.open();
            }
            for (Future<JsonNode> e : executes) {
                assertThat(e.get(30, TimeUnit.SECONDS).at("/results/0/value").asText()).isEqualTo("e");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
