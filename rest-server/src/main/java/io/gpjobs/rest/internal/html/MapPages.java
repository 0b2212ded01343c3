package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.value.Geometry.Envelope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The page of a job's result map ({@code …/MapServer/jobs/<jobId>}): the map exported as a PNG over its full
 * extent (with a scale bar and north arrow when the map has a spatial reference wkid), its layers and tables with links, spatial reference and extent.
 *
 * <p>Stateless and thread-safe.
 */
final class MapPages {
    /** Width in pixels of the map image on the page. */
    static final int IMAGE_WIDTH = 800;

    private MapPages() {
    }

    /** The page of the map service resource {@code json} (as {@code ResultMap.json()} renders it). */
    static String map(PagePath ctx, ObjectNode json) {
        Html h = Html.page(ctx, "Result map " + ctx.last(), 0);
        String description = json.path("serviceDescription").asText("");
        if (!description.isBlank()) {
            h.raw("<p class=\"lead\">").text(description).raw("</p>");
        }
        String task = json.path("mapName").asText("");
        int mapServer = ctx.segments().indexOf("MapServer");
        if (!task.isBlank() && mapServer > 0) {
            List<String> job = new ArrayList<>(ctx.segments().subList(0, mapServer));
            job.addAll(List.of("GPServer", task, "jobs", ctx.last()));
            h.raw("<p>").link(ctx.href(job, "html"), "The job").raw(" · ")
                    .link(ctx.child("html", "legend"), "Legend").raw("</p>");
        }
        JsonNode extent = json.path("fullExtent");
        if (extent.path("xmin").isNumber() && extent.path("ymax").isNumber()) {
            ExportRequest r = ExportRequest.fitting(new Envelope(extent.get("xmin").asDouble(),
                    extent.get("ymin").asDouble(), extent.get("xmax").asDouble(), extent.get("ymax").asDouble(),
                    null), IMAGE_WIDTH);
            Envelope b = r.bbox();
            String bbox = num(b.xmin()) + "," + num(b.ymin()) + "," + num(b.xmax()) + "," + num(b.ymax());
            String wkid = json.path("spatialReference").path("wkid").asText("");
            // a map with a spatial reference gets a scale bar and a north arrow (one without has no known scale)
            String src = ctx.child(null, "export") + "?f=image&format=png&bbox=" + bbox
                    + (wkid.isEmpty() ? "" : "&bboxSR=" + wkid + "&scaleBar=true&northArrow=true") + "&size="
                    + r.width() + "," + r.height();
            h.raw("<div class=\"map\"><img id=\"map-image\" alt=\"Map of the job's results\" width=\"")
                    .raw(Integer.toString(r.width())).raw("\" height=\"").raw(Integer.toString(r.height()))
                    .raw("\" src=\"").attr(src).raw("\"></div>");
            h.raw("<p class=\"muted\">").link(src, "Exported image (PNG)").raw(" · ")
                    .link(ctx.child(null, "export") + "?f=json&bbox=" + bbox + "&size=" + r.width() + ","
                            + r.height(), "export as JSON").raw("</p>");
        } else {
            h.raw("<p class=\"muted\">This map has no extent: none of its layers has a geometry to draw.</p>");
        }
        layerList(h, ctx, json.path("layers"), "Layers");
        layerList(h, ctx, json.path("tables"), "Tables");
        h.raw("<h2>Properties</h2><table class=\"kv\">");
        JsonNode sr = json.path("spatialReference");
        h.row("Spatial reference", sr.hasNonNull("wkid") ? "WKID " + sr.get("wkid").asText()
                : sr.isObject() ? sr.toString() : "none");
        if (extent.isObject()) {
            h.row("Full extent", "xmin " + coord(extent.path("xmin")) + ", ymin " + coord(extent.path("ymin"))
                    + ", xmax " + coord(extent.path("xmax")) + ", ymax " + coord(extent.path("ymax")));
        }
        h.row("Units", json.path("units").asText(""));
        h.row("Capabilities", json.path("capabilities").asText(""));
        h.row("Max record count", json.path("maxRecordCount").asText(""));
        h.raw("</table>");
        return h.finish();
    }

    private static void layerList(Html h, PagePath ctx, JsonNode layers, String title) {
        if (!layers.isArray() || layers.isEmpty()) {
            return;
        }
        h.raw("<h2>").text(title).raw("</h2><ul class=\"links\" id=\"").attr(title.toLowerCase(Locale.ROOT))
                .raw("\">");
        for (JsonNode l : layers) {
            String id = l.path("id").asText();
            String kind = l.hasNonNull("geometryType") ? l.get("geometryType").asText().replace("esriGeometry", "")
                    : l.path("type").asText();
            h.raw("<li>").link(ctx.child("html", id), l.path("name").asText() + " (" + id + ")")
                    .raw("<span class=\"note\">").text(kind).raw(" · ")
                    .link(ctx.child(null, id, "query") + "?where=1%3D1&outFields=*&f=json", "query all (JSON)")
                    .raw("</span></li>");
        }
        h.raw("</ul>");
    }

    /** A coordinate with at most 6 decimals, without trailing zeros. */
    static String coord(JsonNode v) {
        if (!v.isNumber()) {
            return v.asText();
        }
        return new BigDecimal(v.asDouble()).setScale(6, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
