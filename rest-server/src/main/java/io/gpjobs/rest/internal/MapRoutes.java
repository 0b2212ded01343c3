package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.IdentifyRequest;
import io.gpjobs.map.LayerQuery;
import io.gpjobs.map.ResultMap;
import io.gpjobs.value.GPValueCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code map} group: the result map of a job ({@code services/<svc>/MapServer/jobs/<jobId>}), its layers,
 * {@code query}, {@code identify}, {@code legend} and {@code export} ({@code f=image} answers the PNG, {@code f=json}
 * an {@code href} to it). The map is found only under the service of its job. Thread-safe.
 */
final class MapRoutes {
    private static final String MAP = "rest/services/{service}/MapServer/jobs/{jobId}";

    private final RestContext ctx;

    MapRoutes(RestContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes.Builder b) {
        b.add("GET,POST", MAP, this::map);
        b.add("GET,POST", MAP + "/{layer}", this::layer);
        b.add("GET,POST", MAP + "/{layer}/query", this::query);
        b.add("GET,POST", MAP + "/identify", this::identify);
        b.add("GET,POST", MAP + "/legend", this::legend);
        b.add("GET,POST", MAP + "/export", this::export);
    }

    /** The map of the call's job, checked to belong to the URL's service. */
    private ResultMap owned(Call c) {
        ResultMap m = ctx.calls().map(c.principal(), c.var("jobId"));
        if (!m.serviceName().equals(c.var("service"))) {
            throw new JobNotFoundException(c.var("jobId"));
        }
        return m;
    }

    private String mapUrl(Call c) {
        return Call.url(c.restRoot(), List.of("services", c.var("service"), "MapServer", "jobs", c.var("jobId")));
    }

    private RestResponse map(Call c) {
        ResultMap m = owned(c);
        Map<String, String> links = new LinkedHashMap<>();
        if (m.fullExtent() != null) {
            ExportRequest e = ExportRequest.fitting(m.fullExtent(), 800);
            links.put("export", mapUrl(c) + "/export?f=image&bbox=" + e.bbox().xmin() + "," + e.bbox().ymin() + ","
                    + e.bbox().xmax() + "," + e.bbox().ymax() + "&size=" + e.width() + "," + e.height());
        }
        m.layers().forEach(l -> links.put(l.id() + ": " + l.name(), mapUrl(c) + "/" + l.id()));
        links.put("legend", mapUrl(c) + "/legend");
        return Render.json(c, ctx.pages(), m.json(), Render.Page.RESULT_MAP, "Result map of job " + m.jobId(),
                links);
    }

    private static int layerId(Call c) {
        String v = c.var("layer");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("layer id: expected a whole number, got '" + Format.clip(v) + "'");
        }
    }

    private RestResponse layer(Call c) {
        owned(c);
        ObjectNode o = ctx.calls().layerJson(c.principal(), c.var("jobId"), layerId(c));
        return Render.resource(c, ctx.pages(), o, "Layer " + c.var("layer"));
    }

    private RestResponse query(Call c) {
        owned(c);
        LayerQuery q = LayerQuery.fromRequest(c.request().params());
        ObjectNode o = ctx.calls().query(c.principal(), c.var("jobId"), layerId(c), q);
        return Render.resource(c, ctx.pages(), o, "Query of layer " + c.var("layer"));
    }

    private RestResponse identify(Call c) {
        owned(c);
        ObjectNode o = ctx.calls().identify(c.principal(), c.var("jobId"),
                IdentifyRequest.fromRequest(c.request().params()));
        return Render.resource(c, ctx.pages(), o, "Identify");
    }

    private RestResponse legend(Call c) {
        owned(c);
        return Render.resource(c, ctx.pages(), ctx.calls().legend(c.principal(), c.var("jobId")), "Legend");
    }

    private RestResponse export(Call c) {
        owned(c);
        ExportRequest r = ExportRequest.fromRequest(c.request().params());
        if (c.format() == Format.IMAGE) {
            byte[] png = ctx.calls().exportPng(c.principal(), c.var("jobId"), r);
            return new RestResponse.Bytes(200, "image/png", png, Map.of());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("href", mapUrl(c) + "/export?" + query(c, "image"));
        o.put("width", r.width());
        o.put("height", r.height());
        o.set("extent", GPValueCodec.writeGeometry(r.bbox()));
        o.put("scale", ctx.calls().exportScale(c.principal(), c.var("jobId"), r));
        return Render.resource(c, ctx.pages(), o, "Export");
    }

    /** The call's parameters (the token is already gone) as a query string, with {@code f} replaced. */
    private static String query(Call c, String f) {
        Map<String, String> p = new TreeMap<>(c.request().params());
        p.put("f", f);
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(Call.encode(k)).append('=')
                .append(Call.encode(v)));
        return b.toString();
    }
}
