package io.gpjobs.rest.internal.html;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a page lives: the REST root path (such as {@code /arcgis/rest}) and the decoded path segments of the
 * resource under it (such as {@code services, Samples, GPServer, Buffer}). Every link a page writes is built from
 * these and a format, never from the request's query, so no token or other parameter of the request reaches a link.
 *
 * <p>Immutable and thread-safe.
 *
 * @param restRoot the path of the REST root, starting with {@code /}, without a trailing slash
 * @param segments the resource's path segments under the root, decoded
 */
record PagePath(String restRoot, List<String> segments) {

    /** The path of the services root (the directory's home). */
    static final List<String> SERVICES_ROOT = List.of("services");

    /** @throws IllegalArgumentException when the root does not start with a slash or ends with one */
    PagePath {
        Objects.requireNonNull(restRoot, "restRoot");
        if (!restRoot.startsWith("/") || (restRoot.length() > 1 && restRoot.endsWith("/"))) {
            throw new IllegalArgumentException("restRoot must start with '/' and not end with one, got '"
                    + restRoot + "'");
        }
        segments = List.copyOf(segments);
    }

    /** A context at {@code restRoot} for the segments given. */
    static PagePath of(String restRoot, String... segments) {
        return new PagePath(restRoot, List.of(segments));
    }

    /** The link to this resource in format {@code f}. */
    String self(String f) {
        return href(segments, f);
    }

    /** The link to a resource under this one, in format {@code f}. */
    String child(String f, String... more) {
        List<String> s = new ArrayList<>(segments);
        s.addAll(List.of(more));
        return href(s, f);
    }

    /** The link to the resource at {@code path} under the root, in format {@code f} (none when null). */
    String href(List<String> path, String f) {
        StringBuilder b = new StringBuilder(restRoot.equals("/") ? "" : restRoot);
        for (String s : path) {
            b.append('/').append(encodeSegment(s));
        }
        if (f != null) {
            b.append("?f=").append(f);
        }
        return b.toString();
    }

    /** The last segment, or "" at the root. */
    String last() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The segments up to (excluding) index {@code end}. */
    List<String> prefix(int end) {
        return segments.subList(0, Math.min(end, segments.size()));
    }

    /**
     * The breadcrumbs: Home, then one crumb per resource on the path; a service and its type
     * ({@code Samples}, {@code GPServer}) make one crumb, and the {@code jobs} segment, which is no resource, has no
     * link.
     */
    List<Crumb> breadcrumbs() {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb("Home", href(SERVICES_ROOT, "html")));
        int start = !segments.isEmpty() && segments.get(0).equals("services") ? 1 : 0;
        for (int i = start; i < segments.size(); i++) {
            String s = segments.get(i);
            boolean typed = i + 1 < segments.size() && isServiceType(segments.get(i + 1));
            if (typed) {
                // A result map lives under <svc>/MapServer/jobs/<id>; its service's page is the GPServer one.
                List<String> service = new ArrayList<>(prefix(i + 1));
                service.add("GPServer");
                crumbs.add(new Crumb(s + " (GPServer)", href(service, "html")));
                i++;
            } else if (s.equals("jobs")) {
                crumbs.add(new Crumb("jobs", null));
            } else {
                crumbs.add(new Crumb(s, href(prefix(i + 1), "html")));
            }
        }
        return crumbs;
    }

    static boolean isServiceType(String s) {
        return s.equals("GPServer") || s.equals("MapServer");
    }

    /** Percent-encodes one path segment (UTF-8; only RFC 3986 unreserved characters stay as they are). */
    static String encodeSegment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    /** One breadcrumb; {@code href} null when the crumb is no resource. */
    record Crumb(String label, String href) {
    }
}
