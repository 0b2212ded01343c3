package io.gpjobs.rest;

import static io.gpjobs.rest.Fixture.errorCode;
import static io.gpjobs.rest.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.GPJson;
import io.gpjobs.JobInfo;
import io.gpjobs.rest.internal.RestResponse;
import io.gpjobs.rest.internal.Routes;
import io.gpjobs.spi.JobStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router without a socket: the GPServer and job resources, wire rules and errors. */
class RestRouterTest {
    private static final String TASK = "rest/services/Tools/GPServer/Echo";
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private String submit(String... kv) {
        String[] all = new String[kv.length + 2];
        all[0] = "f";
        all[1] = "json";
        System.arraycopy(kv, 0, all, 2, kv.length);
        JsonNode j = json(f.get(TASK + "/submitJob", all));
        assertThat(j.has("error")).as("%s", j).isFalse();
        return j.get("jobId").asText();
    }

    private JobInfo done(String id) {
        JobInfo j = f.engine.anonymous().awaitCompletion(id, Duration.ofSeconds(30));
        assertThat(j.isTerminal()).isTrue();
        return j;
    }

    @Test
    void infoAndServicesListTheServicesAndTheTokenSecurity() {
        JsonNode info = json(f.get("rest/info", "f", "json"));
        assertThat(info.at("/authInfo/isTokenBasedSecurity").asBoolean()).isTrue();
        assertThat(info.at("/authInfo/tokenServicesUrl").asText()).startsWith("https://login.example.com/");
        JsonNode services = json(f.get("rest/services", "f", "json"));
        assertThat(services.get("services").toString()).contains("{\"name\":\"Tools\",\"type\":\"GPServer\"}",
                "{\"name\":\"Tools\",\"type\":\"MapServer\"}", "{\"name\":\"Sync\",\"type\":\"GPServer\"}");
        assertThat(services.get("services").toString()).doesNotContain("{\"name\":\"Sync\",\"type\":\"MapServer\"}");
    }

    @Test
    void serviceAndTaskAnswerTheEnginesJson() {
        assertThat(json(f.get("rest/services/Tools/GPServer", "f", "json")))
                .isEqualTo(f.engine.serviceJson("Tools"));
        assertThat(json(f.get(TASK, "f", "json"))).isEqualTo(f.engine.taskJson("Tools", "Echo"));
        assertThat(errorCode(f.get("rest/services/Nope/GPServer", "f", "json"))).isEqualTo(404);
        assertThat(errorCode(f.get("rest/services/Tools/GPServer/Nope", "f", "json"))).isEqualTo(404);
    }

    @Test
    void aJobOverTheRouterIsGPJsonOfTheEnginesJob() {
        String id = submit("text", "hi", "times", "3");
        JobInfo job = done(id);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        RestResponse r = f.get(TASK + "/jobs/" + id, "f", "json");
        assertThat(((RestResponse.Json) r).text()).isEqualTo(GPJson.toJson(GPJson.job(f.engine.anonymous()
                .job(id), true)));
        RestResponse noMessages = f.get(TASK + "/jobs/" + id, "f", "json", "returnMessages", "false");
        assertThat(((RestResponse.Json) noMessages).text())
                .isEqualTo(GPJson.toJson(GPJson.job(f.engine.anonymous().job(id), false)));
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results/result", "f", "json", "returnType", "data")))
                .isEqualTo(GPJson.parameter(f.engine.anonymous().result(id, "result")));
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results", "f", "json", "returnZ", "true")))
                .isEqualTo(GPJson.parameters(f.engine.anonymous().results(id)));
        assertThat(json(f.get(TASK + "/jobs/" + id + "/inputs/text", "f", "json")))
                .isEqualTo(GPJson.parameter(f.engine.anonymous().input(id, "text")));
        assertThat(json(f.get(TASK + "/jobs/" + id + "/inputs", "f", "json")))
                .isEqualTo(GPJson.parameters(f.engine.anonymous().inputs(id)));
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results/result", "f", "json")).get("value").asText())
                .isEqualTo("hihihi");
        JsonNode otherCase = json(f.get(TASK + "/jobs/" + id + "/results/points", "f", "json"));
        assertThat(otherCase.get("paramName").asText()).isEqualTo("Points");
        assertThat(json(f.get(TASK + "/jobs/" + id + "/inputs/TEXT", "f", "json")).get("paramName").asText())
                .isEqualTo("text");
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results/nothing", "f", "json")).at("/error/details")
                .toString()).contains("nothing");
    }

    @Test
    void getAndPostFormAreAnsweredAlike() {
        String id = submit("text", "same");
        done(id);
        RestResponse get = f.get(TASK + "/jobs/" + id + "/results/result", "f", "json");
        RestResponse post = f.post(TASK + "/jobs/" + id + "/results/result", "f", "json");
        assertThat(post.bytes()).isEqualTo(get.bytes());
        String postedId = json(f.post(TASK + "/submitJob", "f", "json", "text", "posted")).get("jobId").asText();
        assertThat(done(postedId).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void unknownParametersAreIgnoredAndOnlyTaskInputsReachTheEngine() {
        String id = submit("text", "x", "returnZ", "true", "env:outSR", "102100", "myAppParam", "42",
                "context", "{\"outSR\":{\"wkid\":102100}}");
        assertThat(done(id).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.engine.anonymous().inputs(id)).extracting(v -> v.paramName())
                .containsExactlyInAnyOrder("text", "times");
    }

    @Test
    void errorsAreHttp200EnvelopesNamingTheParameter() {
        RestResponse missing = f.get(TASK + "/submitJob", "f", "json");
        assertThat(missing.status()).isEqualTo(200);
        JsonNode e = json(missing).get("error");
        assertThat(e.get("code").asInt()).isEqualTo(400);
        assertThat(e.get("details").toString()).contains("text");
        assertThat(json(missing).toString()).doesNotContain("Exception", "at io.gpjobs");
        RestResponse badTimes = f.get(TASK + "/submitJob", "f", "json", "text", "a", "times", "many");
        assertThat(json(badTimes).at("/error/details").toString()).contains("times", "many");
    }

    @Test
    void aJobIsFoundOnlyUnderItsOwnTaskAndMalformedIdsAreRefused() {
        String id = submit("text", "x");
        done(id);
        assertThat(errorCode(f.get("rest/services/Tools/GPServer/Gated/jobs/" + id, "f", "json"))).isEqualTo(404);
        assertThat(errorCode(f.get("rest/services/Sync/GPServer/Echo/jobs/" + id, "f", "json"))).isEqualTo(404);
        assertThat(errorCode(f.get(TASK + "/jobs/j" + "0".repeat(32), "f", "json"))).isEqualTo(404);
        RestResponse hostile = f.get(TASK + "/jobs/..%2F..%2Fetc", "f", "json");
        assertThat(errorCode(hostile)).isEqualTo(400);
        RestResponse html = f.get(TASK + "/jobs/<script>alert(1)<");
        assertThat(html).isInstanceOf(RestResponse.Html.class);
        assertThat(new String(html.bytes(), StandardCharsets.UTF_8)).doesNotContain("<script>")
                .contains("&lt;script&gt;");
    }

    @Test
    void formatsPjsonHtmlAndUnsupported() {
        RestResponse pjson = f.get("rest/services/Tools/GPServer", "f", "pjson");
        assertThat(new String(pjson.bytes(), StandardCharsets.UTF_8)).contains("\n");
        assertThat(json(pjson)).isEqualTo(json(f.get("rest/services/Tools/GPServer", "f", "json")));
        RestResponse html = f.get("rest/services/Tools/GPServer");
        assertThat(html).isInstanceOf(RestResponse.Html.class);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(new String(html.bytes(), StandardCharsets.UTF_8)).contains("Echo", "<pre>");
        JsonNode kmz = json(f.get("rest/services/Tools/GPServer", "f", "kmz"));
        assertThat(kmz.at("/error/code").asInt()).isEqualTo(400);
        assertThat(kmz.at("/error/details").toString()).contains("kmz");
    }

    @Test
    void submitJobAsHtmlRedirectsToTheJobPage() {
        RestResponse r = f.get(TASK + "/submitJob", "text", "x", "f", "html");
        assertThat(r).isInstanceOf(RestResponse.Redirect.class);
        String location = ((RestResponse.Redirect) r).location();
        assertThat(location).startsWith(Fixture.BASE + "/rest/services/Tools/GPServer/Echo/jobs/j");
        done(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void outSRConvertsFeatureResultsToAnyKnownWkidAndRefusesUnknownOnes() {
        String id = submit("text", "p");
        done(id);
        JsonNode merc = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "outSR", "102100"));
        JsonNode g = merc.at("/value/features/0/geometry");
        assertThat(g.get("x").asDouble()).isCloseTo(1_196_684.5, org.assertj.core.data.Offset.offset(1.0));
        assertThat(g.get("y").asDouble()).isCloseTo(8_380_000.0, org.assertj.core.data.Offset.offset(5_000.0));
        assertThat(merc.at("/value/spatialReference/wkid").asInt()).isEqualTo(102100);
        JsonNode sameAsJson = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "outSR",
                "{\"wkid\":102100,\"latestWkid\":3857}"));
        assertThat(sameAsJson.at("/value/features/0/geometry/x")).isEqualTo(g.get("x"));
        JsonNode unchanged = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "outSR", "4326",
                "returnZ", "true"));
        assertThat(unchanged).isEqualTo(GPJson.parameter(f.engine.anonymous().result(id, "Points")));
        // any wkid Proj4J knows converts: RGF93 / Lambert-93, checked against Proj4J driven directly with the
        // published PROJ definition of EPSG:2154 (not through gpjobs' catalogue or Reprojection)
        JsonNode lambert = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "outSR", "2154",
                "returnZ", "true"));
        double[] expected = lambert93(RestTasks.LON, RestTasks.LAT);
        assertThat(lambert.at("/value/features/0/geometry/x").asDouble())
                .isCloseTo(expected[0], org.assertj.core.data.Offset.offset(0.01));
        assertThat(lambert.at("/value/features/0/geometry/y").asDouble())
                .isCloseTo(expected[1], org.assertj.core.data.Offset.offset(0.01));
        assertThat(lambert.at("/value/features/0/geometry/z").asDouble()).isEqualTo(RestTasks.Z);
        assertThat(lambert.at("/value/spatialReference/wkid").asInt()).isEqualTo(2154);
        JsonNode refused = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "outSR", "999999"));
        assertThat(refused.at("/error/code").asInt()).isEqualTo(400);
        assertThat(refused.at("/error/details").toString()).contains("outSR", "999999");
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results", "f", "json", "outSR", "{\"wkid\":31}"))
                .at("/error/details").toString()).contains("outSR", "31");
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "outSR", "{oops"))
                .at("/error/details").toString()).contains("outSR", "{oops");
    }

    @Test
    void featureResultsLoseZAndMUnlessAsked() {
        String id = submit("text", "z");
        done(id);
        JsonNode flat = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "returnType", "data"));
        assertThat(flat.at("/value/features/0/geometry").has("z")).isFalse();
        assertThat(flat.at("/value/hasZ").asBoolean(false)).isFalse();
        JsonNode withZ = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "returnZ", "true",
                "outSR", "3857"));
        assertThat(withZ.at("/value/features/0/geometry/z").asDouble()).isEqualTo(RestTasks.Z);
        assertThat(withZ.at("/value/hasZ").asBoolean()).isTrue();
        JsonNode inAll = json(f.get(TASK + "/jobs/" + id + "/results", "f", "json"));
        assertThat(inAll.at("/1/value/features/0/geometry").has("z")).isFalse();
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "returnZ", "maybe"))
                .at("/error/details").toString()).contains("returnZ", "maybe");
    }

    @Test
    void executeRunsSynchronousTasksAndHonoursEnvOutSR() {
        JsonNode r = json(f.get("rest/services/Sync/GPServer/Echo/execute", "f", "json", "text", "ab", "times",
                "2", "env:outSR", "3857"));
        assertThat(r.at("/results/0/paramName").asText()).isEqualTo("result");
        assertThat(r.at("/results/0/value").asText()).isEqualTo("abab");
        assertThat(r.at("/results/1/value/features/0/geometry/x").asDouble()).isGreaterThan(1_000_000);
        assertThat(errorCode(f.get("rest/services/Tools/GPServer/Echo/execute", "f", "json", "text", "a")))
                .isEqualTo(400);
    }

    @Test
    void cancelAnswersTheJobStatus() throws Exception {
        String id = json(f.get("rest/services/Tools/GPServer/Gated/submitJob", "f", "json", "text", "c"))
                .get("jobId").asText();
        f.gate.awaitEntered(1);
        JsonNode c = json(f.get("rest/services/Tools/GPServer/Gated/jobs/" + id + "/cancel", "f", "json"));
        assertThat(c.get("jobId").asText()).isEqualTo(id);
        assertThat(c.get("jobStatus").asText()).isIn("esriJobCancelling", "esriJobCancelled");
        assertThat(done(id).status()).isEqualTo(JobStatus.CANCELLED);
        JsonNode again = json(f.get("rest/services/Tools/GPServer/Gated/jobs/" + id + "/cancel", "f", "json"));
        assertThat(again.at("/error/code").asInt()).isEqualTo(400);
    }

    @Test
    void noRouteMeansNoAnswer() {
        assertThat(f.get("rest/services/Tools/GPServer/Echo/jobs")).isNull();
        assertThat(f.get("favicon.ico")).isNull();
        assertThat(f.get("rest/services/Tools/FeatureServer/0")).isNull();
    }

    @Test
    void methodsOutsideARouteAreRefusedInTheEnvelope() {
        JsonNode e = json(f.get("rest/services/Tools/GPServer/uploads/upload", "f", "json"));
        assertThat(e.at("/error/code").asInt()).isEqualTo(405);
    }

    @Test
    void theRouteTableRefusesDuplicatesAndPrefersLiterals() {
        Routes.Handler h = c -> null;
        assertThatThrownBy(() -> Routes.builder().group("a").add("GET", "x/{id}", h).group("b")
                .add("POST", "x/{other}", h).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("x/{other}")
                .hasMessageContaining("x/{id}");
        assertThatThrownBy(() -> Routes.builder().add("GET", "x//y", h)).isInstanceOf(IllegalArgumentException.class);
        Routes r = Routes.builder().add("GET", "s/{svc}/{op}", h).add("GET", "s/{svc}/info", h)
                .add("GET", "{x}.GPServer/jobs", h).build();
        assertThat(r.match(java.util.List.of("s", "a", "info")).orElseThrow().route().template())
                .isEqualTo("s/{svc}/info");
        assertThat(r.match(java.util.List.of("s", "a", "other")).orElseThrow().vars())
                .isEqualTo(Map.of("svc", "a", "op", "other"));
        assertThat(r.match(java.util.List.of("Tools.GPServer", "jobs")).orElseThrow().vars())
                .isEqualTo(Map.of("x", "Tools"));
        assertThat(r.match(java.util.List.of(".GPServer", "jobs"))).isEmpty();
        assertThat(f.router.routes().all()).extracting(Routes.Route::group)
                .contains("services", "jobs", "uploads", "map", "admin");
    }

    /** (lon, lat) in WGS 84 to Lambert-93 by Proj4J itself, from the published PROJ definition of EPSG:2154. */
    private static double[] lambert93(double lon, double lat) {
        ModuleLayer.boot().findModule("proj4j").ifPresent(RestRouterTest.class.getModule()::addReads);
        org.locationtech.proj4j.CRSFactory crs = new org.locationtech.proj4j.CRSFactory();
        org.locationtech.proj4j.CoordinateTransform t = new org.locationtech.proj4j.CoordinateTransformFactory()
                .createTransform(crs.createFromParameters("WGS84", "+proj=longlat +datum=WGS84 +no_defs"),
                        crs.createFromParameters("L93", "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 "
                                + "+x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs"));
        org.locationtech.proj4j.ProjCoordinate out = new org.locationtech.proj4j.ProjCoordinate();
        t.transform(new org.locationtech.proj4j.ProjCoordinate(lon, lat), out);
        return new double[] {out.x, out.y};
    }

    @Test
    void envOutSRGivenOnSubmitJobIsKeptWithTheJobAndAppliedToItsResults() {
        JsonNode submitted = json(f.get(TASK + "/submitJob", "f", "json", "text", "p", "env:outSR", "3857"));
        String id = submitted.get("jobId").asText();
        done(id);
        JsonNode kept = json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json"));
        assertThat(kept.at("/value/spatialReference/wkid").asInt()).isEqualTo(3857);
        assertThat(kept.at("/value/features/0/geometry/x").asDouble())
                .isCloseTo(Math.toRadians(RestTasks.LON) * 6378137.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results", "f", "json"))
                .at("/1/value/spatialReference/wkid").asInt()).isEqualTo(3857);
        // outSR on the request still wins over the job's own
        assertThat(json(f.get(TASK + "/jobs/" + id + "/results/Points", "f", "json", "outSR", "4326"))
                .at("/value/features/0/geometry/x").asDouble()).isEqualTo(RestTasks.LON);
        // the setting is not one of the job's inputs
        assertThat(json(f.get(TASK + "/jobs/" + id, "f", "json")).get("inputs").has("env:outSR")).isFalse();
        assertThat(json(f.get(TASK + "/jobs/" + id + "/inputs", "f", "json")).toString()).doesNotContain("outSR");
        // context.outSR as the SDK may send it
        String viaContext = json(f.get(TASK + "/submitJob", "f", "json", "text", "p", "context",
                "{\"outSR\":{\"wkid\":2154}}")).get("jobId").asText();
        done(viaContext);
        assertThat(json(f.get(TASK + "/jobs/" + viaContext + "/results/Points", "f", "json"))
                .at("/value/features/0/geometry/x").asDouble())
                .isCloseTo(lambert93(RestTasks.LON, RestTasks.LAT)[0], org.assertj.core.data.Offset.offset(0.01));
        // an unknown wkid is refused at submit, before a job exists
        JsonNode refused = json(f.get(TASK + "/submitJob", "f", "json", "text", "p", "env:outSR", "999999"));
        assertThat(refused.at("/error/code").asInt()).isEqualTo(400);
        assertThat(refused.at("/error/details").toString()).contains("env:outSR", "999999");
    }
}
