package io.gpjobs.rest.internal.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPJson;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.rest.internal.PageContext;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPBoolean;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServicesDirectoryPagesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EVIL = "<script>alert('x')</script>\"&";
    private static final String JOB = "j0123456789abcdef0123456789abcdef";
    private static final Pattern HREF = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)");

    static TaskDefinition evilTask() {
        return new TaskDefinition("Evil Task", EVIL, EVIL, EVIL, null, List.of(
                ParameterDefinition.requiredInput("Text", GPDataType.STRING).withDisplayName(EVIL, EVIL),
                ParameterDefinition.optionalInput("Count", GPDataType.LONG, new GPLong(3)),
                ParameterDefinition.optionalInput("Flag", GPDataType.BOOLEAN, new GPBoolean(true)),
                ParameterDefinition.optionalInput("Mode", GPDataType.STRING, new GPString("B"))
                        .withChoiceList(List.of("A", "B", EVIL)),
                ParameterDefinition.optionalInput("Distance", GPDataType.LINEAR_UNIT,
                        new GPLinearUnit(10, io.gpjobs.value.LinearUnit.METERS)),
                ParameterDefinition.requiredInput("Features", GPDataType.FEATURE_RECORD_SET_LAYER),
                ParameterDefinition.output("Out", GPDataType.FEATURE_RECORD_SET_LAYER)));
    }

    private static JobInfo job(JobStatus status) {
        Instant t = Instant.parse("2026-12-05T10:00:00Z");
        return new JobInfo(JOB, "Svc", "Evil Task", status,
                List.of(JobMessage.info("Start " + EVIL), JobMessage.error("boom </td></tr></table>")),
                new JobProgress(JobProgress.Type.STEP, "step " + EVIL, 42), t, t, null, t, null,
                List.of("Out", "Other <b>"), List.of("Text"));
    }

    private static PagePath jobCtx() {
        return PagePath.of("/arcgis/rest", "services", "Svc", "GPServer", "Evil Task", "jobs", JOB);
    }

    @Test
    void taskPageHasOneEscapedFieldPerInputAndPostsToSubmitJob() {
        ObjectNode json = GPJson.task(evilTask(), GPService.ExecutionType.ASYNCHRONOUS);
        String html = TaskPage.render(PagePath.of("/arcgis/rest", "services", "Svc", "GPServer", "Evil Task"),
                json);

        assertEscaped(html);
        assertThat(html).contains("action=\"/arcgis/rest/services/Svc/GPServer/Evil%20Task/submitJob\"")
                .contains("method=\"post\"");
        for (String p : List.of("Text", "Count", "Flag", "Mode", "Distance", "Features")) {
            assertThat(count(html, "name=\"" + p + "\"")).as(p).isEqualTo(1);
        }
        assertThat(html).doesNotContain("name=\"Out\"")
                .contains("<input type=\"number\" id=\"p-Count\" name=\"Count\" step=\"1\" value=\"3\">")
                .contains("<option value=\"B\" selected>B</option>")
                .contains("<option value=\"true\" selected>true</option>")
                .contains("value=\"{&quot;distance&quot;:10,&quot;units&quot;:&quot;esriMeters&quot;}\"")
                .contains("<textarea id=\"p-Features\" name=\"Features\"")
                .contains("name=\"Text\" value=\"\" placeholder=\"\" required>");
        assertBalanced(html);
    }

    @Test
    void synchronousTaskFormExecutes() {
        ObjectNode json = GPJson.task(evilTask(), GPService.ExecutionType.SYNCHRONOUS);
        String html = TaskPage.render(PagePath.of("/r", "services", "S", "GPServer", "T"), json);
        assertThat(html).contains("action=\"/r/services/S/GPServer/T/execute\"").contains("Execute (POST)")
                .doesNotContain("submitJob");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void jobPageReloadsOnlyWhileTheJobRuns(JobStatus status) {
        String html = JobPages.job(jobCtx(), GPJson.job(job(status), true), true);
        assertEscaped(html);
        assertBalanced(html);
        assertThat(html).contains("id=\"job-status\"").contains(status.wireName());
        assertThat(html.contains("http-equiv=\"refresh\"")).isEqualTo(!status.isTerminal());
        assertThat(html.contains("Cancel job")).isEqualTo(!status.isTerminal()
                && status != JobStatus.CANCELLING && status != JobStatus.DELETING);
        assertThat(html.contains("id=\"job-percent\">42%")).isEqualTo(status == JobStatus.EXECUTING);
        assertThat(html.contains("/arcgis/rest/services/Svc/MapServer/jobs/" + JOB + "?f=html"))
                .isEqualTo(status == JobStatus.SUCCEEDED);
    }

    @Test
    void succeededJobLinksEveryResultAndInputWithEncodedNames() {
        String html = JobPages.job(jobCtx(), GPJson.job(job(JobStatus.SUCCEEDED), true), false);
        String base = "/arcgis/rest/services/Svc/GPServer/Evil%20Task/jobs/" + JOB;
        assertThat(links(html)).contains(base + "/results/Out?f=html", base + "/results/Other%20%3Cb%3E?f=html",
                base + "/inputs/Text?f=html", base + "/results/Out?f=json&returnType=data", base + "?f=pjson");
        assertThat(html).doesNotContain("MapServer").contains("boom &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;");
    }

    @Test
    void noLinkEverCarriesAToken() {
        ObjectNode bad = MAPPER.createObjectNode();
        bad.put("paramName", "File");
        bad.put("dataType", "GPDataFile");
        bad.putObject("value").put("url", "https://example.com/a?token=secret");
        String html = JobPages.parameter(PagePath.of("/a/rest", "services", "S", "GPServer", "T", "jobs",
                JOB, "results", "File"), bad);
        assertThat(links(html)).noneMatch(l -> l.contains("token"));
        assertThat(html).doesNotContain("href=\"https://example.com");
    }

    @Test
    void hostileSchemesAreNotLinked() {
        assertThat(Html.safeHref("javascript:alert(1)")).isFalse();
        assertThat(Html.safeHref("JaVaScRiPt:alert(1)")).isFalse();
        assertThat(Html.safeHref("data:text/html,x")).isFalse();
        assertThat(Html.safeHref("//evil.example/x")).isFalse();
        assertThat(Html.safeHref("/\\evil.example/x")).isFalse();
        assertThat(Html.safeHref("/a?token=x")).isFalse();
        assertThat(Html.safeHref("/arcgis/rest/services?f=html")).isTrue();
        assertThat(Html.safeHref("https://developers.arcgis.com/")).isTrue();
        assertThat(Html.safeHref("results/Out")).isTrue();
    }

    @Test
    void serviceAndServicesPagesLinkTheirChildren() {
        GPService svc = GPService.builder("Folder/My_Svc").description(EVIL)
                .task(new io.gpjobs.spi.Task() {
                    @Override
                    public TaskDefinition definition() {
                        return evilTask();
                    }

                    @Override
                    public void execute(io.gpjobs.spi.TaskContext context) {
                    }
                }).build();
        String html = ServicePages.service(PagePath.of("/rest", "services", "Folder", "My_Svc", "GPServer"),
                GPJson.service(svc));
        assertEscaped(html);
        assertThat(links(html)).contains("/rest/services/Folder/My_Svc/GPServer/Evil%20Task?f=html",
                "/rest/services/Folder?f=html", "/rest/services?f=html");
        JsonNode root = json("{\"currentVersion\":11.1,\"folders\":[\"Folder\"],"
                + "\"services\":[{\"name\":\"Folder/My_Svc\",\"type\":\"GPServer\"}]}");
        String home = ServicesDirectoryPages.page(PagePath.of("/rest", "services"), null, root, Map.of());
        assertThat(links(home)).contains("/rest/services/Folder/My_Svc/GPServer?f=html");
    }

    @Test
    void pageDispatchPicksThePageByPath() {
        JsonNode error = GPJson.error(new io.gpjobs.JobNotFoundException(JOB));
        assertThat(ServicesDirectoryPages.page(jobCtx(), null, error, Map.of())).contains("badge st-failed")
                .doesNotContain("job-status");
        assertThat(ServicesDirectoryPages.page(jobCtx(), null, GPJson.job(job(JobStatus.FAILED), true), Map.of()))
                .contains("id=\"job-status\"");
        String generic = ServicesDirectoryPages.page(PagePath.of("/r", "info"), null,
                json("{\"currentVersion\":11.1,\"authInfo\":{\"isTokenBasedSecurity\":false}}"),
                Map.of("job", "http://evil.example/arcgis/rest/services/S/GPServer/T/jobs/" + JOB));
        assertThat(generic).contains("<th>authInfo</th>").contains("isTokenBasedSecurity");
        assertThat(links(generic)).contains("/arcgis/rest/services/S/GPServer/T/jobs/" + JOB + "?f=html")
                .noneMatch(l -> l.contains("evil.example"));
        assertBalanced(generic);
    }

    @Test
    void largeFeatureSetsAreCut() {
        ObjectNode fs = MAPPER.createObjectNode();
        fs.put("geometryType", "esriGeometryPoint");
        fs.putArray("fields").addObject().put("name", "N").put("type", "esriFieldTypeInteger");
        var features = fs.putArray("features");
        for (int i = 0; i < 5000; i++) {
            features.addObject().putObject("attributes").put("N", i);
        }
        ObjectNode p = MAPPER.createObjectNode().put("paramName", "Out").put("dataType", "GPFeatureRecordSetLayer");
        p.set("value", fs);
        String html = JobPages.parameter(jobCtx(), p);
        assertThat(count(html, "<tr><td>")).isEqualTo(JsonView.MAX_ROWS);
        assertThat(html).contains("<tr><th>Features</th><td>5000</td></tr>").contains("more characters");
        assertThat(html.length()).isLessThan(60_000);
    }

    @Test
    void theSeamsContextBecomesThePathUnderTheRestRoot() {
        PageContext ctx = new PageContext("Job", "http://127.0.0.1:8080/arcgis/rest/services/A+B/GPServer/Evil%20Task/jobs/"
                + JOB, "http://127.0.0.1:8080/arcgis/rest", Map.of("resultMap", "http://127.0.0.1:8080/x"));
        PagePath path = ServicesDirectoryPages.path(ctx);
        assertThat(path.restRoot()).isEqualTo("/arcgis/rest");
        assertThat(path.segments()).containsExactly("services", "A+B", "GPServer", "Evil Task", "jobs", JOB);
        String html = new ServicesDirectoryPages().job(GPJson.job(job(JobStatus.SUCCEEDED), true), ctx);
        assertThat(links(html)).contains("/arcgis/rest/services/A%2BB/MapServer/jobs/" + JOB + "?f=html");
        PagePath bare = ServicesDirectoryPages.path(new PageContext("Info", "http://h/rest/info", "http://h/rest",
                Map.of()));
        assertThat(bare.restRoot()).isEqualTo("/rest");
        assertThat(bare.segments()).containsExactly("info");
    }

    @Test
    void contextRejectsABadRootAndEncodesSegments() {
        assertThatThrownBy(() -> PagePath.of("rest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rest'");
        assertThat(PagePath.encodeSegment("a b/ø?&")).isEqualTo("a%20b%2F%C3%B8%3F%26");
    }

    /** No raw hostile markup: every '<' in the page opens a known tag. */
    static void assertEscaped(String html) {
        assertThat(html).doesNotContain("<script").doesNotContain("alert('x')").contains("&lt;script&gt;");
        assertThat(html).doesNotContainIgnoringCase("javascript:");
    }

    /** Block elements open and close in pairs (a crude check that no value broke the structure). */
    static void assertBalanced(String html) {
        for (String tag : List.of("table", "tr", "td", "ul", "li", "div", "form", "select", "textarea", "main")) {
            Matcher m = TAG.matcher(html);
            int open = 0;
            int close = 0;
            while (m.find()) {
                if (m.group(2).equals(tag)) {
                    if (m.group(1).isEmpty()) {
                        open++;
                    } else {
                        close++;
                    }
                }
            }
            assertThat(close).as("</" + tag + ">").isEqualTo(open);
        }
    }

    static List<String> links(String html) {
        return HREF.matcher(html).results().map(r -> r.group(1).replace("&amp;", "&")).toList();
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
