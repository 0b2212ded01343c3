package io.gpjobs.rest;

import static io.gpjobs.rest.Fixture.errorCode;
import static io.gpjobs.rest.Fixture.json;
import static io.gpjobs.rest.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.rest.internal.Errors;
import io.gpjobs.rest.internal.RestResponse;
import io.gpjobs.spi.JobStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens (499, 498, 403, the principal as job owner, never echoed), CORS and the admin path, without a socket. */
class SecurityAndCorsTest {
    private static final String SECURE = "rest/services/Secure/GPServer/Echo";

    @Test
    void aSecuredServiceAsksForAToken() {
        try (Fixture f = new Fixture()) {
            JsonNode none = json(f.get(SECURE + "/submitJob", "f", "json", "text", "x"));
            assertThat(none.at("/error/code").asInt()).isEqualTo(499);
            assertThat(errorCode(f.get(SECURE + "/submitJob", "f", "json", "text", "x", "token", "nonsense")))
                    .isEqualTo(498);
            JsonNode expired = json(f.get(SECURE, "f", "json", "token", "expired-token"));
            assertThat(expired.at("/error/code").asInt()).isEqualTo(498);
            assertThat(expired.at("/error/details").toString()).contains("expired").doesNotContain("expired-token");
            assertThat(errorCode(f.get(SECURE, "f", "json", "token", "bob-token"))).isEqualTo(403);
            assertThat(errorCode(f.get(SECURE, "f", "json", "token", "alice-token"))).isZero();
            // open services need none, but a token given is still checked
            assertThat(errorCode(f.get("rest/services/Tools/GPServer", "f", "json"))).isZero();
            assertThat(errorCode(f.get("rest/services/Tools/GPServer", "f", "json", "token", "forged"))).isEqualTo(498);
        }
    }

    @Test
    void theTokenIsReadFromEitherHeaderAndThePrincipalOwnsTheJob() {
        try (Fixture f = new Fixture()) {
            for (Map<String, String> h : java.util.List.of(Map.of("X-Esri-Authorization", "Bearer alice-token"),
                    Map.of("authorization", "bearer alice-token"))) {
                JsonNode j = json(f.router.handle(request("GET", SECURE + "/submitJob", h, "f", "json", "text",
                        "mine")));
                String id = j.get("jobId").asText();
                assertThat(f.engine.as("alice").awaitCompletion(id, Duration.ofSeconds(30)).status())
                        .isEqualTo(JobStatus.SUCCEEDED);
                assertThat(f.engine.as("alice").job(id).owner()).isEqualTo("alice");
                assertThat(f.engine.as("alice").inputs(id)).extracting(v -> v.paramName()).doesNotContain("token");
            }
        }
    }

    @Test
    void theAccessPolicyDecidesOnOtherPeoplesJobs() {
        try (Fixture f = new Fixture()) {
            String id = json(f.get("rest/services/Tools/GPServer/Echo/submitJob", "f", "json", "text", "a",
                    "token", "alice-token")).get("jobId").asText();
            f.engine.as("alice").awaitCompletion(id, Duration.ofSeconds(30));
            String job = "rest/services/Tools/GPServer/Echo/jobs/" + id;
            assertThat(errorCode(f.get(job, "f", "json", "token", "alice-token"))).isZero();
            assertThat(errorCode(f.get(job, "f", "json", "token", "bob-token"))).isEqualTo(403);
            assertThat(errorCode(f.get(job, "f", "json"))).isEqualTo(403);
            assertThat(errorCode(f.get(job + "/results/result", "f", "json", "token", "bob-token"))).isEqualTo(403);
            assertThat(errorCode(f.get("rest/services/Tools/MapServer/jobs/" + id, "f", "json", "token",
                    "bob-token"))).isEqualTo(403);
        }
    }

    @Test
    void tokensNeverReachAnswers() {
        try (Fixture f = new Fixture()) {
            String secret = "s3cr3t-value";
            RestResponse r = f.get("rest/services/Tools/GPServer/FileSize/submitJob", "f", "json", "file",
                    "{\"url\":\"http://x.example/a.csv?token=" + secret + "\",\"bogus\":", "token", "forged-" + secret);
            assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).doesNotContain(secret);
            assertThat(Errors.mask("bad {\"url\":\"u\",\"token\":\"abc\"} and http://h/x?a=1&token=def&b=2", "zzz"))
                    .isEqualTo("bad {\"url\":\"u\",\"token\":\"***\"} and http://h/x?a=1&token=***&b=2");
            assertThat(Errors.mask("the value was tok123", "tok123")).isEqualTo("the value was ***");
        }
    }

    @Test
    void corsHeadersOnAnswersErrorsAndPreflights() {
        try (Fixture f = new Fixture()) {
            Map<String, String> origin = Map.of("Origin", "https://app.example.com");
            RestResponse ok = f.router.handle(request("GET", "rest/info", origin, "f", "json"));
            assertThat(ok.headers()).containsEntry("Access-Control-Allow-Origin", "*");
            RestResponse err = f.router.handle(request("GET", SECURE, origin, "f", "json"));
            assertThat(errorCode(err)).isEqualTo(499);
            assertThat(err.headers()).containsEntry("Access-Control-Allow-Origin", "*");
            RestResponse pre = f.router.handle(request("OPTIONS", SECURE + "/submitJob", Map.of("Origin",
                    "https://app.example.com", "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "x-esri-authorization, content-type")));
            assertThat(pre.status()).isEqualTo(204);
            assertThat(pre.headers().get("Access-Control-Allow-Headers")).contains("X-Esri-Authorization",
                    "Content-Type");
            assertThat(pre.headers().get("Access-Control-Allow-Methods")).contains("GET", "POST");
        }
    }

    @Test
    void withCredentialsTheExactOriginIsEchoedAndOthersGetNothing() {
        CorsPolicy p = CorsPolicy.origins("https://app.example.com").withCredentials();
        try (Fixture f = new Fixture(null, RestLimits.defaults(), p)) {
            RestResponse ok = f.router.handle(request("GET", "rest/info", Map.of("Origin", "https://app.example.com"),
                    "f", "json"));
            assertThat(ok.headers()).containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                    .containsEntry("Access-Control-Allow-Credentials", "true").containsEntry("Vary", "Origin");
            RestResponse other = f.router.handle(request("GET", "rest/info", Map.of("Origin", "https://evil.example"),
                    "f", "json"));
            assertThat(other.headers()).doesNotContainKey("Access-Control-Allow-Origin");
            RestResponse pre = f.router.handle(request("OPTIONS", "rest/info", Map.of("Origin",
                    "https://evil.example", "Access-Control-Request-Method", "GET")));
            assertThat(pre.headers()).doesNotContainKey("Access-Control-Allow-Origin")
                    .doesNotContainKey("Access-Control-Allow-Headers");
        }
    }

    @Test
    void theAdminPathNeedsAnAdministratorsTokenAndPostForOperations() {
        try (Fixture f = new Fixture()) {
            String jobs = "admin/services/Tools.GPServer/jobs";
            assertThat(json(f.get(jobs + "/query", "f", "json")).get("code").asInt()).isEqualTo(499);
            assertThat(json(f.get(jobs + "/query", "f", "json", "token", "alice-token")).get("code").asInt())
                    .isEqualTo(403);
            assertThat(json(f.get(jobs + "/query", "f", "json", "token", "alice-token")).get("status").asText())
                    .isEqualTo("error");
            assertThat(json(f.get(jobs + "/purgeQueue", "f", "json", "token", "admin-token")).get("code").asInt())
                    .isEqualTo(405);
            assertThat(json(f.post(jobs + "/purgeQueue", "f", "json", "token", "admin-token")).get("status")
                    .asText()).isEqualTo("success");
        }
    }
}
