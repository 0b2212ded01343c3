package io.gpjobs.samples;

import static io.gpjobs.testkit.TaskRunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.testkit.TaskRun;
import io.gpjobs.testkit.TaskTester;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.Geometry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvToPointsTaskTest {

    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return "{\"url\":\"" + p.toUri() + "\"}";
    }

    @Test
    void convertsTheBundledSensorCsv() throws IOException {
        String input = file("sensors.csv", SampleData.read(SampleData.AIR_SENSORS_CSV));
        TaskRun run = TaskTester.of(new CsvToPointsTask()).input("Input_File", input).run();

        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Point_Count", new GPLong(18))
                .hasOutput("Skipped_Row_Count", new GPLong(0))
                .hasNoMessages(MessageType.WARNING);
        GPFeatureRecordSetLayer points = run.output("Output_Points", GPFeatureRecordSetLayer.class);
        assertThat(points.spatialReference().wkid()).isEqualTo(4326);
        assertThat(points.fields()).extracting(GPField::name, GPField::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OBJECTID", FieldType.OID),
                org.assertj.core.groups.Tuple.tuple("name", FieldType.STRING),
                org.assertj.core.groups.Tuple.tuple("pm25", FieldType.DOUBLE));
        assertThat(points.features().get(0).geometry()).isEqualTo(Geometry.Point.of(10.725, 59.9321));
        assertThat(run).progress().first()
                .isEqualTo(new JobProgress(JobProgress.Type.DEFAULT, "Reading sensors.csv", null));
        assertThat(run).progressPercents().containsExactly(0, 100);
        assertThat(points.features().get(0).attributes()).containsEntry("OBJECTID", 1L)
                .containsEntry("name", "Kirkeveien").containsEntry("pm25", 9.8);
    }

    @Test
    void badRowsAreSkippedWithWarningsThatGiveTheirLineNumbers() throws IOException {
        String input = file("bad.csv", "id,x,y,label\n"
                + "1,10.5,59.9,ok\n"
                + "2,abc,59.9,bad x\n"
                + "3,10.6\n"
                + "\n"
                + "4,10.7,,no y\n"
                + "5,200,59.9,out of range\n"
                + "6,\"10.8\",59.95,\"quoted, fine\"\n");
        TaskRun run = TaskTester.of(new CsvToPointsTask()).input("Input_File", input).run();

        assertThat(run).hasStatus(JobStatus.SUCCEEDED)
                .hasOutput("Point_Count", new GPLong(2))
                .hasOutput("Skipped_Row_Count", new GPLong(4))
                .hasMessage(MessageType.WARNING, "line 3: x value 'abc' is not a number; row skipped.")
                .hasMessage(MessageType.WARNING, "line 4: 2 columns where the header has 4; row skipped.")
                .hasMessage(MessageType.WARNING, "line 6: y is empty; row skipped.")
                .hasMessage(MessageType.WARNING, "line 7: (200, 59.9) is not a longitude/latitude; row skipped.");
        GPFeatureRecordSetLayer points = run.output("Output_Points", GPFeatureRecordSetLayer.class);
        assertThat(points.fields()).extracting(GPField::name, GPField::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OBJECTID", FieldType.OID),
                org.assertj.core.groups.Tuple.tuple("id", FieldType.INTEGER),
                org.assertj.core.groups.Tuple.tuple("label", FieldType.STRING));
        assertThat(points.features()).extracting(f -> f.attributes().get("id")).containsExactly(1L, 6L);
        assertThat(points.features().get(1).attributes()).containsEntry("label", "quoted, fine");
    }

    @Test
    void largeFilesReportProgressAndHonourCancellation() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,n\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i % 180).append(',').append(i % 90).append(',').append(i).append('\n');
        }
        String input = file("big.csv", csv.toString());
        TaskRun full = TaskTester.of(new CsvToPointsTask()).input("Input_File", input).run();
        assertThat(full).hasStatus(JobStatus.SUCCEEDED).hasOutput("Point_Count", new GPLong(5000));
        assertThat(full).progressPercents().containsExactly(0, 20, 40, 60, 80, 100, 100);

        TaskRun cancelled = TaskTester.of(new CsvToPointsTask()).input("Input_File", input)
                .cancelAfterProgressSteps(3).run();
        assertThat(cancelled).hasStatus(JobStatus.CANCELLED).hasNoOutputs();
        assertThat(cancelled).progressPercents().containsExactly(0, 20);
    }

    @Test
    void failOnBadRowsFailsAtTheFirstOne() throws IOException {
        String input = file("bad.csv", "x,y\n1,2\n3,oops\n4,5\n");
        TaskRun run = TaskTester.of(new CsvToPointsTask()).input("Input_File", input)
                .input("Fail_On_Bad_Rows", "true").run();
        assertThat(run).hasStatus(JobStatus.FAILED)
                .hasMessage(MessageType.ERROR, "parameter 'Input_File': line 3: y value 'oops' is not a number");
    }

    @Test
    void otherColumnsDelimiterAndProjectedWkid() throws IOException {
        Path utm = Files.writeString(dir.resolve("utm.txt"), "Name;East;North\nA;597000;6643000\nB;597100.5;6643200\n");
        TaskRun run = TaskTester.of(new CsvToPointsTask()).inputFile("Input_File", utm)
                .input("X_Field", "east").input("Y_Field", "NORTH").input("Delimiter", "SEMICOLON")
                .input("WKID", "32632").run();
        assertThat(run).hasStatus(JobStatus.SUCCEEDED).hasOutput("Point_Count", new GPLong(2));
        GPFeatureRecordSetLayer points = run.output("Output_Points", GPFeatureRecordSetLayer.class);
        assertThat(points.spatialReference().wkid()).isEqualTo(32632);
        assertThat(points.features().get(1).geometry()).isEqualTo(Geometry.Point.of(597100.5, 6643200));
    }

    @Test
    void onlyLocalFileUrlsAreRead() {
        // an engine accepts no remote URL unless its host allows it: refused at submit, before the task
        assertThatThrownBy(() -> TaskTester.of(new CsvToPointsTask())
                .input("Input_File", "{\"url\":\"https://example.com/points.csv\"}").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parameter 'Input_File'")
                .hasMessageContaining("'https://example.com/points.csv' is refused");
        TaskRun item = TaskTester.of(new CsvToPointsTask()).input("Input_File", "{\"itemID\":\"i1234\"}").run();
        assertThat(item).hasStatus(JobStatus.FAILED)
                .hasMessageContaining(MessageType.ERROR, "uploaded items (itemID/portalItemID) are not supported");
    }

    @Test
    void missingFileAndMissingColumnFailClearly() throws IOException {
        String missing = "{\"url\":\"" + dir.resolve("nope.csv").toUri() + "\"}";
        // a file URL that names no readable file is refused at submit, before a job exists
        assertThatThrownBy(() -> TaskTester.of(new CsvToPointsTask()).input("Input_File", missing).run())
                .isInstanceOf(io.gpjobs.InvalidInputException.class).hasMessageContaining("parameter 'Input_File'")
                .hasMessageContaining("nope.csv").hasMessageContaining("does not exist or cannot be read");
        String input = file("cols.csv", "lon,lat\n1,2\n");
        assertThat(TaskTester.of(new CsvToPointsTask()).input("Input_File", input).run())
                .hasStatus(JobStatus.FAILED).hasMessage(MessageType.ERROR,
                        "parameter 'X_Field': the file has no column 'x'; its columns are [lon, lat]");
        String empty = file("empty.csv", "");
        assertThat(TaskTester.of(new CsvToPointsTask()).input("Input_File", empty).run())
                .hasStatus(JobStatus.FAILED).hasMessageContaining(MessageType.ERROR, "empty.csv is empty");
    }

    @Test
    void aFileThatIsNotUtf8FailsClearly() throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name,x,y\nT\u00f8yen,10.77,59.91\n".getBytes(StandardCharsets.ISO_8859_1));
        TaskRun run = TaskTester.of(new CsvToPointsTask()).input("Input_File", "{\"url\":\"" + latin1.toUri() + "\"}")
                .run();
        assertThat(run).hasStatus(JobStatus.FAILED)
                .hasMessage(MessageType.ERROR, "parameter 'Input_File': latin1.csv is not UTF-8 text");
        String open = file("open.csv", "x,y,name\n1,2,\"unclosed\n3,4,b\n");
        assertThat(TaskTester.of(new CsvToPointsTask()).input("Input_File", open).run()).hasStatus(JobStatus.FAILED)
                .hasMessage(MessageType.ERROR,
                        "parameter 'Input_File': cannot read open.csv: line 2: a quoted field is not closed");
    }

    @Test
    void aBaseFolderConfinesWhatTheTaskReads() throws IOException {
        String inside = file("in.csv", "x,y\n1,2\n");
        Path other = Files.createTempDirectory("csv-outside");
        try {
            Path outside = Files.writeString(other.resolve("out.csv"), "x,y\n1,2\n");
            CsvToPointsTask confined = new CsvToPointsTask(dir);
            assertThat(TaskTester.of(confined).input("Input_File", inside).run()).hasStatus(JobStatus.SUCCEEDED);
            assertThat(TaskTester.of(confined).input("Input_File", "{\"url\":\"" + outside.toUri() + "\"}").run())
                    .hasStatus(JobStatus.FAILED)
                    .hasMessageContaining(MessageType.ERROR, "is outside the folder this tool may read");
        } finally {
            Files.deleteIfExists(other.resolve("out.csv"));
            Files.deleteIfExists(other);
        }
    }

    @Test
    void fileExtensionAndChoicesAreValidatedBeforeRunning() throws IOException {
        String json = file("points.json", "{}");
        assertThatThrownBy(() -> TaskTester.of(new CsvToPointsTask()).input("Input_File", json).run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Input_File");
        String csv = file("a.csv", "x,y\n1,2\n");
        assertThatThrownBy(() -> TaskTester.of(new CsvToPointsTask()).input("Input_File", csv)
                .input("Delimiter", "COLON").run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Delimiter");
    }
}
