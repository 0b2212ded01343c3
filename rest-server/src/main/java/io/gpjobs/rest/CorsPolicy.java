package io.gpjobs.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which browser origins may call the server (CORS). An allowed origin is answered on every response — errors and
 * images included — with {@code Access-Control-Allow-Origin}; preflight requests ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) are answered with the methods {@code GET, POST} and the headers
 * {@code X-Esri-Authorization}, {@code Authorization} and {@code Content-Type}. With credentials the exact
 * {@code Origin} is echoed (never {@code *}) with {@code Access-Control-Allow-Credentials: true}, as browsers
 * require; without them, {@link #anyOrigin()} answers {@code *}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param allOrigins  whether every origin is allowed
 * @param origins     the allowed origins ({@code scheme://host[:port]}, lower case) when not {@code allOrigins}
 * @param credentials whether credentialed requests (cookies, {@code Authorization}) are allowed
 * @param maxAge      how long a browser may cache a preflight answer
 */
public record CorsPolicy(boolean allOrigins, Set<String> origins, boolean credentials, Duration maxAge) {

    /** The default preflight cache time. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException when an origin is not {@code scheme://host[:port]}, or {@code maxAge} is
     *                                  negative
     */
    public CorsPolicy {
        Objects.requireNonNull(origins, "origins");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("CORS maxAge must not be negative, got " + maxAge);
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String o : origins) {
            checked.add(checkOrigin(o));
        }
        origins = Set.copyOf(checked);
    }

    /** Every origin may call, without credentials ({@code Access-Control-Allow-Origin: *}); the server's default. */
    public static CorsPolicy anyOrigin() {
        return new CorsPolicy(true, Set.of(), false, DEFAULT_MAX_AGE);
    }

    /** No cross-origin call is allowed: no CORS header is ever sent. */
    public static CorsPolicy none() {
        return new CorsPolicy(false, Set.of(), false, DEFAULT_MAX_AGE);
    }

    /**
     * Only these origins may call, e.g. {@code "https://apps.example.com"}.
     *
     * @throws IllegalArgumentException naming the value when one is not {@code scheme://host[:port]}
     */
    public static CorsPolicy origins(String... origins) {
        return new CorsPolicy(false, Set.copyOf(List.of(origins)), false, DEFAULT_MAX_AGE);
    }

    /** This policy with credentialed requests allowed: the exact origin is echoed with Allow-Credentials. */
    public CorsPolicy withCredentials() {
        return new CorsPolicy(allOrigins, origins, true, maxAge);
    }

    /** This policy with another preflight cache time. */
    public CorsPolicy withMaxAge(Duration d) {
        return new CorsPolicy(allOrigins, origins, credentials, d);
    }

    /** Whether a request from {@code origin} (the {@code Origin} header) is allowed; false for null. */
    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        return allOrigins || origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    private static String checkOrigin(String o) {
        Objects.requireNonNull(o, "origin");
        try {
            URI u = new URI(o);
            if (u.getScheme() == null || u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty())
                    || u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
                throw new IllegalArgumentException("CORS origin must be scheme://host[:port], got '" + o + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("CORS origin must be scheme://host[:port], got '" + o + "'", e);
        }
        return o.toLowerCase(Locale.ROOT);
    }
}
