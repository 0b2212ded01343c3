package io.gpjobs.rest.internal.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code f=html} pages of the Services Directory: pure functions from a resource's JSON (as {@code GPJson} and
 * {@code ResultMap} render it) and its {@link PageContext} to a complete HTML document. Plain server-rendered HTML
 * with inline CSS: no script, no external resource; every piece of text and every attribute is HTML-escaped, and
 * links are built from the resource path alone, so no token of the request appears in a page.
 *
 * <p>Stateless and thread-safe. Arguments must not be null unless stated.
 */
public final class DirectoryPages {
    private DirectoryPages() {
    }

    /** The services root or a folder: {@code {"folders":[…],"services":[{"name","type"}]}}. */
    public static String services(PageContext ctx, ObjectNode json) {
        return ServicePages.services(ctx, json);
    }

    /** A GP service ({@code GPJson.service}). */
    public static String service(PageContext ctx, ObjectNode json) {
        return ServicePages.service(ctx, json);
    }

    /** A task ({@code GPJson.task}) with a form that submits a job, or executes on a synchronous service. */
    public static String task(PageContext ctx, ObjectNode json) {
        return TaskPage.render(ctx, json);
    }

    /** The answer of {@code execute} ({@code GPJson.execute}). */
    public static String executeResult(PageContext ctx, ObjectNode json) {
        return ServicePages.executeResult(ctx, json);
    }

    /**
     * A job ({@code GPJson.job}): status, progress, messages, result and input links, a reload every
     * {@value JobPages#REFRESH_SECONDS} s while it runs.
     *
     * @param hasResultMap whether the job's service has a result map server
     */
    public static String job(PageContext ctx, ObjectNode json, boolean hasResultMap) {
        return JobPages.job(ctx, json, hasResultMap);
    }

    /** One result or input parameter ({@code GPJson.parameter}). */
    public static String parameter(PageContext ctx, ObjectNode json) {
        return JobPages.parameter(ctx, json);
    }

    /** The {@code results} or {@code inputs} resource ({@code GPJson.parameters}). */
    public static String parameters(PageContext ctx, JsonNode array) {
        return JobPages.parameters(ctx, array);
    }

    /** A job's result map ({@code ResultMap.json()}) with its exported image. */
    public static String resultMap(PageContext ctx, ObjectNode json) {
        return MapPages.map(ctx, json);
    }

    /** Any other resource, or an error envelope; {@code title} null for the last path segment. */
    public static String generic(PageContext ctx, String title, JsonNode json) {
        return GenericPage.render(ctx, title, json);
    }

    /**
     * The page for the resource at {@code ctx}, chosen by the shape of its path: services root or folder, service,
     * task, execute answer, job, results/inputs, one parameter, result map, else the generic page. An error
     * envelope always gets the generic page.
     *
     * @param hasResultMap for a job page: whether the service has a result map server
     */
    public static String page(PageContext ctx, JsonNode json, boolean hasResultMap) {
        List<String> s = ctx.segments();
        int n = s.size();
        if (json == null || !json.isContainerNode() || json.has("error")) {
            return generic(ctx, null, json);
        }
        if (json.isArray()) {
            return n >= 1 && (s.get(n - 1).equals("results") || s.get(n - 1).equals("inputs"))
                    ? parameters(ctx, json) : generic(ctx, null, json);
        }
        ObjectNode o = (ObjectNode) json;
        String at = n >= 1 ? s.get(n - 1) : "";
        String before = n >= 2 ? s.get(n - 2) : "";
        String third = n >= 3 ? s.get(n - 3) : "";
        if (n >= 1 && s.get(0).equals("services") && o.has("services") && !s.contains("GPServer")) {
            return services(ctx, o);
        }
        if (at.equals("GPServer")) {
            return service(ctx, o);
        }
        if (before.equals("GPServer")) {
            return task(ctx, o);
        }
        if (at.equals("execute") && third.equals("GPServer")) {
            return executeResult(ctx, o);
        }
        if (before.equals("jobs") && third.equals("MapServer")) {
            return resultMap(ctx, o);
        }
        if (before.equals("jobs") && o.has("jobStatus")) {
            return job(ctx, o, hasResultMap);
        }
        if ((before.equals("results") || before.equals("inputs")) && o.has("paramName")) {
            return parameter(ctx, o);
        }
        return generic(ctx, null, o);
    }
}
