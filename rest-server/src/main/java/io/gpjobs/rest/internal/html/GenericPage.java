package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;

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
        return render(ctx, title, json, Map.of());
    }

    /**
     * The page of the resource {@code json} at {@code ctx} with a list of related resources: {@code links} maps a
     * label to a URL of this server (only its path and query are used, so a page never points at another host).
     */
    static String render(PagePath ctx, String title, JsonNode json, Map<String, String> links) {
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
            related(h, links);
            return h.finish();
        }
        related(h, links);
        JsonView.value(h, json, 0);
        if (json != null && json.isContainerNode() && !JsonView.isFeatureSet(json)) {
            JsonView.raw(h, json);
        }
        return h.finish();
    }

    private static void related(Html h, Map<String, String> links) {
        if (links.isEmpty()) {
            return;
        }
        h.raw("<ul class=\"links\" id=\"related\">");
        links.forEach((label, url) -> h.raw("<li>").link(localHtml(url), label).raw("</li>"));
        h.raw("</ul>");
    }

    /** The path of {@code url} with {@code ?f=html}, or null when it is no URL. */
    static String localHtml(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null || !path.startsWith("/") ? null : path + "?f=html";
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
