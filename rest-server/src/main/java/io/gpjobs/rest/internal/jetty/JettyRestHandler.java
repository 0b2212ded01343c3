package io.gpjobs.rest.internal.jetty;

import io.gpjobs.GPException;
import io.gpjobs.rest.RestLimits;
import io.gpjobs.rest.internal.RestRequest;
import io.gpjobs.rest.internal.RestResponse;
import io.gpjobs.rest.internal.RestRouter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The one Jetty {@link Handler} of the REST API: it adapts a Jetty request to a {@link RestRequest} (query
 * parameters merged with an url-encoded or multipart form body, within the body and upload limits) and writes the
 * router's {@link RestResponse}. When no route matches the path it returns {@code false} without touching the
 * response, so that a host's other handlers may answer. Thread-safe.
 */
public final class JettyRestHandler extends Handler.Abstract {
    private static final int MEMORY_PART_BYTES = 1 << 20;
    private static final int MAX_PARTS = 64;

    private final RestRouter router;
    private final String contextPath;
    private final RestLimits limits;
    private final Path partsDir;

    /**
     * A handler for {@code router} under {@code contextPath} ("" or {@code /name}).
     *
     * @param partsDir where multipart file parts larger than 1 MiB wait while a request is handled
     */
    public JettyRestHandler(RestRouter router, String contextPath, RestLimits limits, Path partsDir) {
        this.router = router;
        this.contextPath = contextPath;
        this.limits = limits;
        this.partsDir = partsDir;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> path = segments(Request.getPathInContext(request));
        if (path == null || !router.matches(path)) {
            return false;
        }
        HttpURI uri = request.getHttpURI();
        String outer = Request.getContextPath(request); // null unless a host's ContextHandler wraps this handler
        String base = uri.getScheme() + "://" + uri.getAuthority() + (outer == null ? "" : outer) + contextPath;
        Map<String, String> params = new HashMap<>();
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        query.forEach(f -> params.putIfAbsent(f.getName(), f.getValue()));
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
        }
        RestRequest head = new RestRequest(request.getMethod(), base, path, params, headers, List.of(), null, null);
        MultiPartFormData.Parts parts = null;
        List<Path> copies = new ArrayList<>();
        RestResponse answer;
        try {
            List<RestRequest.FilePart> files = new ArrayList<>();
            byte[] body = null;
            String type = mime(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
            if (type.equals("application/x-www-form-urlencoded")) {
                form(request, params);
            } else if (type.equals("multipart/form-data")) {
                parts = multipart(request, params, files, copies);
            } else if (request.getLength() != 0 && !type.isEmpty()) {
                body = read(request, limits.maxBodyBytes());
            }
            answer = router.handle(new RestRequest(request.getMethod(), base, path, params, headers, files, body,
                    null));
        } catch (GPException e) {
            answer = router.failure(head, e);
        } finally {
            if (parts != null) {
                parts.close();
            }
            for (Path c : copies) {
                Files.deleteIfExists(c);
            }
        }
        write(answer, response, callback);
        return true;
    }

    /** The segments of a decoded path after this handler's context path, or null when outside it. */
    private List<String> segments(String inContext) {
        if (inContext == null) {
            return null;
        }
        String p = inContext;
        if (!contextPath.isEmpty()) {
            if (!p.startsWith(contextPath + "/")) {
                return null;
            }
            p = p.substring(contextPath.length());
        }
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return List.of();
        }
        // Jetty leaves the path in context percent-encoded: decode each segment after splitting, so an encoded
        // character (a space in a name) is matched as itself and an encoded slash never makes a new segment.
        List<String> out = new ArrayList<>();
        for (String segment : p.split("/", -1)) {
            String decoded;
            try {
                decoded = URIUtil.decodePath(segment);
            } catch (IllegalArgumentException e) {
                decoded = segment;
            }
            out.add(decoded);
        }
        return List.copyOf(out);
    }

    private static String mime(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private void form(Request request, Map<String, String> params) {
        byte[] bytes = read(request, limits.maxBodyBytes());
        Map<String, String> form = new HashMap<>();
        try {
            UrlEncoded.decodeTo(new String(bytes, StandardCharsets.UTF_8), form::putIfAbsent, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new GPException(400, "Unable to read the request.", List.of("the form body is not valid "
                    + "application/x-www-form-urlencoded UTF-8: " + e.getMessage()));
        }
        params.putAll(form);
    }

    /** Reads the whole body, refusing one over {@code max} bytes (by its Content-Length, or as it arrives). */
    private static byte[] read(Request request, long max) {
        long length = request.getLength();
        if (length > max) {
            throw tooLarge(length, max);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw tooLarge(-1, max);
            }
            return b;
        } catch (IOException e) {
            throw new GPException(400, "Unable to read the request.", List.of("the body could not be read: "
                    + e.getMessage()));
        }
    }

    private static GPException tooLarge(long length, long max) {
        return new GPException(413, "Request too large.", List.of("the body " + (length < 0 ? "is longer than"
                : "of " + length + " bytes is over") + " the limit of " + max + " bytes"));
    }

    private MultiPartFormData.Parts multipart(Request request, Map<String, String> params,
                                              List<RestRequest.FilePart> files, List<Path> copies) {
        long max = limits.maxUploadBytes() + limits.maxBodyBytes();
        if (request.getLength() > max) {
            throw tooLarge(request.getLength(), max);
        }
        String boundary = MultiPart.extractBoundary(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (boundary == null || boundary.isEmpty()) {
            throw new GPException(400, "Unable to read the request.", List.of("multipart/form-data without a "
                    + "boundary"));
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        MultiPartConfig config = new MultiPartConfig.Builder().location(partsDir).maxParts(MAX_PARTS)
                .maxPartSize(limits.maxUploadBytes()).maxSize(max).maxMemoryPartSize(MEMORY_PART_BYTES).build();
        MultiPartFormData.Parts parts;
        try {
            parts = MultiPartFormData.getParts(request, request, contentType, config);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = String.valueOf(cause.getMessage());
            if (why.toLowerCase(Locale.ROOT).contains("max")) {
                throw new GPException(413, "Request too large.", List.of("the upload is over the limit of "
                        + limits.maxUploadBytes() + " bytes per file (" + why + ")"));
            }
            throw new GPException(400, "Unable to read the request.", List.of("the multipart/form-data body is "
                    + "malformed: " + why));
        }
        Map<String, String> fields = new HashMap<>();
        for (MultiPart.Part p : parts) {
            if (p.getFileName() == null) {
                fields.putIfAbsent(p.getName(), p.getContentAsString(StandardCharsets.UTF_8));
            } else {
                // each file part to a file of its own: the router may read it after the parts' buffers are reused
                Path copy = partsDir.resolve("gpjobs-part-" + UUID.randomUUID());
                try {
                    p.writeTo(copy);
                } catch (IOException e) {
                    throw new GPException(400, "Unable to read the request.", List.of("the file part '"
                            + p.getName() + "' could not be read: " + e.getMessage()));
                }
                copies.add(copy);
                files.add(new RestRequest.FilePart(p.getName(), p.getFileName(),
                        p.getHeaders().get(HttpHeader.CONTENT_TYPE), p.getLength(), () -> Files.newInputStream(copy)));
            }
        }
        params.putAll(fields);
        return parts;
    }

    private static void write(RestResponse r, Response response, Callback callback) {
        response.setStatus(r.status());
        r.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (r instanceof RestResponse.Redirect redirect) {
            response.getHeaders().put(HttpHeader.LOCATION, redirect.location());
        }
        byte[] bytes = r.bytes();
        if (r.status() != 204) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
