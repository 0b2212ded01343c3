package io.gpjobs.rest.internal.html;

import java.net.URI;
import java.util.Locale;

/**
 * A page being written: the Services Directory chrome (inline CSS, header, breadcrumbs, format links) around a body
 * appended through methods that HTML-escape every piece of text and attribute value. Nothing here emits a script.
 *
 * <p>Not thread-safe: one instance per page.
 */
final class Html {
    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.45 "DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1d2733;background:#f4f6f8}
            header{background:#1f3a5f;color:#fff;padding:10px 24px;display:flex;align-items:baseline;gap:16px}
            header .brand{font-weight:bold;font-size:18px}
            header a{color:#fff;text-decoration:none}
            header .sub{color:#c4d3e6;font-size:13px}
            nav.crumbs{padding:8px 24px;background:#e3e9f0;font-size:13px;overflow-wrap:anywhere}
            nav.crumbs a{color:#1f3a5f}
            nav.crumbs span.sep{color:#7a8896;margin:0 6px}
            main{max-width:1060px;margin:18px auto;padding:0 24px 40px}
            h1{font-size:24px;margin:6px 0 4px;overflow-wrap:anywhere}
            h2{font-size:18px;margin:26px 0 8px;border-bottom:1px solid #cfd8e2;padding-bottom:4px}
            p.lead{color:#4a5866;margin:4px 0 14px}
            a{color:#1a5fb4}
            .formats{font-size:13px;color:#4a5866;margin-bottom:10px}
            .formats a{margin-right:10px}
            table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0 12px}
            th,td{border:1px solid #d5dde6;padding:5px 9px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{background:#eef2f6;font-weight:600;white-space:nowrap}
            table.kv th{width:210px}
            code,pre,.mono{font-family:"DejaVu Sans Mono",monospace;font-size:13px}
            pre{background:#fff;border:1px solid #d5dde6;padding:10px;overflow:auto;max-height:420px;margin:6px 0}
            ul.links{list-style:none;padding:0;margin:6px 0;background:#fff;border:1px solid #d5dde6}
            ul.links li{padding:6px 12px;border-top:1px solid #e6ebf0}
            ul.links li:first-child{border-top:0}
            ul.links .note{color:#6b7885;font-size:13px;margin-left:8px}
            .badge{display:inline-block;padding:2px 10px;border-radius:12px;font-size:13px;font-weight:600;color:#fff;background:#6b7885}
            .st-succeeded{background:#2e7d32}.st-failed,.st-timedout{background:#c62828}
            .st-executing,.st-submitted,.st-new,.st-waiting{background:#1565c0}
            .st-cancelling,.st-cancelled,.st-deleting,.st-deleted{background:#8d6e00}
            .bar{height:18px;background:#dde4ec;border-radius:9px;overflow:hidden;max-width:520px;margin:2px 0 4px}
            table.kv th,table.kv td{vertical-align:middle}
            .bar div{height:100%;background:#1565c0}
            .msg-esriJobMessageTypeError td{color:#b71c1c}
            .msg-esriJobMessageTypeWarning td{color:#8d5a00}
            form.task{background:#fff;border:1px solid #d5dde6;padding:14px 16px}
            .field{margin:0 0 14px}
            .field label{display:block;font-weight:600}
            .field .meta{color:#6b7885;font-size:12px;font-weight:normal;margin-left:6px}
            .field .help{color:#4a5866;font-size:13px;margin:2px 0 4px}
            .field input,.field select,.field textarea{width:100%;max-width:720px;padding:5px 7px;border:1px solid #9fb0c2;border-radius:3px;font:inherit}
            .field textarea{font-family:"DejaVu Sans Mono",monospace;font-size:12px;min-height:70px}
            .req{color:#c62828}
            button{background:#1f3a5f;color:#fff;border:0;border-radius:3px;padding:7px 16px;font:inherit;cursor:pointer;margin-right:8px}
            button.secondary{background:#5b6b7c}
            .map{background:#fff;border:1px solid #d5dde6;display:inline-block;padding:4px}
            .map img{display:block;max-width:100%;height:auto}
            .muted{color:#6b7885}
            footer{max-width:1060px;margin:0 auto;padding:0 24px 24px;color:#7a8896;font-size:12px}
            """;

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * Opens a page: head with title, optional refresh, the CSS, the header and breadcrumbs, the h1 and the format
     * links of {@code ctx}'s resource.
     */
    static Html page(PagePath ctx, String title, int refreshSeconds) {
        return page(ctx, title, refreshSeconds, true);
    }

    /**
     * As {@link #page(PagePath, String, int)}; without format links when {@code formats} is false (the answer of an
     * operation, whose URL without its inputs would run it again).
     */
    static Html page(PagePath ctx, String title, int refreshSeconds, boolean formats) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refreshSeconds > 0) {
            h.raw("<meta http-equiv=\"refresh\" content=\"").raw(Integer.toString(refreshSeconds)).raw("\">");
        }
        h.raw("<title>").text(title).raw(" - gpjobs Services Directory</title><style>").raw(CSS)
                .raw("</style></head><body>");
        h.raw("<header><a class=\"brand\" href=\"").attr(ctx.href(PagePath.SERVICES_ROOT, "html"))
                .raw("\">gpjobs Services Directory</a><span class=\"sub\">GP REST API</span></header>");
        h.raw("<nav class=\"crumbs\" aria-label=\"breadcrumbs\">");
        var crumbs = ctx.breadcrumbs();
        for (int i = 0; i < crumbs.size(); i++) {
            if (i > 0) {
                h.raw("<span class=\"sep\">&gt;</span>");
            }
            var c = crumbs.get(i);
            if (i == crumbs.size() - 1) {
                h.raw("<span>").text(c.label()).raw("</span>");
            } else {
                h.link(c.href(), c.label());
            }
        }
        h.raw("</nav><main><h1>").text(title).raw("</h1>");
        if (formats) {
            h.raw("<div class=\"formats\">Formats: ").link(ctx.self("json"), "JSON")
                    .link(ctx.self("pjson"), "PJSON").raw("</div>");
        }
        return h;
    }

    /** Appends markup written by this package (never user data). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends text, escaped for element content. A null prints nothing. */
    Html text(String s) {
        out.append(escape(s));
        return this;
    }

    /** Appends an attribute value, escaped (the caller writes the quotes). */
    Html attr(String s) {
        out.append(escape(s));
        return this;
    }

    /** Appends {@code <a href="…">label</a>}; an href that is not a safe URL becomes plain text. */
    Html link(String href, String label) {
        if (!safeHref(href)) {
            return text(label);
        }
        return raw("<a href=\"").attr(href).raw("\">").text(label).raw("</a>");
    }

    /** Appends a {@code <tr><th>key</th><td>text</td></tr>} row. */
    Html row(String key, String value) {
        return raw("<tr><th>").text(key).raw("</th><td>").text(value).raw("</td></tr>");
    }

    /** Closes the page with the footer. */
    String finish() {
        out.append("</main><footer>gpjobs - geoprocessing jobs, the way an ArcGIS Server GP service runs them"
                + "</footer></body></html>\n");
        return out.toString();
    }

    /** HTML-escapes text for element content and quoted attribute values alike. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * True for a URL a page may link to: a path on this server, or an absolute http(s) URL. Never {@code javascript:}
     * or {@code data:}, and never a URL that carries a token.
     */
    static boolean safeHref(String href) {
        if (href == null || href.isEmpty()) {
            return false;
        }
        String lower = href.toLowerCase(Locale.ROOT);
        if (lower.contains("token=") || href.startsWith("//") || href.indexOf('\\') >= 0
                || href.chars().anyMatch(c -> c < 0x21)) {
            return false;
        }
        if (href.startsWith("/")) {
            return true;
        }
        try {
            URI u = URI.create(href);
            String scheme = u.getScheme();
            return scheme == null ? !lower.contains(":") : scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
