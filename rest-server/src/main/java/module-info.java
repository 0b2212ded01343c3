/**
 * gpjobs rest-server: the GP REST API (GPServer, MapServer/jobs, uploads, admin) over HTTP on Jetty core handlers.
 * {@code io.gpjobs.rest} is the host API ({@code GPRestServer}), {@code io.gpjobs.rest.spi} what hosts plug in
 * (the token verifier); the router and the one Jetty adapter are internal.
 */
module io.gpjobs.rest {
    requires transitive io.gpjobs.core;
    requires transitive io.gpjobs.map;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;

    exports io.gpjobs.rest;
    exports io.gpjobs.rest.spi;
}
