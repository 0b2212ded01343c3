package io.gpjobs.rest;

import static io.gpjobs.rest.Fixture.errorCode;
import static io.gpjobs.rest.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.rest.internal.RestRequest;
import io.gpjobs.rest.internal.RestResponse;
import io.gpjobs.spi.JobStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin job queries with paging, result maps over the router, and uploads resolved as inputs. */
class AdminMapUploadTest {
    private static final String ADMIN = "admin/services/Tools.GPServer/jobs";

    private static String submitAndWait(Fixture f, String text) {
        String id = json(f.get("rest/services/Tools/GPServer/Echo/submitJob", "f", "json", "text", text))
                .get("jobId").asText();
        assertThat(f.engine.anonymous().awaitCompletion(id, Duration.ofSeconds(30)).status())
                .isEqualTo(JobStatus.SUCCEEDED);
        return id;
    }

    @Test
    void adminQueryPagesWithStartAndNextStart() {
        try (Fixture f = new Fixture()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(submitAndWait(f, "t" + i));
            }
            List<String> seen = new ArrayList<>();
            int start = 1;
            int pages = 0;
            while (start != -1) {
                JsonNode page = json(f.get(ADMIN + "/query", "f", "json", "token", "admin-token", "number", "2",
                        "start", Integer.toString(start), "jobStatus", "esriJobSucceeded"));
                assertThat(page.get("total").asInt()).isEqualTo(5);
                page.get("jobs").forEach(j -> seen.add(j.get("jobId").asText()));
                start = page.get("nextStart").asInt();
                pages++;
            }
            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
            JsonNode bad = json(f.get(ADMIN + "/query", "f", "json", "token", "admin-token", "jobStatus", "done"));
            assertThat(bad.get("messages").toString()).contains("jobStatus", "done");
            JsonNode stats = json(f.post(ADMIN + "/statistics", "f", "json", "token", "admin-token"));
            assertThat(stats.get("total").asInt()).isEqualTo(5);
            assertThat(stats.get("succeeded").asInt()).isEqualTo(5);
            JsonNode one = json(f.get(ADMIN + "/" + ids.get(0), "f", "json", "token", "admin-token"));
            assertThat(one.get("status").asText()).isEqualTo("esriJobSucceeded");
            assertThat(one.get("url").asText()).endsWith("/arcgis/admin/services/Tools.GPServer/jobs/" + ids.get(0));
            assertThat(json(f.post(ADMIN + "/" + ids.get(0) + "/delete", "f", "json", "token", "admin-token"))
                    .get("status").asText()).isEqualTo("success");
            assertThat(errorCode(f.get("rest/services/Tools/GPServer/Echo/jobs/" + ids.get(0), "f", "json")))
                    .isEqualTo(404);
            assertThat(json(f.get("admin/services/Sync.GPServer/jobs/" + ids.get(1), "f", "json", "token",
                    "admin-token")).get("code").asInt()).isEqualTo(404);
        }
    }

    @Test
    void theResultMapAnswersLayersQueryLegendAndExport() {
        try (Fixture f = new Fixture()) {
            String id = submitAndWait(f, "mapped");
            String map = "rest/services/Tools/MapServer/jobs/" + id;
            JsonNode m = json(f.get(map, "f", "json"));
            assertThat(m.get("layers").get(0).get("name").asText()).isEqualTo("Points");
            assertThat(json(f.get(map + "/0", "f", "json")).get("name").asText()).isEqualTo("Points");
            JsonNode q = json(f.get(map + "/0/query", "f", "json", "where", "name = 'mapped'", "outFields", "*"));
            assertThat(q.get("features")).hasSize(1);
            assertThat(json(f.get(map + "/0/query", "f", "json", "where", "name = ")).at("/error/code").asInt())
                    .isEqualTo(400);
            assertThat(json(f.get(map + "/legend", "f", "json")).get("layers")).isNotEmpty();
            String bbox = "10,59,12,61";
            RestResponse png = f.get(map + "/export", "f", "image", "bbox", bbox, "size", "64,64");
            assertThat(png.contentType()).isEqualTo("image/png");
            assertThat(png.bytes()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            JsonNode href = json(f.get(map + "/export", "f", "json", "bbox", bbox, "size", "64,64", "token",
                    "alice-token"));
            assertThat(href.get("href").asText()).startsWith(Fixture.BASE + "/" + map + "/export?")
                    .contains("f=image").doesNotContain("token");
            assertThat(href.get("width").asInt()).isEqualTo(64);
            // 2 degrees of longitude over 64 px at 60 N: 111.7 km per degree of longitude on the equator halves
            // there, about 55.8 km, so 1,745 m per pixel, 1 : 6.6 million at 96 dpi (0.2646 mm per pixel)
            double metresPerPixel = 2 * 55_800.0 / 64;
            assertThat(href.get("scale").asDouble()).isCloseTo(metresPerPixel / 0.0254 * 96,
                    org.assertj.core.data.Percentage.withPercentage(0.5));
            assertThat(errorCode(f.get("rest/services/Sync/MapServer/jobs/" + id, "f", "json"))).isEqualTo(404);
            assertThat(errorCode(f.get(map + "/x", "f", "json"))).isEqualTo(400);
            assertThat(errorCode(f.get(map + "/export", "f", "image"))).isEqualTo(400);
            // a scale bar and north arrow on request; a bad value is refused naming the option and the value
            RestResponse decorated = f.get(map + "/export", "f", "image", "bbox", bbox, "bboxSR", "4326", "size",
                    "300,300", "scaleBar", "true", "northArrow", "true");
            assertThat(decorated.contentType()).isEqualTo("image/png");
            assertThat(decorated.bytes()).isNotEqualTo(f.get(map + "/export", "f", "image", "bbox", bbox, "bboxSR",
                    "4326", "size", "300,300").bytes());
            JsonNode bad = json(f.get(map + "/export", "f", "image", "bbox", bbox, "scaleBar", "sometimes"));
            assertThat(bad.at("/error/code").asInt()).isEqualTo(400);
            assertThat(bad.at("/error/details").toString()).contains("scaleBar", "sometimes");
        }
    }

    private static RestRequest upload(String fileName, byte[] content, String... kv) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
        }
        return new RestRequest("POST", Fixture.BASE, List.of("rest/services/Tools/GPServer/uploads/upload"
                .split("/")), params, Map.of(), List.of(new RestRequest.FilePart("file", fileName, "text/csv",
                content.length, () -> new ByteArrayInputStream(content))), null, null);
    }

    @Test
    void anUploadedItemIsDescribedResolvedAsAnInputAndDeleted(@TempDir Path dir) {
        RestLimits limits = RestLimits.builder().maxUploadBytes(1000).uploadTypes("csv", "txt").build();
        try (Fixture f = new Fixture(dir, limits, CorsPolicy.anyOrigin())) {
            byte[] csv = "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8);
            JsonNode up = json(f.router.handle(upload("../../points.csv", csv, "f", "json", "description", "pts")));
            assertThat(up.get("success").asBoolean()).as("%s", up).isTrue();
            String item = up.at("/item/itemID").asText();
            assertThat(item).matches("i[0-9a-f]{32}");
            assertThat(up.at("/item/itemName").asText()).isEqualTo("points.csv");
            JsonNode described = json(f.get("rest/services/Tools/GPServer/uploads/" + item, "f", "json"));
            assertThat(described.at("/item/description").asText()).isEqualTo("pts");
            assertThat(json(f.get("rest/services/Tools/GPServer", "f", "json")).get("capabilities").asText())
                    .isEqualTo("Uploads");

            String id = json(f.get("rest/services/Tools/GPServer/FileSize/submitJob", "f", "json", "file",
                    "{\"itemID\":\"" + item + "\"}")).get("jobId").asText();
            assertThat(f.engine.anonymous().awaitCompletion(id, Duration.ofSeconds(30)).status())
                    .isEqualTo(JobStatus.SUCCEEDED);
            assertThat(f.engine.anonymous().result(id, "size").value())
                    .isEqualTo(new io.gpjobs.value.GPLong(csv.length));

            JsonNode unknown = json(f.get("rest/services/Tools/GPServer/FileSize/submitJob", "f", "json", "file",
                    "{\"itemID\":\"i" + "0".repeat(32) + "\"}"));
            assertThat(unknown.at("/error/details").toString()).contains("file", "i" + "0".repeat(32));
            assertThat(errorCode(f.get("rest/services/Sync/GPServer/uploads/" + item, "f", "json"))).isEqualTo(404);
            assertThat(errorCode(f.get("rest/services/Tools/GPServer/uploads/..%2Fx", "f", "json"))).isEqualTo(400);

            assertThat(json(f.router.handle(upload("evil.exe", csv, "f", "json"))).at("/error/details").toString())
                    .contains("exe", "csv");
            assertThat(errorCode(f.router.handle(upload("big.csv", new byte[1001], "f", "json")))).isEqualTo(413);

            assertThat(json(f.post("rest/services/Tools/GPServer/uploads/" + item + "/delete", "f", "json"))
                    .get("success").asBoolean()).isTrue();
            assertThat(errorCode(f.get("rest/services/Tools/GPServer/uploads/" + item, "f", "json"))).isEqualTo(404);
        }
    }

    @Test
    void uploadsAreRefusedWhenOff() {
        try (Fixture f = new Fixture()) {
            JsonNode r = json(f.router.handle(upload("a.csv", new byte[1], "f", "json")));
            assertThat(r.at("/error/message").asText()).contains("not enabled");
        }
    }
}
