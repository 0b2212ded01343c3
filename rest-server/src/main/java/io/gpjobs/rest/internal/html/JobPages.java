package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The job page (status, progress, messages, links to results and inputs, the result map, a cancel button, and a
 * refresh every few seconds while the job is not finished) and the pages of result and input parameters.
 *
 * <p>Stateless and thread-safe.
 */
final class JobPages {
    /** Seconds between reloads of the page of a job that has not finished. */
    static final int REFRESH_SECONDS = 2;
    private static final Set<String> RUNNING = Set.of("esriJobNew", "esriJobSubmitted", "esriJobWaiting",
            "esriJobExecuting", "esriJobCancelling", "esriJobDeleting");

    private JobPages() {
    }

    /**
     * The page of the job resource {@code json} (as {@code GPJson.job} renders it) at
     * {@code …/GPServer/<task>/jobs/<jobId>}.
     *
     * @param hasResultMap whether the service has a result map server (a succeeded job then links to its map)
     */
    static String job(PagePath ctx, ObjectNode json, boolean hasResultMap) {
        String jobId = json.path("jobId").asText(ctx.last());
        String status = json.path("jobStatus").asText("");
        boolean running = RUNNING.contains(status);
        Html h = Html.page(ctx, "Job " + jobId, running ? REFRESH_SECONDS : 0);
        h.raw("<table class=\"kv\"><tr><th>Job id</th><td class=\"mono\">").text(jobId).raw("</td></tr>");
        h.raw("<tr><th>Status</th><td><span id=\"job-status\" class=\"badge ").attr(statusClass(status)).raw("\">")
                .text(status).raw("</span>");
        if (running) {
            h.raw(" <span class=\"muted\">this page reloads every ").text(Integer.toString(REFRESH_SECONDS))
                    .raw(" s until the job ends</span>");
        }
        h.raw("</td></tr>");
        JsonNode progress = json.path("progress");
        if (progress.isObject()) {
            h.raw("<tr><th>Progress</th><td>");
            if (progress.path("percent").isNumber()) {
                int pct = Math.max(0, Math.min(100, progress.get("percent").asInt()));
                h.raw("<div class=\"bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" "
                        + "aria-valuenow=\"").raw(Integer.toString(pct)).raw("\"><div style=\"width:")
                        .raw(Integer.toString(pct)).raw("%\"></div></div>");
                h.raw("<span id=\"job-percent\">").text(pct + "%").raw("</span> ");
            }
            h.text(progress.path("message").asText("")).raw("</td></tr>");
        }
        h.raw("</table>");
        if (running && !status.equals("esriJobCancelling") && !status.equals("esriJobDeleting")) {
            h.raw("<form method=\"post\" action=\"").attr(ctx.child(null, "cancel"))
                    .raw("\"><input type=\"hidden\" name=\"f\" value=\"html\"><button type=\"submit\" "
                            + "class=\"secondary\">Cancel job</button></form>");
        }
        paramLinks(h, ctx, json.path("results"), "Results", "results");
        paramLinks(h, ctx, json.path("inputs"), "Inputs", "inputs");
        if (hasResultMap && status.equals("esriJobSucceeded")) {
            h.raw("<h2>Result map</h2><ul class=\"links\"><li>").link(mapHref(ctx, jobId), "Map of this job's results")
                    .raw("<span class=\"note\">(MapServer/jobs/").text(jobId).raw(")</span></li></ul>");
        }
        messages(h, json.path("messages"));
        return h.finish();
    }

    /** The page of one result or input parameter resource {@code {"paramName","dataType","value"}}. */
    static String parameter(PagePath ctx, ObjectNode json) {
        Html h = Html.page(ctx, json.path("paramName").asText(ctx.last()), 0);
        h.raw("<table class=\"kv\">");
        h.row("Parameter", json.path("paramName").asText());
        h.row("Data type", json.path("dataType").asText());
        h.raw("</table><h2>Value</h2>");
        JsonView.value(h, json.get("value"), 0);
        return h.finish();
    }

    /** The {@code results} or {@code inputs} resource: an array of parameter resources. */
    static String parameters(PagePath ctx, JsonNode array) {
        Html h = Html.page(ctx, ctx.last().equals("inputs") ? "Inputs" : "Results", 0);
        if (!array.isArray() || array.isEmpty()) {
            h.raw("<p class=\"muted\">None.</p>");
        }
        for (JsonNode p : array) {
            String name = p.path("paramName").asText();
            h.raw("<h2>").link(ctx.child("html", name), name).raw(" <span class=\"muted\">")
                    .text(p.path("dataType").asText()).raw("</span></h2>");
            JsonView.value(h, p.get("value"), 0);
        }
        return h.finish();
    }

    /** Appends the messages table (type, description), or a note when there are none. */
    static void messages(Html h, JsonNode messages) {
        h.raw("<h2>Messages</h2>");
        if (!messages.isArray() || messages.isEmpty()) {
            h.raw("<p class=\"muted\">No messages.</p>");
            return;
        }
        h.raw("<table id=\"messages\"><thead><tr><th>Type</th><th>Description</th></tr></thead><tbody>");
        for (JsonNode m : messages) {
            String type = m.path("type").asText();
            h.raw("<tr class=\"msg-").attr(type).raw("\"><td>").text(type.replace("esriJobMessageType", ""))
                    .raw("</td><td>").text(m.path("description").asText()).raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }

    private static void paramLinks(Html h, PagePath ctx, JsonNode map, String title, String kind) {
        if (!map.isObject()) {
            return;
        }
        h.raw("<h2>").text(title).raw("</h2>");
        if (map.isEmpty()) {
            h.raw("<p class=\"muted\">None.</p>");
            return;
        }
        h.raw("<ul class=\"links\" id=\"").attr(kind).raw("\">");
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            h.raw("<li>").link(ctx.child("html", kind, name), name).raw("<span class=\"note\">")
                    .link(ctx.child("json", kind, name) + "&returnType=data", "data (JSON)").raw("</span></li>");
        }
        h.raw("</ul>");
    }

    /** {@code …/services/[folder/]Svc/GPServer/Task/jobs/id} → {@code …/services/[folder/]Svc/MapServer/jobs/id}. */
    static String mapHref(PagePath ctx, String jobId) {
        List<String> s = ctx.segments();
        int gp = s.indexOf("GPServer");
        List<String> path = new ArrayList<>(gp < 0 ? List.of("services") : s.subList(0, gp));
        path.add("MapServer");
        path.add("jobs");
        path.add(jobId);
        return ctx.href(path, "html");
    }

    static String statusClass(String status) {
        return "st-" + status.replace("esriJob", "").toLowerCase(java.util.Locale.ROOT);
    }
}
