package io.gpjobs.samples.cli;

/**
 * A well-formed command that cannot be done as asked, stated plainly: no such job, a job in the wrong state for the
 * command, a jobs directory that is a file or cannot be written. The CLI prints the message and exits with status
 * 2, without the usage hint a malformed command line gets.
 *
 * <p>Immutable.
 */
final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what was refused and why. */
    RefusedException(String message) {
        super(message);
    }

    /** As {@link #RefusedException(String)}, keeping the underlying cause. */
    RefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
