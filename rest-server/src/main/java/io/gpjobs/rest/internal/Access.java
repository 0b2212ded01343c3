package io.gpjobs.rest.internal;

import io.gpjobs.GPException;
import io.gpjobs.rest.spi.TokenVerifier;
import java.util.List;
import java.util.Locale;

/**
 * The token check: reads the token a request carries and turns it into the principal. Stateless.
 */
final class Access {

    private Access() {
    }

    /**
     * The request's token: the {@code token} parameter, else {@code X-Esri-Authorization: Bearer …}, else
     * {@code Authorization: Bearer …}; null when none (an empty value counts as none).
     */
    static String token(RestRequest r) {
        String t = r.param("token");
        if (t != null && !t.isBlank()) {
            return t.trim();
        }
        t = bearer(r.header("X-Esri-Authorization"));
        return t != null ? t : bearer(r.header("Authorization"));
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            String t = h.substring(7).trim();
            return t.isEmpty() ? null : t;
        }
        return null;
    }

    /**
     * The principal of a call.
     *
     * @param service the service the call addresses, or null (info, services list)
     * @param admin   whether it is an admin call
     * @return the principal, or null when anonymous
     * @throws GPException 499 a secured service or the admin path without a token; 498 an invalid or expired
     *                     token; 403 a principal the verifier does not let use the service or administer; 403 the
     *                     admin path on a server without a verifier
     */
    static String principal(TokenVerifier verifier, String token, String service, boolean admin) {
        if (verifier == null) {
            if (admin) {
                throw new GPException(403, "Forbidden.", List.of("the admin operations are disabled: this server "
                        + "has no token verifier"));
            }
            return null;
        }
        if (token == null) {
            if (admin || (service != null && verifier.secures(service))) {
                throw new GPException(499, "Token Required", List.of(admin ? "the admin operations need a token"
                        : "service '" + service + "' needs a token"));
            }
            return null;
        }
        String principal = verifier.verify(token);
        if (principal == null) {
            throw new GPException(498, "Invalid Token", List.of());
        }
        if (admin && !verifier.isAdministrator(principal)) {
            throw new GPException(403, "Forbidden.", List.of("user '" + principal + "' does not administer this "
                    + "server"));
        }
        if (service != null && !verifier.permits(principal, service)) {
            throw new GPException(403, "Forbidden.", List.of("user '" + principal + "' may not use service '"
                    + service + "'"));
        }
        return principal;
    }
}
