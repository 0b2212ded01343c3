package io.gpjobs.rest;

import io.gpjobs.GPEngine;
import io.gpjobs.map.ResultMapService;
import io.gpjobs.rest.internal.EngineCalls;
import io.gpjobs.rest.internal.html.ServicesDirectoryPages;
import io.gpjobs.rest.internal.RestContext;
import io.gpjobs.rest.internal.RestRouter;
import io.gpjobs.rest.internal.Uploads;
import io.gpjobs.rest.internal.jetty.JettyRestHandler;
import io.gpjobs.rest.internal.jetty.JettyServer;
import io.gpjobs.rest.spi.TokenVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The GP REST API of a {@link GPEngine} over HTTP, as ArcGIS Server answers it, so that GP clients (the ArcGIS Maps
 * SDK for JavaScript, ArcGIS Pro, scripts) run against it unchanged: {@code <context>/rest/info},
 * {@code rest/services}, {@code services/<svc>/GPServer[/<task>[/execute|/submitJob|/jobs/<id>[/cancel|/results
 * [/<p>]|/inputs[/<p>]]]]}, {@code GPServer/uploads/…}, {@code services/<svc>/MapServer/jobs/<id>[/…]} and the
 * admin operations under {@code <context>/admin/services/<svc>.GPServer/jobs}. GET and form POST are alike;
 * {@code f} is {@code json}, {@code pjson} or {@code html} (the default); errors are answered with HTTP 200 and the
 * GP error envelope.
 *
 * <p>Run it on its own connector:
 * <pre>{@code
 * try (GPRestServer server = GPRestServer.builder().engine(engine).port(8080).build().start()) {
 *     System.out.println(server.uri() + "/rest/services");
 *     ...
 * }
 * }</pre>
 * or, in a host that runs its own Jetty 12, take its handler with {@link #handler(Builder, Class)}.
 *
 * <p>Thread-safe. The server does not own the engine: {@link #close()} stops the HTTP server only.
 */
public final class GPRestServer implements AutoCloseable {
    private static final Pattern CONTEXT_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

    private final JettyServer server;
    private final Object lock = new Object();
    private boolean started;
    private boolean closed;

    private GPRestServer(JettyServer server) {
        this.server = server;
    }

    /** A builder; {@link Builder#engine} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The REST API as a handler of the host's own server, mounted at the builder's context path below wherever the
     * host puts it. A host on Jetty 12 asks for {@code org.eclipse.jetty.server.Handler}; the handler answers only
     * the paths of the API and declines every other (a host's next handler answers those). The builder must not set
     * {@code host} or {@code port}: the host's connectors serve the handler.
     *
     * @param configuration a builder with at least the engine set
     * @param type          the handler type the host's server takes
     * @return the handler
     * @throws IllegalArgumentException when {@code type} is not a handler type this module provides
     * @throws IllegalStateException    when the builder lacks the engine or sets host or port
     */
    public static <H> H handler(Builder configuration, Class<H> type) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(type, "type");
        if (configuration.host != null || configuration.port != null) {
            throw new IllegalStateException("host and port apply to the server GPRestServer runs; a handler is "
                    + "served by the host's connectors (host=" + configuration.host + ", port=" + configuration.port
                    + ")");
        }
        JettyRestHandler h = configuration.jettyHandler();
        if (!type.isInstance(h)) {
            throw new IllegalArgumentException("the REST API is available as a Jetty 12 core handler "
                    + "(org.eclipse.jetty.server.Handler), not as " + type.getName());
        }
        return type.cast(h);
    }

    /**
     * Starts listening. Idempotent.
     *
     * @return this server
     * @throws IllegalStateException when it was closed, or the port cannot be bound
     */
    public GPRestServer start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the server was closed");
            }
            if (!started) {
                server.start();
                started = true;
            }
        }
        return this;
    }

    /**
     * The server's base URI, {@code http://<host>:<port><contextPath>} (the actual port when it was 0); the REST
     * root is {@code uri() + "/rest"}.
     *
     * @throws IllegalStateException when the server is not started
     */
    public URI uri() {
        synchronized (lock) {
            if (!started || closed) {
                throw new IllegalStateException("the server is not running");
            }
        }
        return server.uri();
    }

    /** Stops the HTTP server (open requests get a few seconds to finish); the engine keeps running. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (started) {
                server.close();
            }
        }
    }

    /**
     * Configures a {@link GPRestServer}. Each option may be set once (a second call is an
     * {@link IllegalStateException} naming the earlier value); arguments are checked when set. Not thread-safe.
     */
    public static final class Builder {
        private GPEngine engine;
        private ResultMapService resultMaps;
        private String host;
        private Integer port;
        private String contextPath;
        private CorsPolicy cors;
        private TokenVerifier tokenVerifier;
        private RestLimits limits;
        private Path uploads;

        private Builder() {
        }

        private static void once(String name, Object current) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
        }

        /** The engine whose services are served (required). */
        public Builder engine(GPEngine e) {
            once("engine", engine);
            engine = Objects.requireNonNull(e, "engine");
            return this;
        }

        /** The result map service of the engine's jobs; default {@code ResultMapService.of(engine)}. */
        public Builder resultMaps(ResultMapService maps) {
            once("resultMaps", resultMaps);
            resultMaps = Objects.requireNonNull(maps, "resultMaps");
            return this;
        }

        /** The address to listen on; default {@code 127.0.0.1}. @throws IllegalArgumentException when blank */
        public Builder host(String h) {
            once("host", host);
            if (h == null || h.isBlank()) {
                throw new IllegalArgumentException("host must not be blank, got '" + h + "'");
            }
            host = h;
            return this;
        }

        /** The port; 0 picks a free one (see {@link #uri()}); default 8080. */
        public Builder port(int p) {
            once("port", port);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + p);
            }
            port = p;
            return this;
        }

        /**
         * The context path before {@code /rest} and {@code /admin}, e.g. {@code "/arcgis"} (the default) or
         * {@code ""}.
         *
         * @throws IllegalArgumentException when it is not empty or {@code /segment[/segment…]} of URL-safe characters
         */
        public Builder contextPath(String path) {
            once("contextPath", contextPath);
            Objects.requireNonNull(path, "contextPath");
            if (!CONTEXT_PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("contextPath must be \"\" or /segment[/segment...] of letters, "
                        + "digits and ._~-, got '" + path + "'");
            }
            contextPath = path;
            return this;
        }

        /** Which browser origins may call; default {@link CorsPolicy#anyOrigin()}. */
        public Builder cors(CorsPolicy policy) {
            once("cors", cors);
            cors = Objects.requireNonNull(policy, "cors");
            return this;
        }

        /** The token verifier that secures services and the admin path; default none (open, anonymous). */
        public Builder tokenVerifier(TokenVerifier verifier) {
            once("tokenVerifier", tokenVerifier);
            tokenVerifier = Objects.requireNonNull(verifier, "tokenVerifier");
            return this;
        }

        /** The limits; default {@link RestLimits#defaults()}. */
        public Builder limits(RestLimits l) {
            once("limits", limits);
            limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /**
         * Turns on the Uploads capability of every service, keeping uploaded items in {@code directory} (created
         * when missing); default off.
         */
        public Builder uploads(Path directory) {
            once("uploads", uploads);
            uploads = Objects.requireNonNull(directory, "uploads");
            return this;
        }

        private JettyRestHandler jettyHandler() {
            if (engine == null) {
                throw new IllegalStateException("engine is required");
            }
            RestLimits l = limits == null ? RestLimits.defaults() : limits;
            Uploads u = uploads == null ? null : new Uploads(uploads, l.maxUploadBytes(), l.uploadTypes(),
                    Clock.systemUTC());
            RestContext ctx = RestContext.of(new EngineCalls(engine, resultMaps == null
                    ? ResultMapService.of(engine) : resultMaps), new ServicesDirectoryPages(), u, l,
                    cors == null ? CorsPolicy.anyOrigin() : cors, tokenVerifier);
            return new JettyRestHandler(new RestRouter(ctx), contextPath == null ? "/arcgis" : contextPath, l,
                    Path.of(System.getProperty("java.io.tmpdir")));
        }

        /**
         * The server, not yet listening: call {@link GPRestServer#start()}.
         *
         * @throws IllegalStateException when the engine is missing
         */
        public GPRestServer build() {
            RestLimits l = limits == null ? RestLimits.defaults() : limits;
            return new GPRestServer(new JettyServer(jettyHandler(), host == null ? "127.0.0.1" : host,
                    port == null ? 8080 : port, contextPath == null ? "/arcgis" : contextPath, l));
        }
    }
}
