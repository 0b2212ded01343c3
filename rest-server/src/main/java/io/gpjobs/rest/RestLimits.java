package io.gpjobs.rest;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The limits the server keeps so that one client cannot exhaust it. Immutable and thread-safe; build with
 * {@link #builder()} or take {@link #defaults()}.
 *
 * @param maxBodyBytes          the largest request body other than an upload (form fields, JSON), in bytes
 * @param maxUploadBytes        the largest file an {@code uploads/upload} accepts, in bytes
 * @param uploadTypes           the file extensions an upload may have (lower case, without the dot); empty allows
 *                              every extension
 * @param maxConcurrentExecutes how many synchronous {@code execute} calls may run at once; one more is refused at
 *                              once with a clear error, and the request threads kept free answer everything else
 *                              (status polls never wait behind executes)
 * @param idleTimeout           how long a connection may stay silent (a slow client sending its request, or an idle
 *                              keep-alive connection) before it is closed
 */
public record RestLimits(long maxBodyBytes, long maxUploadBytes, Set<String> uploadTypes, int maxConcurrentExecutes,
                         Duration idleTimeout) {

    /** Default largest body: 10 MiB (the JavaScript SDK posts long feature sets as forms). */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L << 20;
    /** Default largest upload: 100 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L << 20;
    /** Default concurrent synchronous executes. */
    public static final int DEFAULT_MAX_CONCURRENT_EXECUTES = 8;
    /** Default idle timeout (the JavaScript SDK gives up on a request after 62 s). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException naming the limit and value when a size or count is below 1, the timeout is not
     *                                  positive, or an upload type is blank or has a dot or slash
     */
    public RestLimits {
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxUploadBytes", maxUploadBytes);
        positive("maxConcurrentExecutes", maxConcurrentExecutes);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        Set<String> types = new TreeSet<>();
        for (String t : Objects.requireNonNull(uploadTypes, "uploadTypes")) {
            if (t == null || t.isBlank() || t.contains(".") || t.contains("/") || t.contains("\\")) {
                throw new IllegalArgumentException("upload type must be an extension without a dot, got '" + t + "'");
            }
            types.add(t.toLowerCase(Locale.ROOT));
        }
        uploadTypes = Set.copyOf(types);
    }

    private static void positive(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
    }

    /** The defaults: 10 MiB bodies, 100 MiB uploads of any type, 8 concurrent executes, 30 s idle timeout. */
    public static RestLimits defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RestLimits}; each option may be set once. Not thread-safe. */
    public static final class Builder {
        private Long maxBodyBytes;
        private Long maxUploadBytes;
        private Set<String> uploadTypes;
        private Integer maxConcurrentExecutes;
        private Duration idleTimeout;

        private Builder() {
        }

        private static void once(String name, Object current) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
        }

        /** The largest request body other than an upload. @throws IllegalStateException when set twice */
        public Builder maxBodyBytes(long bytes) {
            once("maxBodyBytes", maxBodyBytes);
            positive("maxBodyBytes", bytes);
            maxBodyBytes = bytes;
            return this;
        }

        /** The largest uploaded file. @throws IllegalStateException when set twice */
        public Builder maxUploadBytes(long bytes) {
            once("maxUploadBytes", maxUploadBytes);
            positive("maxUploadBytes", bytes);
            maxUploadBytes = bytes;
            return this;
        }

        /** The allowed upload extensions, e.g. {@code "csv", "zip"}. @throws IllegalStateException when set twice */
        public Builder uploadTypes(String... extensions) {
            once("uploadTypes", uploadTypes);
            uploadTypes = Set.of(extensions);
            return this;
        }

        /** How many synchronous executes may run at once. @throws IllegalStateException when set twice */
        public Builder maxConcurrentExecutes(int n) {
            once("maxConcurrentExecutes", maxConcurrentExecutes);
            positive("maxConcurrentExecutes", n);
            maxConcurrentExecutes = n;
            return this;
        }

        /** How long a silent connection is kept. @throws IllegalStateException when set twice */
        public Builder idleTimeout(Duration d) {
            once("idleTimeout", idleTimeout);
            idleTimeout = Objects.requireNonNull(d, "idleTimeout");
            return this;
        }

        /** The limits. @throws IllegalArgumentException as the record's constructor */
        public RestLimits build() {
            return new RestLimits(
                    maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes,
                    maxUploadBytes == null ? DEFAULT_MAX_UPLOAD_BYTES : maxUploadBytes,
                    uploadTypes == null ? Set.of() : uploadTypes,
                    maxConcurrentExecutes == null ? DEFAULT_MAX_CONCURRENT_EXECUTES : maxConcurrentExecutes,
                    idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout);
        }
    }
}
