package io.gpjobs.rest.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.rest.GPRestServer;
import io.gpjobs.spi.JobStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The f=html pages in a real headless Chromium: each page is loaded from a loopback server, its rendered DOM is
 * checked, and a screenshot goes to {@code target/pages/} for a person to look at. The result map page's screenshot
 * must contain the map image the server exports, pixel for pixel.
 */
class HtmlPagesIT {
    private static final Path SHOTS = Path.of(System.getProperty("gpjobs.pages.dir", "target/pages"));
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static GPEngine engine;
    private static GPRestServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.find();
        engine = GPEngine.builder()
                .service(GPService.builder("Pages").description("Sample tasks shown by the page tests")
                        .resultMapServer(true).maxInstances(2)
                        .task(new PageTasks.Stations()).task(new PageTasks.Wait()).build())
                .service(GPService.builder("SyncPages").executionType(GPService.ExecutionType.SYNCHRONOUS)
                        .task(new PageTasks.Stations()).build())
                .build();
        server = GPRestServer.builder().engine(engine).host("127.0.0.1").port(0).contextPath("/arcgis").build()
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        PageTasks.Wait.release.countDown();
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void servicesAndServicePagesLinkDown() throws Exception {
        String home = chromium.dumpDom(uri("/services?f=html"));
        assertThat(home).contains("href=\"/arcgis/rest/services/Pages/GPServer?f=html\"")
                .contains("href=\"/arcgis/rest/services/SyncPages/GPServer?f=html\"");
        URI service = uri("/services/Pages/GPServer?f=html");
        String dom = chromium.dumpDom(service);
        assertThat(dom).contains("<h1>Pages (GPServer)</h1>").contains("Asynchronous (submitJob)")
                .contains("href=\"/arcgis/rest/services/Pages/GPServer/Stations?f=html\"")
                .contains("href=\"/arcgis/rest/services/Pages/GPServer/Wait?f=html\"");
        chromium.screenshot(service, SHOTS.resolve("service.png"), 1200, 700);
    }

    @Test
    void taskPageHasAFormWithOneFieldPerInput() throws Exception {
        URI task = uri("/services/Pages/GPServer/Stations?f=html");
        String dom = chromium.dumpDom(task);
        assertThat(dom).contains("action=\"/arcgis/rest/services/Pages/GPServer/Stations/submitJob\"");
        for (String input : List.of("Count", "Prefix", "Shape", "Spacing")) {
            assertThat(dom).contains("name=\"" + input + "\"");
        }
        assertThat(dom).doesNotContain("name=\"Out_Stations\"").contains("<option value=\"lattice\" selected=\"\">");
        chromium.screenshot(task, SHOTS.resolve("task.png"), 1200, 1400);
        String sync = chromium.dumpDom(uri("/services/SyncPages/GPServer/Stations?f=html"));
        assertThat(sync).contains("action=\"/arcgis/rest/services/SyncPages/GPServer/Stations/execute\"");
    }

    /** {@code rest} + {@code path} on the server. */
    private static URI uri(String path) {
        return URI.create(server.uri() + "/rest" + path);
    }

    @Test
    void theTaskFormAsTheBrowserSendsItSubmitsAJobAndLeadsToItsPage() throws Exception {
        String dom = chromium.dumpDom(uri("/services/Pages/GPServer/Stations?f=html"));
        Map<String, String> fields = FormFields.of(dom);
        assertThat(fields).containsEntry("Count", "12").containsEntry("Prefix", "Station")
                .containsEntry("Shape", "lattice").containsEntry("f", "html").containsKey("Spacing");
        fields.put("Count", "3");
        HttpURLConnection post = (HttpURLConnection) URI.create(server.uri().getScheme() + "://"
                + server.uri().getAuthority() + FormFields.action(dom)).toURL().openConnection();
        post.setInstanceFollowRedirects(false);
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        try (var out = post.getOutputStream()) {
            out.write(FormFields.encode(fields).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(post.getResponseCode()).isBetween(301, 303);
        String location = post.getHeaderField("Location");
        Matcher id = Pattern.compile("/jobs/(j[0-9a-f]{32})").matcher(location);
        assertThat(id.find()).as(location).isTrue();
        assertThat(engine.anonymous().awaitCompletion(id.group(1), WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(engine.anonymous().result(id.group(1), "Out_Count").value()).isEqualTo(new io.gpjobs.value.GPLong(3));
        URI jobPage = server.uri().resolve(location.contains("f=") ? location : location + "?f=html");
        String page = chromium.dumpDom(jobPage);
        assertThat(page).as(jobPage.toString()).contains(">esriJobSucceeded</span>").contains("Out_Stations");
    }

    @Test
    void succeededJobPageLinksResultsAndShowsMarkupAsText() throws Exception {
        JobInfo job = engine.anonymous().submitJob("Pages", "Stations", Map.of("Count", "12"));
        assertThat(engine.anonymous().awaitCompletion(job.jobId(), WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        URI page = uri("/services/Pages/GPServer/Stations/jobs/" + job.jobId() + "?f=html");
        String dom = chromium.dumpDom(page);
        assertThat(dom).contains(">esriJobSucceeded</span>").doesNotContain("http-equiv=\"refresh\"")
                .contains("href=\"/arcgis/rest/services/Pages/GPServer/Stations/jobs/" + job.jobId()
                        + "/results/Out_Stations?f=html\"")
                .contains("href=\"/arcgis/rest/services/Pages/MapServer/jobs/" + job.jobId() + "?f=html\"")
                .contains("&lt;script&gt;document.title").doesNotContain("<script>document.title")
                .contains("<title>Job " + job.jobId());
        chromium.screenshot(page, SHOTS.resolve("job-succeeded.png"), 1200, 900);

        URI result = uri("/services/Pages/GPServer/Stations/jobs/" + job.jobId()
                + "/results/Out_Stations?f=html");
        String resultDom = chromium.dumpDom(result);
        assertThat(resultDom).contains("<td>Station 5</td>").contains("&lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<b>bold</b>");
        chromium.screenshot(result, SHOTS.resolve("result.png"), 1200, 900);
    }

    @Test
    void executeErrorAndInfoPages() throws Exception {
        URI execute = uri("/services/SyncPages/GPServer/Stations/execute?Count=4&Shape=line&f=html");
        String dom = chromium.dumpDom(execute);
        assertThat(dom).contains("<h1>Execute Stations</h1>").contains("Out_Count").contains("<td>Station 3</td>")
                .contains("&lt;script&gt;document.title");
        chromium.screenshot(execute, SHOTS.resolve("execute.png"), 1200, 1000);

        URI missing = uri("/services/Pages/GPServer/Stations/jobs/j00000000000000000000000000000000?f=html");
        String error = chromium.dumpDom(missing);
        assertThat(error).contains("badge st-failed").contains("j00000000000000000000000000000000");
        chromium.screenshot(missing, SHOTS.resolve("error.png"), 1200, 500);

        URI hostile = uri("/services/Pages/GPServer/Stations/jobs/%3Cimg%20src=x%20onerror=alert(1)%3E?f=html");
        assertThat(chromium.dumpDom(hostile)).contains("badge st-failed").doesNotContain("<img src=\"x\"")
                .doesNotContain("onerror=\"alert");

        URI info = uri("/info?f=html");
        assertThat(chromium.dumpDom(info)).contains("<th>authInfo</th>");
        chromium.screenshot(info, SHOTS.resolve("info.png"), 1200, 600);
        chromium.screenshot(uri("/services?f=html"), SHOTS.resolve("services.png"), 1200, 600);
    }

    @Test
    void runningJobPageShowsProgressAndReloads() throws Exception {
        PageTasks.Wait.release = new CountDownLatch(1);
        PageTasks.Wait.started = new CountDownLatch(1);
        JobInfo job = engine.anonymous().submitJob("Pages", "Wait", Map.of());
        assertThat(PageTasks.Wait.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        URI page = uri("/services/Pages/GPServer/Wait/jobs/" + job.jobId() + "?f=html");
        String dom = chromium.dumpDom(page);
        assertThat(dom).contains(">esriJobExecuting</span>").contains("http-equiv=\"refresh\" content=\"2\"")
                .contains("<span id=\"job-percent\">40%</span>").contains("Cancel job")
                .contains("Counting &lt;b&gt;bold&lt;/b&gt;");
        chromium.screenshot(page, SHOTS.resolve("job-running.png"), 1200, 700);
        PageTasks.Wait.release.countDown();
        assertThat(engine.anonymous().awaitCompletion(job.jobId(), WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void resultMapPageShowsTheExportedImage() throws Exception {
        JobInfo job = engine.anonymous().submitJob("Pages", "Stations", Map.of("Count", "16"));
        assertThat(engine.anonymous().awaitCompletion(job.jobId(), WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        URI page = uri("/services/Pages/MapServer/jobs/" + job.jobId() + "?f=html");
        String dom = chromium.dumpDom(page);
        assertThat(dom).contains("Out_Stations (0)").contains("Out_Area (1)");
        Matcher m = Pattern.compile("<img id=\"map-image\"[^>]*src=\"([^\"]+)\"").matcher(dom);
        assertThat(m.find()).as("map image in %s", dom).isTrue();
        String src = m.group(1).replace("&amp;", "&");
        assertThat(src).contains("scaleBar=true", "northArrow=true");
        HttpURLConnection c = (HttpURLConnection) URI.create(page.getScheme() + "://" + page.getAuthority() + src)
                .toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(c.getContentType()).isEqualTo("image/png");
        BufferedImage exported;
        try (InputStream in = c.getInputStream()) {
            exported = ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
        }
        assertThat(exported.getWidth()).isEqualTo(800);

        Path shot = SHOTS.resolve("result-map.png");
        chromium.screenshot(page, shot, 1200, 1100);
        BufferedImage screen = ImageIO.read(shot.toFile());
        assertThat(Pixels.find(screen, exported)).as("the exported map drawn in the page").isNotNull();
    }
}
