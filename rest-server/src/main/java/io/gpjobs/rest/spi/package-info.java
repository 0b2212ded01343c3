/**
 * What a host plugs into the REST server: the {@link io.gpjobs.rest.spi.TokenVerifier} that turns tokens into
 * principals, and the {@link io.gpjobs.rest.spi.InvalidTokenException} it throws for a bad or expired token.
 */
package io.gpjobs.rest.spi;
