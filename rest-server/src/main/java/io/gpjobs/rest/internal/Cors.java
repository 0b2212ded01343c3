package io.gpjobs.rest.internal;

import io.gpjobs.rest.CorsPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/** The CORS headers of an answer and the answer to a preflight request. Stateless. */
final class Cors {

    private Cors() {
    }

    /** The headers every answer to {@code r} carries: none unless its {@code Origin} is allowed. */
    static Map<String, String> headers(CorsPolicy p, RestRequest r) {
        String origin = r.header("Origin");
        if (!p.allows(origin)) {
            return Map.of();
        }
        Map<String, String> h = new LinkedHashMap<>();
        if (p.allOrigins() && !p.credentials()) {
            h.put("Access-Control-Allow-Origin", "*");
        } else {
            h.put("Access-Control-Allow-Origin", origin);
            h.put("Vary", "Origin");
            if (p.credentials()) {
                h.put("Access-Control-Allow-Credentials", "true");
            }
        }
        return h;
    }

    /** The answer to an {@code OPTIONS} request: 204 with the allowed methods and headers for an allowed origin. */
    static RestResponse preflight(CorsPolicy p, RestRequest r) {
        Map<String, String> h = new LinkedHashMap<>(headers(p, r));
        h.put("Allow", "GET, POST, OPTIONS");
        if (h.containsKey("Access-Control-Allow-Origin")) {
            h.put("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            h.put("Access-Control-Allow-Headers", "X-Esri-Authorization, Authorization, Content-Type, "
                    + "X-Requested-With");
            h.put("Access-Control-Max-Age", Long.toString(p.maxAge().toSeconds()));
        }
        return new RestResponse.Bytes(204, "text/plain", new byte[0], h);
    }
}
