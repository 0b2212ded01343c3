package io.gpjobs.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an HTML page knows besides its resource's JSON. Immutable.
 *
 * @param title      a short title for the page, such as {@code "Job j1a2…"} or {@code "Buffer (Task)"}
 * @param requestUrl the URL of the resource, without {@code f}, {@code token} or any other parameter
 * @param baseUrl    the URL of the REST root, {@code <scheme>://<host>[:port]<contextPath>/rest}
 * @param links      named URLs the page may link to (absolute, without tokens), in display order; the page
 *                   methods of {@link HtmlPages} say which names each gets
 */
public record PageContext(String title, String requestUrl, String baseUrl, Map<String, String> links) {

    /** Checks and copies (keeping the order of {@code links}). */
    public PageContext {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(baseUrl, "baseUrl");
        links = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
    }

    /** This context with one more link. */
    public PageContext withLink(String name, String url) {
        Map<String, String> m = new LinkedHashMap<>(links);
        m.put(name, url);
        return new PageContext(title, requestUrl, baseUrl, m);
    }
}
