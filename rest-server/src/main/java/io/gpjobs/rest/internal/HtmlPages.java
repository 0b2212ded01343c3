package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code f=html} pages of the Services Directory, one method per kind of resource. Each gets the JSON the
 * resource answers for {@code f=json} (exactly that tree: a page shows what a client would read) and a
 * {@link PageContext} with the URLs the page may link to, and returns a complete HTML document.
 *
 * <p>Implementations are thread-safe and must HTML-escape every value taken from the JSON or the context: names,
 * messages and values come from clients. Tokens never reach a page (the context's URLs are without them).
 */
public interface HtmlPages {

    /** The page of a GP service ({@code <svc>/GPServer}): {@code json} is the service description. */
    String service(ObjectNode json, PageContext ctx);

    /**
     * The page of a task ({@code <svc>/GPServer/<task>}): {@code json} is the task description with its parameters;
     * the context's {@link PageContext#links()} hold {@code submitJob} or {@code execute}, the operation the form
     * should send to.
     */
    String task(ObjectNode json, PageContext ctx);

    /**
     * The page of a job ({@code <task>/jobs/<jobId>}): {@code json} is the job resource (status, progress, messages,
     * result and input links); the links hold {@code results/<name>} for each result, {@code cancel}, and
     * {@code resultMap} when the job has a result map.
     */
    String job(ObjectNode json, PageContext ctx);

    /**
     * The page of a job's result map ({@code MapServer/jobs/<jobId>}): {@code json} is the map service JSON; the
     * links hold {@code export}, the URL of a PNG of the whole map when it has an extent.
     */
    String resultMap(ObjectNode json, PageContext ctx);

    /** The page of any other resource (info, services, results, inputs, uploads, admin answers). */
    String resource(JsonNode json, PageContext ctx);

    /** The page of an error: {@code envelope} is {@code {"error":{"code","message","details"}}}. */
    String error(ObjectNode envelope, PageContext ctx);
}
