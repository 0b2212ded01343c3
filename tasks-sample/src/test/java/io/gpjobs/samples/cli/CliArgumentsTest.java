package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.samples.cli.CliArguments.ProgressMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    @Test
    void commandOperandsAndOptionsInAnyOrder() {
        CliArguments a = CliArguments.parse("--jobs-dir", "/tmp/j", "submit", "Buffer", "Distance=5", "--follow",
                "--progress=plain", "Dissolve_Option=ALL", "--service=svc.json");
        assertThat(a.command()).isEqualTo("submit");
        assertThat(a.operands()).containsExactly("Buffer", "Distance=5", "Dissolve_Option=ALL");
        assertThat(a.jobsDir()).isEqualTo(Path.of("/tmp/j"));
        assertThat(a.serviceFile()).isEqualTo(Path.of("svc.json"));
        assertThat(a.follow()).isTrue();
        assertThat(a.progress()).isEqualTo(ProgressMode.PLAIN);
    }

    @Test
    void defaultsWhenNoOptionIsGiven() {
        CliArguments a = CliArguments.parse("jobs");
        assertThat(a.command()).isEqualTo("jobs");
        assertThat(a.operands()).isEmpty();
        assertThat(a.jobsDir()).isNull();
        assertThat(a.serviceFile()).isNull();
        assertThat(a.follow()).isFalse();
        assertThat(a.progress()).isEqualTo(ProgressMode.AUTO);
    }

    @Test
    void doubleDashEndsTheOptions() {
        CliArguments a = CliArguments.parse("submit", "T", "--", "--follow", "-x=1");
        assertThat(a.follow()).isFalse();
        assertThat(a.operands()).containsExactly("T", "--follow", "-x=1");
    }

    @Test
    void noCommandOrHelpOptionMeansHelp() {
        assertThat(CliArguments.parse().command()).isEqualTo("help");
        assertThat(CliArguments.parse("job", "--help").command()).isEqualTo("help");
        assertThat(CliArguments.parse("-h").command()).isEqualTo("help");
    }

    @Test
    void unknownCommandIsNamed() {
        assertThatThrownBy(() -> CliArguments.parse("frob", "x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown command 'frob'").hasMessageContaining("submit");
    }

    @Test
    void unknownOptionIsNamed() {
        assertThatThrownBy(() -> CliArguments.parse("jobs", "--colour")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--colour'");
    }

    @Test
    void optionWithoutItsValue() {
        assertThatThrownBy(() -> CliArguments.parse("jobs", "--jobs-dir")).isInstanceOf(UsageException.class)
                .hasMessage("option '--jobs-dir' needs a value");
        assertThatThrownBy(() -> CliArguments.parse("jobs", "--service=")).isInstanceOf(UsageException.class)
                .hasMessageContaining("option '--service' needs a path");
    }

    @Test
    void optionGivenTwice() {
        assertThatThrownBy(() -> CliArguments.parse("--jobs-dir", "a", "jobs", "--jobs-dir=b"))
                .isInstanceOf(UsageException.class).hasMessage("option '--jobs-dir' is given twice");
    }

    @Test
    void flagWithAValue() {
        assertThatThrownBy(() -> CliArguments.parse("submit", "T", "--follow=yes"))
                .isInstanceOf(UsageException.class).hasMessage("option '--follow' takes no value, got 'yes'");
    }

    @Test
    void badProgressMode() {
        assertThatThrownBy(() -> CliArguments.parse("jobs", "--progress", "fancy"))
                .isInstanceOf(UsageException.class).hasMessageContaining("got 'fancy'");
    }

    @Test
    void missingOperand() {
        assertThatThrownBy(() -> CliArguments.parse("describe")).isInstanceOf(UsageException.class)
                .hasMessage("command 'describe' needs a task name, got nothing");
        assertThatThrownBy(() -> CliArguments.parse("cancel")).isInstanceOf(UsageException.class)
                .hasMessage("command 'cancel' needs a job id, got nothing");
    }

    @Test
    void extraOperand() {
        assertThatThrownBy(() -> CliArguments.parse("job", "j1", "j2")).isInstanceOf(UsageException.class)
                .hasMessage("command 'job' takes only a job id, got extra 'j2'");
        assertThatThrownBy(() -> CliArguments.parse("tasks", "all")).isInstanceOf(UsageException.class)
                .hasMessage("command 'tasks' takes no operand, got extra 'all'");
    }

    @Test
    void followOnlyWithSubmit() {
        assertThatThrownBy(() -> CliArguments.parse("run", "T", "--follow")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'--follow' applies to the submit command only");
    }

    @Test
    void outputCleanupDetachAndVerboseOptions() {
        CliArguments r = CliArguments.parse("results", "j" + "a".repeat(32), "Output_Features", "--format", "GeoJSON",
                "--out=buffers.geojson", "-v");
        assertThat(r.outputs()).isEqualTo(new OutputOptions("geojson", Path.of("buffers.geojson")));
        assertThat(r.verbose()).isTrue();
        assertThat(CliArguments.parse("cleanup", "--older-than", "36h").olderThan())
                .isEqualTo(java.time.Duration.ofHours(36));
        assertThat(CliArguments.parse("cleanup", "--older-than", "PT90M").olderThan())
                .isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(CliArguments.parse("submit", "T", "--detach").detach()).isTrue();

        assertThatThrownBy(() -> CliArguments.parse("results", "j", "--format", "shp"))
                .hasMessage("option '--format' must be geojson, esrijson or csv, got 'shp'");
        assertThatThrownBy(() -> CliArguments.parse("cleanup", "--older-than", "0s"))
                .hasMessageContaining("option '--older-than' needs a positive duration").hasMessageContaining("'0s'");
        assertThatThrownBy(() -> CliArguments.parse("jobs", "--older-than", "2h"))
                .hasMessage("option '--older-than' applies to the cleanup command only, not 'jobs'");
        assertThatThrownBy(() -> CliArguments.parse("submit", "T", "--out", "x"))
                .hasMessage("option '--out' applies to the run and results commands only, not 'submit'");
        assertThatThrownBy(() -> CliArguments.parse("submit", "T", "--detach", "--follow"))
                .hasMessageContaining("'--detach' and '--follow' exclude each other");
    }
}
