package io.gpjobs.rest.internal;

import io.gpjobs.rest.CorsPolicy;
import io.gpjobs.rest.RestLimits;
import io.gpjobs.rest.spi.TokenVerifier;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * What the route groups share: the engine calls, the pages, the upload store, the limits and the security
 * settings. Immutable (its parts are thread-safe).
 *
 * @param calls    the engine and result map calls
 * @param pages    the f=html pages
 * @param uploads  the upload store, or null when uploads are off
 * @param limits   the limits
 * @param cors     the CORS policy
 * @param verifier the token verifier, or null for an open server
 * @param executes the permits of concurrent synchronous executes
 */
public record RestContext(EngineCalls calls, HtmlPages pages, Uploads uploads, RestLimits limits, CorsPolicy cors,
                          TokenVerifier verifier, Semaphore executes) {

    /** Checks the required parts. */
    public RestContext {
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(pages, "pages");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(executes, "executes");
    }

    /** A context with one execute permit per {@link RestLimits#maxConcurrentExecutes()}. */
    public static RestContext of(EngineCalls calls, HtmlPages pages, Uploads uploads, RestLimits limits,
                                 CorsPolicy cors, TokenVerifier verifier) {
        return new RestContext(calls, pages, uploads, limits, cors, verifier,
                new Semaphore(limits.maxConcurrentExecutes()));
    }
}
