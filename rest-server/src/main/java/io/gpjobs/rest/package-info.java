/**
 * The GP REST API over HTTP: {@link io.gpjobs.rest.GPRestServer} serves a {@code GPEngine}'s services (GPServer,
 * MapServer/jobs, uploads, admin) on its own connector or as a handler of a host's server, with a
 * {@link io.gpjobs.rest.CorsPolicy} and {@link io.gpjobs.rest.RestLimits}.
 */
package io.gpjobs.rest;
