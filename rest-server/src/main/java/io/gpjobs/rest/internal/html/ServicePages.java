package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Services Directory pages of the services root (or a folder), of a GP service and of an execute response.
 * The task page with its form is {@link TaskPage}. Pure functions of the resource's JSON and its
 * {@link PagePath}.
 *
 * <p>Stateless and thread-safe.
 */
final class ServicePages {
    private ServicePages() {
    }

    /**
     * The services root or a folder: {@code {"currentVersion","folders":[…],"services":[{"name","type"}]}}. Service
     * names carry their folder ({@code Folder/Name}), as in ArcGIS.
     */
    static String services(PagePath ctx, ObjectNode json) {
        String title = ctx.segments().size() <= 1 ? "Services" : "Folder: " + ctx.last();
        Html h = Html.page(ctx, title, 0);
        if (json.hasNonNull("currentVersion")) {
            h.raw("<p class=\"lead\">Current version: ").text(json.get("currentVersion").asText()).raw("</p>");
        }
        JsonNode folders = json.path("folders");
        if (folders.isArray() && !folders.isEmpty()) {
            h.raw("<h2>Folders</h2><ul class=\"links\">");
            for (JsonNode f : folders) {
                h.raw("<li>").link(ctx.href(List.of("services", f.asText()), "html"), f.asText()).raw("</li>");
            }
            h.raw("</ul>");
        }
        h.raw("<h2>Services</h2>");
        JsonNode services = json.path("services");
        if (!services.isArray() || services.isEmpty()) {
            h.raw("<p class=\"muted\">No services.</p>");
        } else {
            h.raw("<ul class=\"links\">");
            for (JsonNode s : services) {
                String name = s.path("name").asText();
                String type = s.path("type").asText();
                List<String> path = new ArrayList<>();
                path.add("services");
                path.addAll(List.of(name.split("/")));
                path.add(type);
                h.raw("<li>").link(ctx.href(path, "html"), name).raw("<span class=\"note\">(").text(type)
                        .raw(")</span></li>");
            }
            h.raw("</ul>");
        }
        return h.finish();
    }

    /**
     * A GP service: description, execution type, tasks (links), result map server, maximum records, and the other
     * properties of its JSON.
     */
    static String service(PagePath ctx, ObjectNode json) {
        String name = ctx.segments().size() >= 2 ? ctx.segments().get(ctx.segments().size() - 2) : ctx.last();
        Html h = Html.page(ctx, name + " (GPServer)", 0);
        String description = json.path("serviceDescription").asText("");
        if (!description.isBlank()) {
            h.raw("<p class=\"lead\">").text(description).raw("</p>");
        }
        h.raw("<table class=\"kv\">");
        h.row("Execution type", executionType(json.path("executionType").asText("")));
        String mapServer = json.path("resultMapServerName").asText("");
        h.raw("<tr><th>Result map server</th><td>");
        if (mapServer.isEmpty()) {
            h.raw("<span class=\"muted\">none</span>");
        } else {
            h.text(mapServer).raw(" <span class=\"muted\">(each succeeded job's map is at MapServer/jobs/&lt;jobId&gt;)"
                    + "</span>");
        }
        h.raw("</td></tr>");
        if (json.has("maximumRecords")) {
            h.row("Maximum records", json.get("maximumRecords").asText());
        }
        String capabilities = json.path("capabilities").asText("");
        h.raw("<tr><th>Capabilities</th><td>");
        if (capabilities.isBlank()) {
            h.raw("<span class=\"muted\">none</span>");
        } else {
            h.text(capabilities);
        }
        h.raw("</td></tr>");
        if (json.hasNonNull("currentVersion")) {
            h.row("Current version", json.get("currentVersion").asText());
        }
        h.raw("</table><h2>Tasks</h2>");
        JsonNode tasks = json.path("tasks");
        if (!tasks.isArray() || tasks.isEmpty()) {
            h.raw("<p class=\"muted\">No tasks.</p>");
        } else {
            h.raw("<ul class=\"links\">");
            for (JsonNode t : tasks) {
                h.raw("<li>").link(ctx.child("html", t.asText()), t.asText()).raw("</li>");
            }
            h.raw("</ul>");
        }
        return h.finish();
    }

    /** The answer of {@code execute}: each result ({@code paramName}, {@code dataType}, value) and the messages. */
    static String executeResult(PagePath ctx, ObjectNode json) {
        String task = ctx.segments().size() >= 2 ? ctx.segments().get(ctx.segments().size() - 2) : ctx.last();
        Html h = Html.page(ctx, "Execute " + task, 0, false);
        h.raw("<h2>Results</h2>");
        JsonNode results = json.path("results");
        if (!results.isArray() || results.isEmpty()) {
            h.raw("<p class=\"muted\">No results.</p>");
        }
        for (JsonNode r : results) {
            h.raw("<h3>").text(r.path("paramName").asText()).raw(" <span class=\"muted\">")
                    .text(r.path("dataType").asText()).raw("</span></h3>");
            JsonView.value(h, r.get("value"), 0);
        }
        JobPages.messages(h, json.path("messages"));
        return h.finish();
    }

    static String executionType(String wire) {
        return switch (wire) {
            case "esriExecutionTypeAsynchronous" -> "Asynchronous (submitJob)";
            case "esriExecutionTypeSynchronous" -> "Synchronous (execute)";
            default -> wire;
        };
    }
}
