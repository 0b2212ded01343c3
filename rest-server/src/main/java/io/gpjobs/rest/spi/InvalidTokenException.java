package io.gpjobs.rest.spi;

import io.gpjobs.GPException;
import java.util.List;

/**
 * A token that is invalid or expired: the GP error 498 "Invalid Token". Thrown by {@link TokenVerifier#verify}.
 * The detail goes to the client, so it must never contain the token.
 */
public class InvalidTokenException extends GPException {
    private static final long serialVersionUID = 1L;

    /** @param detail why the token was refused (such as "expired"), without the token; may be null */
    public InvalidTokenException(String detail) {
        super(498, "Invalid Token", detail == null ? List.of() : List.of(detail));
    }
}
