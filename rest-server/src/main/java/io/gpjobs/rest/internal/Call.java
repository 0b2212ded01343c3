package io.gpjobs.rest.internal;

import io.gpjobs.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request matched to a route: the request (with its verified principal), the template's variables and the
 * answer's format. Immutable.
 *
 * @param request the request
 * @param vars    the route's variables, e.g. {@code service}, {@code task}, {@code jobId}
 * @param format  the {@code f} of the request
 */
public record Call(RestRequest request, Map<String, String> vars, Format format) {

    /** Checks and copies. */
    public Call {
        Objects.requireNonNull(request, "request");
        vars = Map.copyOf(vars);
        Objects.requireNonNull(format, "format");
    }

    /** A variable of the route, never null for a variable the template declares. */
    public String var(String name) {
        String v = vars.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no variable '" + name + "'");
        }
        return v;
    }

    /** A parameter, or null. */
    public String param(String name) {
        return request.param(name);
    }

    /** The verified principal, or null when anonymous. */
    public String principal() {
        return request.principal();
    }

    /**
     * A boolean parameter: {@code true}/{@code false} in any case, else the default.
     *
     * @throws InvalidInputException naming the parameter and value when it is neither
     */
    public boolean flag(String name, boolean dflt) {
        String v = param(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException("parameter '" + name + "': expected true or false, got '"
                    + Format.clip(v) + "'");
        };
    }

    /** The URL of the REST root, {@code <base>/rest}. */
    public String restRoot() {
        return request.baseUri() + "/rest";
    }

    /** The URL of the resource this call addresses, without parameters. */
    public String resourceUrl() {
        return url(request.baseUri(), request.path());
    }

    /** {@code base} followed by each segment, URL-encoded. */
    public static String url(String base, List<String> segments) {
        StringBuilder b = new StringBuilder(base);
        for (String s : segments) {
            b.append('/').append(encode(s));
        }
        return b.toString();
    }

    /** A path segment or query value, percent-encoded (spaces as {@code %20}). */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
