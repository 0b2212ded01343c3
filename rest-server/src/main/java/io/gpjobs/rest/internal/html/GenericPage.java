package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The page of any other resource (info, a layer, a legend, a query answer, an upload item, an admin answer, an
 * error): its JSON as tables, with the raw JSON below.
 *
 * <p>Stateless and thread-safe.
 */
final class GenericPage {
    private GenericPage() {
    }

    /** The page of the resource {@code json} at {@code ctx}, titled {@code title} (the last segment when null). */
    static String render(PagePath ctx, String title, JsonNode json) {
        Html h = Html.page(ctx, title == null || title.isBlank() ? ctx.last() : title, 0);
        JsonNode error = json == null ? null : json.get("error");
        if (error != null && error.isObject()) {
            h.raw("<p class=\"lead\"><span class=\"badge st-failed\">Error ").text(error.path("code").asText())
                    .raw("</span> ").text(error.path("message").asText()).raw("</p>");
            JsonNode details = error.path("details");
            if (details.isArray() && !details.isEmpty()) {
                h.raw("<ul>");
                details.forEach(d -> h.raw("<li>").text(d.asText()).raw("</li>"));
                h.raw("</ul>");
            }
            return h.finish();
        }
        JsonView.value(h, json, 0);
        if (json != null && json.isContainerNode() && !JsonView.isFeatureSet(json)) {
            JsonView.raw(h, json);
        }
        return h.finish();
    }
}
