package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPException;
import io.gpjobs.GPJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place that turns a failure into an answer. A {@link GPException} becomes the GP error envelope
 * {@code {"error":{"code","message","details"}}} with HTTP status 200 (the JavaScript SDK never reads the body of a
 * non-2xx answer, and needs 498/499/403 in the body to sign in); on the admin path it becomes the admin envelope
 * {@code {"status":"error","code","messages"}}. Any other exception is logged and answered as a 500 envelope
 * without its message or stack trace. Tokens are masked in every message. Stateless.
 */
public final class Errors {
    private static final System.Logger LOG = System.getLogger(Errors.class.getName());
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(token=)[^&\\s\"']+");
    private static final Pattern TOKEN_FIELD = Pattern.compile("(?i)(\"token\"\\s*:\\s*\")[^\"]*");

    private Errors() {
    }

    /**
     * The answer for {@code failure}.
     *
     * @param format the request's format (HTML answers a page, anything else JSON)
     * @param req    the request (its path and base URL; its token is already removed)
     * @param admin  whether the request is on the admin path
     * @param token  the request's token, masked wherever it appears; may be null
     */
    public static RestResponse response(RuntimeException failure, Format format, RestRequest req, HtmlPages pages,
                                        boolean admin, String token) {
        GPException e = failure instanceof GPException g ? g : internal(failure, req);
        String message = mask(e.envelopeMessage(), token);
        List<String> details = new ArrayList<>(e.details().size());
        e.details().forEach(d -> details.add(mask(d, token)));
        GPException clean = new GPException(e.code(), message, details);
        ObjectNode envelope;
        if (admin) {
            envelope = JsonNodeFactory.instance.objectNode();
            envelope.put("status", "error");
            envelope.putArray("messages").add(message).addAll(details.stream()
                    .map(JsonNodeFactory.instance::textNode).toList());
            envelope.put("code", e.code());
        } else {
            envelope = GPJson.error(clean);
        }
        if (format == Format.HTML) {
            PageContext ctx = new PageContext("Error " + e.code(), Call.url(req.baseUri(), req.path()),
                    req.baseUri() + "/rest", Map.of());
            return new RestResponse.Html(200, pages.error(envelope, ctx), Map.of());
        }
        return RestResponse.Json.ok(envelope, format == Format.PJSON);
    }

    private static GPException internal(RuntimeException failure, RestRequest req) {
        // the path only: the query may carry a token or an input's secrets
        LOG.log(System.Logger.Level.WARNING, "request " + req.method() + " /" + String.join("/", req.path())
                + " failed", failure);
        return new GPException(500, "Unable to complete operation.", List.of("internal error; see the server log"));
    }

    /** {@code s} with every token value (and {@code token} itself) replaced by {@code ***}. */
    public static String mask(String s, String token) {
        if (s == null) {
            return "";
        }
        String m = TOKEN_FIELD.matcher(TOKEN_PARAM.matcher(s).replaceAll("$1***")).replaceAll("$1***");
        return token == null || token.isEmpty() ? m : m.replace(token, "***");
    }
}
