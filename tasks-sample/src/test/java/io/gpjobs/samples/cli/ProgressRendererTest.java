package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
    private static final String ID = "j0123456789abcdef0123456789abcdef";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static JobInfo job(JobStatus status, JobProgress progress, List<JobMessage> messages) {
        return new JobInfo(ID, "samples", "Buffer", status, messages, progress, T, null, null, T, null, List.of(),
                List.of());
    }

    private static JobInfo step(int percent, String label) {
        return job(JobStatus.EXECUTING, new JobProgress(JobProgress.Type.STEP, label, percent), List.of());
    }

    @Test
    void stepProgressFillsTheBarInProportion() {
        String line = ProgressRenderer.line(step(50, "Buffering 36 features"), 1234, 0);
        assertThat(line).startsWith("[" + "#".repeat(12) + ".".repeat(12) + "]  50% Buffering 36 features  1.2s  ")
                .endsWith(ID);
        assertThat(ProgressRenderer.line(step(0, "x"), 0, 0)).startsWith("[" + ".".repeat(24) + "]   0% x");
        assertThat(ProgressRenderer.line(step(100, "x"), 0, 0)).startsWith("[" + "#".repeat(24) + "] 100% x");
    }

    @Test
    void defaultProgressShowsAMovingMarkerAndTheLabel() {
        JobInfo j = job(JobStatus.EXECUTING, JobProgress.EXECUTING, List.of());
        String first = ProgressRenderer.line(j, 0, 0);
        String later = ProgressRenderer.line(j, 0, 5);
        assertThat(first).startsWith("[<=>").contains("Executing...");
        assertThat(later).startsWith("[     <=>");
        assertThat(first.indexOf(']')).isEqualTo(later.indexOf(']'));
    }

    @Test
    void queuedAndEndedJobsShowTheirStatus() {
        assertThat(ProgressRenderer.line(job(JobStatus.SUBMITTED, null, List.of()), 0, 0)).contains(" submitted ");
        assertThat(ProgressRenderer.line(job(JobStatus.TIMED_OUT, null, List.of()), 0, 0)).contains(" timed out ");
        assertThat(ProgressRenderer.line(job(JobStatus.SUCCEEDED, null, List.of()), 0, 0))
                .startsWith("[" + "#".repeat(24) + "] 100% succeeded");
    }

    @Test
    void plainModeWritesALineOnlyWhenSomethingChangesOrAnotherTenthPasses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 200);
        r.update(job(JobStatus.SUBMITTED, null, List.of()));
        r.update(job(JobStatus.SUBMITTED, null, List.of()));
        r.update(step(1, "a"));
        r.update(step(5, "a"));
        r.update(step(9, "a"));
        r.update(step(10, "a"));
        r.update(step(12, "a"));
        r.update(step(12, "b"));
        r.finish(job(JobStatus.SUCCEEDED, null, List.of()));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines().toList()).hasSize(5);
        assertThat(text.lines().toList().get(0)).contains("submitted");
        assertThat(text.lines().toList().get(1)).contains("  1% a");
        assertThat(text.lines().toList().get(2)).contains(" 10% a");
        assertThat(text.lines().toList().get(3)).contains(" 12% b");
        assertThat(text.lines().toList().get(4)).contains("100% succeeded");
    }

    @Test
    void barModeRedrawsOneLineAndPrintsEachMessageOnceAboveIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 200);
        List<JobMessage> one = List.of(JobMessage.info("Submitted."));
        List<JobMessage> two = List.of(JobMessage.info("Submitted."),
                new JobMessage(io.gpjobs.spi.MessageType.WARNING, "3 features have no geometry"));
        r.update(job(JobStatus.EXECUTING, new JobProgress(JobProgress.Type.STEP, "a", 10), one));
        r.update(job(JobStatus.EXECUTING, new JobProgress(JobProgress.Type.STEP, "a", 20), one));
        r.update(job(JobStatus.EXECUTING, new JobProgress(JobProgress.Type.STEP, "a", 30), two));
        r.finish(job(JobStatus.SUCCEEDED, null, two));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).containsOnlyOnce("Submitted.").containsOnlyOnce("warning: 3 features have no geometry");
        assertThat(text).contains("\r[" + "#".repeat(2)).contains(" 20% a").endsWith(ID + "\n");
        // the bar is drawn with \r only: the one newline after a bar line ends it when the job ended
        String afterWarning = text.substring(text.indexOf("warning:"));
        assertThat(afterWarning.chars().filter(c -> c == '\n').count()).isEqualTo(2);
    }

    @Test
    void longLinesAreCutToTheWidth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 60);
        r.update(step(40, "x".repeat(200)));
        String line = bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(line).hasSize(59).endsWith("…");
    }

    @Test
    void onceAPercentWasShownTheBarNeverGoesBackNorBouncesWhileTheJobExecutes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 200);
        r.update(job(JobStatus.EXECUTING, JobProgress.EXECUTING, List.of()));
        r.update(step(40, "Buffering"));
        r.update(job(JobStatus.EXECUTING, JobProgress.EXECUTING, List.of())); // an older read: the engine's own
        r.update(job(JobStatus.EXECUTING, new JobProgress(JobProgress.Type.DEFAULT, "Dissolving", null), List.of()));
        r.update(step(20, "Phase two"));
        r.update(step(60, "Phase two"));
        r.finish(job(JobStatus.SUCCEEDED, null, List.of()));
        List<String> frames = List.of(bytes.toString(StandardCharsets.UTF_8).split("[\r\n]+")).stream()
                .filter(l -> l.startsWith("[")).toList();
        assertThat(frames).hasSize(7);
        assertThat(frames.get(0)).contains("<=>");
        assertThat(frames.get(1)).contains(" 40% Buffering");
        assertThat(frames.get(2)).contains(" 40% Buffering");
        assertThat(frames.get(3)).startsWith("[" + "#".repeat(9) + ".".repeat(15) + "]  40% Dissolving");
        assertThat(frames.get(4)).contains(" 40% Phase two");
        assertThat(frames.get(5)).contains(" 60% Phase two");
        assertThat(frames.get(6)).contains("100% succeeded");
    }
}
