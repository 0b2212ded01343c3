package io.gpjobs.rest.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPEngine;
import io.gpjobs.GPJson;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.ResultMapService;
import io.gpjobs.rest.internal.PageContext;
import io.gpjobs.rest.internal.html.ServicesDirectoryPages;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A loopback server of the f=html pages over an engine: the read-only resources the pages show (services, service,
 * task, job, result parameter, result map and its PNG export), enough to load every page in a browser.
 */
final class PageServer {
    static final String ROOT = "/arcgis/rest";
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final GPEngine engine;
    private final ResultMapService maps;
    private final ServicesDirectoryPages pages = new ServicesDirectoryPages();

    PageServer(GPEngine engine) throws Exception {
        this.engine = engine;
        this.maps = ResultMapService.of(engine);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    serve(request, response, callback);
                } catch (RuntimeException e) {
                    response.setStatus(500);
                    Content.Sink.write(response, true, String.valueOf(e), callback);
                }
                return true;
            }
        });
        server.start();
    }

    URI uri(String pathUnderRoot) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + ROOT + pathUnderRoot);
    }

    private void serve(Request request, Response response, Callback callback) {
        String raw = Request.getPathInContext(request);
        Fields q = Request.extractQueryParameters(request);
        Map<String, String> params = new HashMap<>();
        q.forEach(f -> params.put(f.getName(), f.getValue()));
        List<String> s = java.util.Arrays.stream(raw.substring(ROOT.length() + 1).split("/"))
                .map(x -> URLDecoder.decode(x, StandardCharsets.UTF_8)).toList();
        String base = "http://127.0.0.1:" + connector.getLocalPort() + ROOT;
        PageContext ctx = new PageContext(s.get(s.size() - 1), "http://127.0.0.1:" + connector.getLocalPort() + raw,
                base, Map.of());
        int n = s.size();
        String html;
        if (n == 1) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("currentVersion", 11.1);
            o.putArray("folders");
            var arr = o.putArray("services");
            engine.serviceNames().forEach(name -> arr.addObject().put("name", name).put("type", "GPServer"));
            html = pages.resource(o, ctx);
        } else if (s.get(2).equals("MapServer")) {
            String jobId = s.get(4);
            if (n == 6 && s.get(5).equals("export")) {
                byte[] png = maps.exportPng(jobId, ExportRequest.fromRequest(params));
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/png");
                response.write(true, ByteBuffer.wrap(png), callback);
                return;
            }
            html = pages.resultMap(maps.map(jobId).json(), ctx);
        } else if (n == 3) {
            html = pages.service(engine.serviceJson(s.get(1)), ctx);
        } else if (n == 4) {
            html = pages.task(engine.taskJson(s.get(1), s.get(3)), ctx);
        } else if (n == 6) {
            boolean map = engine.service(s.get(1)).resultMapServer();
            html = pages.job(GPJson.job(engine.job(s.get(5)), true), map ? ctx.withLink("resultMap", "x") : ctx);
        } else {
            JsonNode p = GPJson.parameter(engine.result(s.get(5), s.get(7)));
            html = pages.resource(p, ctx);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        Content.Sink.write(response, true, html, callback);
    }

    void stop() throws Exception {
        server.stop();
    }
}
