package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.rest.internal.HtmlPages;
import io.gpjobs.rest.internal.PageContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code f=html} pages of the Services Directory: services root and folders, service, task (a form that submits
 * a job, or executes on a synchronous service, one field per input parameter), job (status, progress, messages,
 * result and input links, a cancel button, a reload every {@value JobPages#REFRESH_SECONDS} s while it runs),
 * results and inputs, one parameter, the result map with its exported image, and a generic page for any other
 * resource or error. Plain server-rendered HTML with inline CSS: no script, no external resource; every piece of
 * text and every attribute is HTML-escaped, and links are built from the resource's path alone, so no token or other
 * request parameter appears in a page.
 *
 * <p>Stateless and thread-safe. Arguments must not be null.
 */
public final class ServicesDirectoryPages implements HtmlPages {

    /** The pages (stateless). */
    public ServicesDirectoryPages() {
    }

    @Override
    public String service(ObjectNode json, PageContext ctx) {
        return ServicePages.service(path(ctx), json);
    }

    @Override
    public String task(ObjectNode json, PageContext ctx) {
        return TaskPage.render(path(ctx), json);
    }

    @Override
    public String job(ObjectNode json, PageContext ctx) {
        return JobPages.job(path(ctx), json, ctx.links().containsKey("resultMap"));
    }

    @Override
    public String resultMap(ObjectNode json, PageContext ctx) {
        return MapPages.map(path(ctx), json);
    }

    @Override
    public String resource(JsonNode json, PageContext ctx) {
        return page(path(ctx), ctx.title(), json, ctx.links());
    }

    @Override
    public String error(ObjectNode envelope, PageContext ctx) {
        return GenericPage.render(path(ctx), ctx.title(), envelope, ctx.links());
    }

    /**
     * The page for the resource at {@code path}, chosen by the shape of its path: services root or folder, service,
     * task, execute answer, job, results/inputs, one parameter, result map, else the generic page. An error
     * envelope always gets the generic page.
     */
    static String page(PagePath path, String title, JsonNode json, Map<String, String> links) {
        boolean hasResultMap = links.containsKey("resultMap");
        List<String> s = path.segments();
        int n = s.size();
        if (json == null || !json.isContainerNode() || json.has("error")) {
            return GenericPage.render(path, title, json, links);
        }
        String at = n >= 1 ? s.get(n - 1) : "";
        String before = n >= 2 ? s.get(n - 2) : "";
        String third = n >= 3 ? s.get(n - 3) : "";
        if (json.isArray()) {
            return (at.equals("results") || at.equals("inputs")) && before.length() > 0
                    ? JobPages.parameters(path, json) : GenericPage.render(path, title, json, links);
        }
        ObjectNode o = (ObjectNode) json;
        if (n >= 1 && s.get(0).equals("services") && o.has("services") && !s.contains("GPServer")) {
            return ServicePages.services(path, o);
        }
        if (at.equals("GPServer")) {
            return ServicePages.service(path, o);
        }
        if (before.equals("GPServer")) {
            return TaskPage.render(path, o);
        }
        if (at.equals("execute") && third.equals("GPServer")) {
            return ServicePages.executeResult(path, o);
        }
        if (before.equals("jobs") && third.equals("MapServer")) {
            return MapPages.map(path, o);
        }
        if (before.equals("jobs") && o.has("jobStatus")) {
            return JobPages.job(path, o, hasResultMap);
        }
        if ((before.equals("results") || before.equals("inputs")) && o.has("paramName")) {
            return JobPages.parameter(path, o);
        }
        return GenericPage.render(path, title, o, links);
    }

    /**
     * The path of the context's resource: the REST root is the path of {@code baseUrl}, the segments are the
     * decoded path of {@code requestUrl} under it (none when the request is not under the root).
     */
    static PagePath path(PageContext ctx) {
        String root = rawPath(ctx.baseUrl());
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        if (root.isEmpty()) {
            root = "/";
        }
        String request = rawPath(ctx.requestUrl());
        List<String> segments = new ArrayList<>();
        String prefix = root.equals("/") ? "" : root;
        if (request.startsWith(prefix + "/")) {
            for (String seg : request.substring(prefix.length() + 1).split("/")) {
                if (!seg.isEmpty()) {
                    segments.add(URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            }
        }
        return new PagePath(root, segments);
    }

    private static String rawPath(String url) {
        try {
            String p = URI.create(url).getRawPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
