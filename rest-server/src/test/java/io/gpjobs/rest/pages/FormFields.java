package io.gpjobs.rest.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields a browser sends for the first form of a rendered DOM (as Chromium dumps it): each input's value, each
 * select's selected option (else its first), each textarea's text, HTML entities decoded.
 */
final class FormFields {
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern SELECT = Pattern.compile("<select([^>]*)>(.*?)</select>", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option([^>]*)>");
    private static final Pattern TEXTAREA = Pattern.compile("<textarea([^>]*)>(.*?)</textarea>", Pattern.DOTALL);

    private FormFields() {
    }

    /** The form's action, decoded. */
    static String action(String dom) {
        Matcher m = FORM.matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no form in the page");
        }
        return decode(m.group(1));
    }

    /** The form's fields by name, in document order (inputs, then selects, then text areas). */
    static Map<String, String> of(String dom) {
        Matcher form = FORM.matcher(dom);
        if (!form.find()) {
            throw new AssertionError("no form in the page");
        }
        String body = form.group(2);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Matcher m = INPUT.matcher(body); m.find(); ) {
            String name = attr(m.group(1), "name");
            if (name != null) {
                String v = attr(m.group(1), "value");
                fields.put(name, v == null ? "" : v);
            }
        }
        for (Matcher m = SELECT.matcher(body); m.find(); ) {
            String chosen = null;
            String first = null;
            for (Matcher o = OPTION.matcher(m.group(2)); o.find(); ) {
                String v = attr(o.group(1), "value");
                first = first == null ? v : first;
                if (o.group(1).contains(" selected")) {
                    chosen = v;
                }
            }
            fields.put(attr(m.group(1), "name"), chosen != null ? chosen : first == null ? "" : first);
        }
        for (Matcher m = TEXTAREA.matcher(body); m.find(); ) {
            fields.put(attr(m.group(1), "name"), decode(m.group(2)));
        }
        return fields;
    }

    /** {@code application/x-www-form-urlencoded} of the fields. */
    static String encode(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() > 0 ? "&" : "").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attrs);
        return m.find() ? decode(m.group(1)) : null;
    }

    private static String decode(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
