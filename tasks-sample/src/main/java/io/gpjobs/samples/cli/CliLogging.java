package io.gpjobs.samples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the engine's diagnostics ({@code System.Logger}, backed by {@code java.util.logging}) go: appended to
 * {@value #LOG_FILE} in the jobs directory, one line per record with the process id (several gpjobs processes
 * share the file), and with {@code --verbose} also to standard error. Never to the terminal otherwise: the JDK's
 * default console handler is removed.
 *
 * <p>Not instantiable; {@link #install} is called once per process, before the engine starts.
 */
final class CliLogging {
    /** The log file's name in the jobs directory. */
    static final String LOG_FILE = "gpjobs.log";
    /** A log file larger than this at start is moved to {@code gpjobs.log.1} (one generation kept). */
    static final long MAX_BYTES = 4L << 20;

    private CliLogging() {
    }

    /**
     * Routes the root logger to the jobs directory's log file and, when {@code verbose}, to {@code err} too.
     *
     * @return the log file (created on the first record)
     */
    static Path install(Path jobsDir, boolean verbose, PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Path file = jobsDir.resolve(LOG_FILE);
        OneLine format = new OneLine();
        root.addHandler(new FileAppender(file, format));
        if (verbose) {
            root.addHandler(new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (isLoggable(r)) {
                        err.print(format.format(r));
                        err.flush();
                    }
                }

                @Override
                public void flush() {
                    err.flush();
                }

                @Override
                public void close() {
                    err.flush();
                }
            });
        }
        return file;
    }

    /** {@code 2026-01-02T03:04:05.678Z pid 4242 WARNING io.gpjobs.internal.Recovery: message}, then any stack trace. */
    static final class OneLine extends Formatter {
        private final long pid = ProcessHandle.current().pid();

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(Instant.ofEpochMilli(r.getMillis())).append(" pid ").append(pid).append(' ')
                    .append(r.getLevel().getName()).append(' ').append(r.getLoggerName()).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                sb.append(sw);
            }
            return sb.toString();
        }
    }

    /** Appends each record to the file, opened per record so that processes sharing it interleave whole lines. */
    private static final class FileAppender extends Handler {
        private final Path file;
        private boolean rotated;

        FileAppender(Path file, Formatter format) {
            this.file = file;
            setFormatter(format);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            try {
                if (!rotated) {
                    rotated = true;
                    if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                        Files.move(file, file.resolveSibling(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.writeString(file, getFormatter().format(r), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                // the jobs directory was checked writable; a diagnostic that cannot be kept is dropped rather than
                // printed (the JDK's ErrorManager would print it on the terminal)
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
