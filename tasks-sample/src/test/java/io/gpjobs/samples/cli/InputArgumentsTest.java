package io.gpjobs.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void valuesAreKeptAsGivenInOrderAndSplitAtTheFirstEquals() {
        Map<String, String> in = InputArguments.parse(List.of("Steps=20",
                "Distance={\"distance\":500,\"units\":\"esriMeters\"}", "Where=a=b", "Empty="), dir);
        assertThat(in).containsExactly(Map.entry("Steps", "20"),
                Map.entry("Distance", "{\"distance\":500,\"units\":\"esriMeters\"}"), Map.entry("Where", "a=b"),
                Map.entry("Empty", ""));
    }

    @Test
    void atFileReadsTheValueRelativeToTheBaseFolder() throws Exception {
        Files.writeString(dir.resolve("features.json"), "{\"features\":[\"Ø\"]}", StandardCharsets.UTF_8);
        Map<String, String> in = InputArguments.parse(List.of("Input_Features=@features.json"), dir);
        assertThat(in).containsEntry("Input_Features", "{\"features\":[\"Ø\"]}");
    }

    @Test
    void doubleAtPassesALiteralAt() {
        assertThat(InputArguments.parse(List.of("Name=@@home"), dir)).containsEntry("Name", "@home");
    }

    @Test
    void missingEqualsIsNamed() {
        assertThatThrownBy(() -> InputArguments.parse(List.of("Steps"), dir)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("input 'Steps' is not name=value");
    }

    @Test
    void emptyNameIsNamed() {
        assertThatThrownBy(() -> InputArguments.parse(List.of("=5"), dir)).isInstanceOf(UsageException.class)
                .hasMessage("input '=5' has no parameter name before '='");
    }

    @Test
    void duplicateNameIsRejected() {
        assertThatThrownBy(() -> InputArguments.parse(List.of("Steps=1", "Steps=2"), dir))
                .isInstanceOf(UsageException.class).hasMessage("input 'Steps' is given twice");
    }

    @Test
    void missingFileNamesTheParameterAndThePath() {
        assertThatThrownBy(() -> InputArguments.parse(List.of("Input_Features=@nope.json"), dir))
                .isInstanceOf(UsageException.class)
                .hasMessage("input 'Input_Features': file '" + dir.resolve("nope.json") + "' does not exist");
    }

    @Test
    void atWithoutAFileName() {
        assertThatThrownBy(() -> InputArguments.parse(List.of("X=@"), dir)).isInstanceOf(UsageException.class)
                .hasMessage("input 'X': '@' must be followed by a file name");
    }

    @Test
    void fileThatIsNotUtf8IsRejected() throws Exception {
        Files.write(dir.resolve("latin1.txt"), new byte[] {'a', (byte) 0xE9, 'b'});
        assertThatThrownBy(() -> InputArguments.parse(List.of("X=@latin1.txt"), dir))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not UTF-8 text");
    }
}
