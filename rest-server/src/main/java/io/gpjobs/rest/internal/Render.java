package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.InvalidInputException;
import java.util.Map;

/** Renders a resource's JSON in the call's format: JSON, indented JSON, or its HTML page. Stateless. */
final class Render {

    /** Which page of {@link HtmlPages} shows a resource. */
    enum Page { SERVICE, TASK, JOB, RESULT_MAP, RESOURCE }

    private Render() {
    }

    /**
     * The answer for {@code json}.
     *
     * @throws InvalidInputException when the call asked for {@code f=image} (only a map export draws)
     */
    static RestResponse json(Call c, HtmlPages pages, JsonNode json, Page page, String title,
                             Map<String, String> links) {
        return switch (c.format()) {
            case JSON -> RestResponse.Json.ok(json, false);
            case PJSON -> RestResponse.Json.ok(json, true);
            case IMAGE -> throw new InvalidInputException("parameter 'f': 'image' is answered by a result map's "
                    + "export only");
            case HTML -> {
                PageContext ctx = new PageContext(title, c.resourceUrl(), c.restRoot(), links);
                String html = switch (page) {
                    case SERVICE -> pages.service((ObjectNode) json, ctx);
                    case TASK -> pages.task((ObjectNode) json, ctx);
                    case JOB -> pages.job((ObjectNode) json, ctx);
                    case RESULT_MAP -> pages.resultMap((ObjectNode) json, ctx);
                    case RESOURCE -> pages.resource(json, ctx);
                };
                yield new RestResponse.Html(200, html, Map.of());
            }
        };
    }

    /** {@link #json} of a resource without links, shown by the generic page. */
    static RestResponse resource(Call c, HtmlPages pages, JsonNode json, String title) {
        return json(c, pages, json, Page.RESOURCE, title, Map.of());
    }
}
