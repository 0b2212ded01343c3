package io.gpjobs.samples.cli;

/**
 * A command line the CLI cannot act on: an unknown command or option, a missing operand, a malformed
 * {@code name=value} input, an unreadable file. The CLI prints the message and exits with status 2.
 *
 * <p>Immutable.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the argument and the value at fault. */
    UsageException(String message) {
        super(message);
    }

    /** As {@link #UsageException(String)}, keeping the underlying cause. */
    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
