package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The plain {@link HtmlPages}: every page is the resource's JSON, pretty-printed and HTML-escaped in a
 * {@code <pre>}, under its title and a list of its links. Stateless and thread-safe.
 */
public final class PreHtmlPages implements HtmlPages {

    @Override
    public String service(ObjectNode json, PageContext ctx) {
        return page(json, ctx);
    }

    @Override
    public String task(ObjectNode json, PageContext ctx) {
        return page(json, ctx);
    }

    @Override
    public String job(ObjectNode json, PageContext ctx) {
        return page(json, ctx);
    }

    @Override
    public String resultMap(ObjectNode json, PageContext ctx) {
        return page(json, ctx);
    }

    @Override
    public String resource(JsonNode json, PageContext ctx) {
        return page(json, ctx);
    }

    @Override
    public String error(ObjectNode envelope, PageContext ctx) {
        return page(envelope, ctx);
    }

    private static String page(JsonNode json, PageContext ctx) {
        StringBuilder b = new StringBuilder(256);
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(ctx.title()))
                .append("</title></head><body>\n<h1>").append(escape(ctx.title())).append("</h1>\n");
        if (!ctx.links().isEmpty()) {
            b.append("<ul>\n");
            for (Map.Entry<String, String> l : ctx.links().entrySet()) {
                b.append("<li><a href=\"").append(escape(l.getValue())).append("\">").append(escape(l.getKey()))
                        .append("</a></li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<pre>").append(escape(json.toPrettyString())).append("</pre>\n</body></html>\n");
        return b.toString();
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
