package io.gpjobs.samples.cli;

import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws a followed job's progress on standard error. In bar mode one line is redrawn in place with {@code \r}:
 * {@code [##########..........]  50% Buffering 36 features  1.2s}; a default progressor (no percent) shows a
 * bouncing marker instead, but only until a percent was shown: from then on the bar never goes backwards, neither
 * to a lower percent (a task that starts another step progressor, a read of older persisted progress) nor to the
 * bouncing marker (a task that switches to the default progressor for its last phase); the label still follows
 * the task. In plain mode (standard error is not a terminal) a line is written only when the
 * status or label changes or the percent passes another tenth, so logs stay short. The job's messages are printed
 * above the bar as they arrive.
 *
 * <p>Not thread-safe: one thread calls {@link #update} and {@link #finish}.
 */
final class ProgressRenderer {
    static final int BAR_CELLS = 24;

    private final PrintStream err;
    private final boolean redraw;
    private final int width;
    private final long startNanos = System.nanoTime();
    private int tick;
    private int lastLength;
    private int printedMessages;
    private String lastPlainKey;
    private int lastPlainTenth = -1;
    /** The highest percent shown while the job executes, or -1 before any. */
    private int shownPercent = -1;
    /** The task's last own progress while the job executes, or null before any. */
    private JobProgress taskProgress;

    /**
     * A renderer writing to {@code err}.
     *
     * @param redraw whether to redraw one line in place (a terminal) rather than write plain lines
     * @param width  the terminal width in columns; lines are cut to fit
     */
    ProgressRenderer(PrintStream err, boolean redraw, int width) {
        this.err = Objects.requireNonNull(err, "err");
        this.redraw = redraw;
        this.width = Math.max(40, width);
    }

    /**
     * The renderer a {@code --progress} mode asks for on {@code err}, or null for none: AUTO redraws when standard
     * error is a terminal ({@link Terminal}); the width is {@code $COLUMNS}, else 100.
     */
    static ProgressRenderer forMode(CliArguments.ProgressMode mode, PrintStream err) {
        int width;
        try {
            String c = System.getenv("COLUMNS");
            width = c == null ? 100 : Integer.parseInt(c.trim());
        } catch (NumberFormatException e) {
            width = 100;
        }
        return switch (mode) {
            case NONE -> null;
            case BAR -> new ProgressRenderer(err, true, width);
            case PLAIN -> new ProgressRenderer(err, false, width);
            case AUTO -> new ProgressRenderer(err, Terminal.stderrIsTerminal(), width);
        };
    }

    /** Shows the job's state now: new messages, then the progress line. */
    void update(JobInfo job) {
        printMessages(job.messages());
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        job = withTaskProgress(job);
        JobProgress progress = job.progress();
        if (job.status() == JobStatus.EXECUTING && progress != null && progress.percent() != null) {
            shownPercent = Math.max(shownPercent, progress.percent());
        }
        if (redraw) {
            String line = fit(line(job, elapsed, tick++, shownPercent));
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            String key = job.status() + "|" + (progress == null ? "" : progress.message());
            int tenth = shownPercent < 0 ? -1 : shownPercent / 10;
            if (!key.equals(lastPlainKey) || tenth > lastPlainTenth) {
                err.println(fit(line(job, elapsed, 0, shownPercent)));
                lastPlainKey = key;
                lastPlainTenth = tenth;
            }
        }
        err.flush();
    }

    /**
     * The job with the task's last own progress when a read shows only the engine's generic "Executing..." (a read
     * of the progress persisted before the task set its own), so the label does not flicker back to it.
     */
    private JobInfo withTaskProgress(JobInfo job) {
        if (job.status() != JobStatus.EXECUTING) {
            return job;
        }
        JobProgress p = job.progress();
        if (p != null && !p.equals(JobProgress.EXECUTING)) {
            taskProgress = p;
            return job;
        }
        if (taskProgress == null) {
            return job;
        }
        return new JobInfo(job.jobId(), job.serviceName(), job.taskName(), job.status(), job.messages(), taskProgress,
                job.submitted(), job.started(), job.ended(), job.updated(), job.owner(), job.resultNames(),
                job.inputNames(), job.attempt());
    }

    /** Shows the job's final state and ends the progress line. */
    void finish(JobInfo job) {
        update(job);
        if (redraw) {
            err.println();
        }
        err.flush();
    }

    private void printMessages(List<JobMessage> messages) {
        if (messages.size() <= printedMessages) {
            return;
        }
        if (redraw && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        for (JobMessage m : messages.subList(printedMessages, messages.size())) {
            err.println(fit("  " + label(m) + m.description()));
        }
        printedMessages = messages.size();
    }

    private static String label(JobMessage m) {
        return switch (m.type()) {
            case INFORMATIVE -> "";
            case WARNING -> "warning: ";
            case ERROR -> "error: ";
        };
    }

    private String fit(String line) {
        return line.length() < width ? line : line.substring(0, width - 2) + "…";
    }

    /**
     * The progress line of {@code job}: a bar with the percent for a step progressor, a bouncing marker for a default
     * one, the status while queued or ended, then the label and the elapsed time.
     *
     * @param elapsedMillis the time since following began
     * @param tick          a counter that moves the marker of a default progressor
     */
    static String line(JobInfo job, long elapsedMillis, int tick) {
        return line(job, elapsedMillis, tick, -1);
    }

    /**
     * As {@link #line(JobInfo, long, int)}, with a floor: while the job executes the bar shows at least
     * {@code floorPercent} (when not negative), and a bar rather than the bouncing marker.
     */
    static String line(JobInfo job, long elapsedMillis, int tick, int floorPercent) {
        JobProgress p = job.progress();
        Integer percent = p == null || p.percent() == null ? null : p.percent();
        if (floorPercent >= 0) {
            percent = percent == null ? floorPercent : Math.max(percent, floorPercent);
        }
        String bar;
        String text;
        if (job.status() == JobStatus.SUCCEEDED) {
            bar = "[" + "#".repeat(BAR_CELLS) + "] 100%";
            text = "succeeded";
        } else if (job.status() == JobStatus.EXECUTING && percent != null) {
            int filled = percent * BAR_CELLS / 100;
            bar = "[" + "#".repeat(filled) + ".".repeat(BAR_CELLS - filled) + "] "
                    + String.format(Locale.ROOT, "%3d%%", percent);
            text = p == null ? "Executing..." : p.message();
        } else if (job.status() == JobStatus.EXECUTING) {
            int span = BAR_CELLS - 3;
            int pos = tick % (2 * span);
            pos = pos < span ? pos : 2 * span - pos;
            bar = "[" + " ".repeat(pos) + "<=>" + " ".repeat(span - pos) + "]     ";
            text = p == null ? "Executing..." : p.message();
        } else {
            bar = "[" + " ".repeat(BAR_CELLS) + "]     ";
            text = statusWord(job.status());
        }
        String time = String.format(Locale.ROOT, "%.1fs", elapsedMillis / 1000.0);
        return bar + " " + text + "  " + time + "  " + job.jobId();
    }

    /** A short human word for a status: "submitted", "timed out", … */
    static String statusWord(JobStatus s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
