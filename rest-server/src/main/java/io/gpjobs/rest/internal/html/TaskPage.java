package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The task page: the task's description, a table of its parameters, and a form with one field per input parameter
 * that posts to {@code submitJob} (asynchronous services) or {@code execute} (synchronous ones) with
 * {@code f=html}. Fields follow the data type: a list for a choice list or a boolean, a number field (with the
 * range filter's bounds) for GPLong and GPDouble, a text field for strings, dates and units, a text area holding
 * the default JSON for feature sets, record sets and other structured values.
 *
 * <p>Stateless and thread-safe.
 */
final class TaskPage {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INPUT = "esriGPParameterDirectionInput";

    private TaskPage() {
    }

    /** The page of the task description {@code json} (as {@code GPJson.task} renders it). */
    static String render(PagePath ctx, ObjectNode json) {
        String name = json.path("name").asText(ctx.last());
        String display = json.path("displayName").asText("");
        Html h = Html.page(ctx, display.isBlank() || display.equals(name) ? name : display + " (" + name + ")", 0);
        String description = json.path("description").asText("");
        if (!description.isBlank()) {
            h.raw("<p class=\"lead\">").text(description).raw("</p>");
        }
        boolean sync = "esriExecutionTypeSynchronous".equals(json.path("executionType").asText());
        h.raw("<table class=\"kv\">");
        h.row("Execution type", ServicePages.executionType(json.path("executionType").asText("")));
        if (!json.path("category").asText("").isBlank()) {
            h.row("Category", json.get("category").asText());
        }
        String help = json.path("helpUrl").asText("");
        if (!help.isBlank()) {
            h.raw("<tr><th>Help</th><td>").link(help, help).raw("</td></tr>");
        }
        h.raw("</table>");
        parameterTable(h, json.path("parameters"));
        form(h, ctx, json.path("parameters"), sync);
        return h.finish();
    }

    private static void parameterTable(Html h, JsonNode params) {
        h.raw("<h2>Parameters</h2><table><thead><tr><th>Name</th><th>Data type</th><th>Direction</th>"
                + "<th>Type</th><th>Description</th></tr></thead><tbody>");
        for (JsonNode p : params) {
            h.raw("<tr><td><code>").text(p.path("name").asText()).raw("</code>");
            String display = p.path("displayName").asText("");
            if (!display.isBlank() && !display.equals(p.path("name").asText())) {
                h.raw("<br><span class=\"muted\">").text(display).raw("</span>");
            }
            h.raw("</td><td>").text(p.path("dataType").asText()).raw("</td><td>")
                    .text(p.path("direction").asText().replace("esriGPParameterDirection", "")).raw("</td><td>")
                    .text(p.path("parameterType").asText().replace("esriGPParameterType", "")).raw("</td><td>")
                    .text(p.path("description").asText("")).raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }

    private static void form(Html h, PagePath ctx, JsonNode params, boolean sync) {
        String op = sync ? "execute" : "submitJob";
        h.raw("<h2>").text(sync ? "Execute" : "Submit a job").raw("</h2>");
        h.raw("<form class=\"task\" method=\"post\" action=\"").attr(ctx.child(null, op))
                .raw("\" enctype=\"application/x-www-form-urlencoded\">");
        int inputs = 0;
        for (JsonNode p : params) {
            if (INPUT.equals(p.path("direction").asText())) {
                field(h, p);
                inputs++;
            }
        }
        if (inputs == 0) {
            h.raw("<p class=\"muted\">This task takes no input.</p>");
        }
        h.raw("<div class=\"field\"><label for=\"f\">Format</label><select id=\"f\" name=\"f\">"
                + "<option value=\"html\" selected>HTML</option><option value=\"json\">JSON</option>"
                + "<option value=\"pjson\">PJSON</option></select></div>");
        h.raw("<button type=\"submit\">").text(sync ? "Execute (POST)" : "Submit Job (POST)").raw("</button>");
        h.raw("<button type=\"submit\" class=\"secondary\" formmethod=\"get\">")
                .text(sync ? "Execute (GET)" : "Submit Job (GET)").raw("</button>");
        h.raw("</form>");
    }

    private static void field(Html h, JsonNode p) {
        String name = p.path("name").asText();
        String id = "p-" + name;
        String type = p.path("dataType").asText();
        boolean required = "esriGPParameterTypeRequired".equals(p.path("parameterType").asText());
        JsonNode def = p.get("defaultValue");
        h.raw("<div class=\"field\"><label for=\"").attr(id).raw("\">").text(p.path("displayName").asText(name));
        if (required) {
            h.raw(" <span class=\"req\" title=\"required\">*</span>");
        }
        h.raw("<span class=\"meta\">").text(name + " · " + type).raw("</span></label>");
        String description = p.path("description").asText("");
        if (!description.isBlank()) {
            h.raw("<div class=\"help\">").text(description).raw("</div>");
        }
        String req = required ? " required" : "";
        JsonNode choices = p.path("choiceList");
        if (choices.isArray() && !choices.isEmpty()) {
            select(h, id, name, choices, scalar(def), required);
        } else if (type.equals("GPBoolean")) {
            select(h, id, name, MAPPER.createArrayNode().add("true").add("false"), scalar(def), required);
        } else if (type.equals("GPLong") || type.equals("GPDouble")) {
            h.raw("<input type=\"number\" id=\"").attr(id).raw("\" name=\"").attr(name).raw("\" step=\"")
                    .raw(type.equals("GPLong") ? "1" : "any").raw("\"");
            JsonNode filter = p.path("filter");
            if ("range".equals(filter.path("type").asText())) {
                if (filter.path("minimum").isNumber()) {
                    h.raw(" min=\"").attr(filter.get("minimum").asText()).raw("\"");
                }
                if (filter.path("maximum").isNumber()) {
                    h.raw(" max=\"").attr(filter.get("maximum").asText()).raw("\"");
                }
            }
            h.raw(" value=\"").attr(scalar(def)).raw("\"").raw(req).raw(">");
        } else if (isLine(type)) {
            h.raw("<input type=\"text\" id=\"").attr(id).raw("\" name=\"").attr(name).raw("\" value=\"")
                    .attr(def != null && def.isContainerNode() ? def.toString() : scalar(def)).raw("\" placeholder=\"")
                    .attr(placeholder(type)).raw("\"").raw(req).raw(">");
        } else {
            String text = pretty(def);
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            h.raw("<textarea id=\"").attr(id).raw("\" name=\"").attr(name).raw("\" rows=\"")
                    .raw(Long.toString(Math.max(3, Math.min(12, lines)))).raw("\" placeholder=\"")
                    .attr(placeholder(type)).raw("\" spellcheck=\"false\"").raw(req).raw(">").text(text)
                    .raw("</textarea>");
        }
        h.raw("</div>");
    }

    private static void select(Html h, String id, String name, JsonNode options, String selected, boolean required) {
        h.raw("<select id=\"").attr(id).raw("\" name=\"").attr(name).raw("\"").raw(required ? " required" : "")
                .raw(">");
        if (!required || selected.isEmpty()) {
            h.raw("<option value=\"\"").raw(selected.isEmpty() ? " selected" : "").raw(">")
                    .text(required ? "(choose)" : "(default)").raw("</option>");
        }
        for (JsonNode o : options) {
            String v = o.asText();
            h.raw("<option value=\"").attr(v).raw("\"").raw(v.equals(selected) ? " selected" : "").raw(">").text(v)
                    .raw("</option>");
        }
        h.raw("</select>");
    }

    /** Types whose value fits one line: strings, dates, units, data files. */
    private static boolean isLine(String type) {
        return switch (type) {
            case "GPString", "GPDate", "GPLinearUnit", "GPArealUnit", "GPTimeUnit", "GPDataFile",
                 "GPRasterData", "GPRasterDataLayer", "Field", "GPField" -> true;
            default -> false;
        };
    }

    private static String placeholder(String type) {
        return switch (type) {
            case "GPDate" -> "milliseconds since 1970-01-01 UTC";
            case "GPLinearUnit" -> "{\"distance\":10,\"units\":\"esriMeters\"}";
            case "GPArealUnit" -> "{\"area\":5,\"units\":\"esriSquareKilometers\"}";
            case "GPDataFile", "GPRasterData", "GPRasterDataLayer" -> "{\"url\":\"…\"} or {\"itemID\":\"i…\"}";
            case "GPFeatureRecordSetLayer", "GPRecordSet" -> "{\"features\":[…]} (JSON)";
            default -> type.startsWith("GPMultiValue") ? "[…] (JSON array)" : "";
        };
    }

    private static String scalar(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    private static String pretty(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isTextual()) {
            return v.asText();
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return v.toString();
        }
    }
}
