package io.gpjobs.samples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, which decides between the redrawn progress bar and plain lines. Java 17
 * has no direct test ({@code System.console()} also needs standard input and output on the terminal), so in order:
 * the environment variable {@value #ENV} ({@code 1}/{@code 0}, which the launcher script sets from
 * {@code [ -t 2 ]}); on Linux, where {@code /proc/self/fd/2} points; else whether there is a console.
 *
 * <p>Not instantiable; thread-safe.
 */
final class Terminal {
    /** The environment variable that says whether standard error is a terminal. */
    static final String ENV = "GPJOBS_STDERR_TTY";

    private Terminal() {
    }

    /** Whether standard error is a terminal, as far as it can be told. */
    static boolean stderrIsTerminal() {
        String told = System.getenv(ENV);
        if ("1".equals(told) || "true".equalsIgnoreCase(told)) {
            return true;
        }
        if ("0".equals(told) || "false".equalsIgnoreCase(told)) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }
}
