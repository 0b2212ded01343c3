package io.gpjobs.rest.spi;

/**
 * Turns a token into a principal; supplied by the host (the server has none by default, and then every service is
 * open and every caller anonymous). The server reads a token from the {@code token} query or form parameter, the
 * {@code X-Esri-Authorization: Bearer <token>} header or the {@code Authorization: Bearer <token>} header. A secured
 * service without a token answers error 499 ("Token Required"); a token {@link #verify} rejects answers 498
 * ("Invalid Token"); a principal {@link #permits} refuses answers 403. The principal becomes the owner of the jobs
 * it submits, and the engine's {@code AccessPolicy} decides who may read, cancel and delete them.
 *
 * <p>Implementations are thread-safe and quick (called on every request that carries a token), and never log or
 * put the token into an exception message: the server passes such messages to the client.
 */
public interface TokenVerifier {

    /**
     * The principal a token stands for.
     *
     * @param token the token, never null or empty
     * @return the principal (a user name), never null
     * @throws InvalidTokenException when the token is invalid or expired
     */
    String verify(String token);

    /** Whether calls to {@code service} need a token; true (every service is secured) unless overridden. */
    default boolean secures(String service) {
        return true;
    }

    /** Whether {@code principal} may use {@code service}; true unless overridden. */
    default boolean permits(String principal, String service) {
        return true;
    }

    /**
     * Whether {@code principal} may call the admin operations ({@code <context>/admin/…}); false unless overridden,
     * so the admin path stays closed until a host says who administers.
     */
    default boolean isAdministrator(String principal) {
        return false;
    }

    /** The URL clients get tokens from, shown in {@code rest/info}'s {@code authInfo}; null unless overridden. */
    default String tokenServicesUrl() {
        return null;
    }
}
