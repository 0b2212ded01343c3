package io.gpjobs.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request as the router sees it, free of any transport type. Immutable.
 *
 * @param method    the HTTP method, upper case
 * @param baseUri   {@code <scheme>://<host>[:port]<contextPath>} of the request, for the URLs answers link to
 * @param path      the decoded path segments after the context path, e.g. {@code [rest, services, Samples,
 *                  GPServer]}
 * @param params    the query parameters merged with the url-encoded or multipart form fields (a form field wins
 *                  over a query parameter of the same name; the first value of a repeated name wins)
 * @param headers   the request headers by lower-case name (the first value of a repeated header)
 * @param files     the file parts of a multipart body, in order
 * @param body      the body when it was neither a form nor multipart (at most the body limit), else empty
 * @param principal the verified principal, or null before the token check and for anonymous callers
 */
public record RestRequest(String method, String baseUri, List<String> path, Map<String, String> params,
                          Map<String, String> headers, List<FilePart> files, byte[] body, String principal) {

    /** Checks and copies; header names become lower case. */
    public RestRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(baseUri, "baseUri");
        path = List.copyOf(path);
        params = Map.copyOf(params);
        Map<String, String> h = new TreeMap<>();
        headers.forEach((k, v) -> h.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(h);
        files = List.copyOf(files);
        body = body == null ? new byte[0] : body;
    }

    /** A request without files or body, for callers that build one by hand. */
    public static RestRequest of(String method, String baseUri, List<String> path, Map<String, String> params,
                                 Map<String, String> headers) {
        return new RestRequest(method, baseUri, path, params, headers, List.of(), null, null);
    }

    /** A parameter, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** A header by name (any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** This request on behalf of {@code p}. */
    public RestRequest withPrincipal(String p) {
        return new RestRequest(method, baseUri, path, params, headers, files, body, p);
    }

    /**
     * A file part of a multipart body.
     *
     * @param name        the form field name
     * @param fileName    the file name the client sent (not trusted as a path), or null
     * @param contentType the part's content type, or null
     * @param size        its size in bytes
     * @param content     opens its content
     */
    public record FilePart(String name, String fileName, String contentType, long size, Content content) {
        /** Checks the fields. */
        public FilePart {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Opens the content of a file part; each call gives a new stream the caller closes. */
    @FunctionalInterface
    public interface Content {
        /** @throws IOException when the content cannot be read */
        InputStream open() throws IOException;
    }
}
