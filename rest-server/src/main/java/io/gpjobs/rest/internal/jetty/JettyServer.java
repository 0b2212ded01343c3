package io.gpjobs.rest.internal.jetty;

import io.gpjobs.rest.RestLimits;
import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty server with one HTTP/1.1 connector for one handler. Its request threads number the concurrent
 * synchronous executes plus {@value #FREE_THREADS}, so that executes holding their threads never leave status polls
 * without one; connections silent for the idle timeout are closed, and so are requests whose body arrives slower
 * than {@value #MIN_REQUEST_BYTES_PER_SECOND} bytes a second. Thread-safe; {@link #close()} is idempotent.
 */
public final class JettyServer implements AutoCloseable {
    /** The slowest a request body may arrive, in bytes per second, before the request fails. */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 512;

    /** Request threads kept beyond the execute limit. */
    static final int FREE_THREADS = 24;

    private final Server server;
    private final ServerConnector connector;
    private final String contextPath;

    /** A server (not started) on {@code host:port} (0 picks a free port). */
    public JettyServer(Handler handler, String host, int port, String contextPath, RestLimits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxConcurrentExecutes() + FREE_THREADS + 8, 4);
        threads.setName("gpjobs-http");
        this.server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        // a client trickling its body just under the idle timeout is dropped too
        server.setHandler(new MinimumDataRateHandler(handler, MIN_REQUEST_BYTES_PER_SECOND, 0));
        server.setStopTimeout(5_000);
        this.contextPath = contextPath;
    }

    /** Starts listening. @throws IllegalStateException when the port cannot be bound */
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("cannot start the HTTP server on " + connector.getHost() + ":"
                    + connector.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://host:port<contextPath>} of the started server. */
    public URI uri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + connector.getLocalPort() + contextPath);
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP server: " + e.getMessage(), e);
        }
    }
}
