package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.GPJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the router answers: returned, not written, so that it can be checked without a socket. Each kind carries an
 * HTTP status and extra headers (CORS, caching); the transport adds content type and length. Immutable.
 */
public sealed interface RestResponse {

    /** The HTTP status. */
    int status();

    /** Extra headers, by name. */
    Map<String, String> headers();

    /** The content type of the body. */
    String contentType();

    /** The body bytes. */
    byte[] bytes();

    /** This response with {@code extra} headers added (an extra header replaces one of the same name). */
    RestResponse withHeaders(Map<String, String> extra);

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return Map.copyOf(m);
    }

    /**
     * A JSON answer, written by {@link GPJson#toJson} (compact) or pretty-printed for {@code f=pjson}.
     *
     * @param status  the HTTP status (200 for every {@code f=json} answer, errors included)
     * @param body    the JSON tree
     * @param pretty  whether to indent it
     * @param headers extra headers
     */
    record Json(int status, JsonNode body, boolean pretty, Map<String, String> headers) implements RestResponse {
        /** Checks and copies. */
        public Json {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        /** An HTTP 200 JSON answer. */
        public static Json ok(JsonNode body, boolean pretty) {
            return new Json(200, body, pretty, Map.of());
        }

        /** The JSON text. */
        public String text() {
            String json = pretty ? body.toPrettyString() : GPJson.toJson(body);
            // '<' and '>' occur in JSON text only inside strings: escaping them keeps the value and makes an echoed
            // name such as "<script>" inert should anything ever show the body as HTML.
            return json.indexOf('<') < 0 && json.indexOf('>') < 0 ? json
                    : json.replace("<", "\\u003c").replace(">", "\\u003e");
        }

        @Override
        public String contentType() {
            return "application/json; charset=utf-8";
        }

        @Override
        public byte[] bytes() {
            return text().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Json withHeaders(Map<String, String> extra) {
            return new Json(status, body, pretty, merge(headers, extra));
        }
    }

    /** An HTML page. */
    record Html(int status, String body, Map<String, String> headers) implements RestResponse {
        /** Checks and copies. */
        public Html {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        @Override
        public String contentType() {
            return "text/html; charset=utf-8";
        }

        @Override
        public byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Html withHeaders(Map<String, String> extra) {
            return new Html(status, body, merge(headers, extra));
        }
    }

    /** Raw bytes, such as a PNG. */
    record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) implements RestResponse {
        /** Checks and copies the headers (the body is not copied: callers hand it over). */
        public Bytes {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        @Override
        public byte[] bytes() {
            return body;
        }

        @Override
        public Bytes withHeaders(Map<String, String> extra) {
            return new Bytes(status, contentType, body, merge(headers, extra));
        }
    }

    /** A redirect ({@code 302 Found}) to {@code location}. */
    record Redirect(String location, Map<String, String> headers) implements RestResponse {
        /** Checks and copies. */
        public Redirect {
            Objects.requireNonNull(location, "location");
            headers = Map.copyOf(headers);
        }

        @Override
        public int status() {
            return 302;
        }

        @Override
        public String contentType() {
            return "text/plain; charset=utf-8";
        }

        @Override
        public byte[] bytes() {
            return new byte[0];
        }

        @Override
        public Redirect withHeaders(Map<String, String> extra) {
            return new Redirect(location, merge(headers, extra));
        }
    }
}
