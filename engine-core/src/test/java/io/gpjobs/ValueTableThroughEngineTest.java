package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPDouble;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueTable;
import io.gpjobs.value.LinearUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A value table keeps its declared column types from submit, through the store, to the task and to inputs(). */
class ValueTableThroughEngineTest {

    private static final ParameterDefinition WEIGHTS = ParameterDefinition
            .requiredInput("Weights", GPDataType.VALUE_TABLE)
            .withParameterInfos(List.of(
                    ParameterDefinition.requiredInput("Name", GPDataType.STRING),
                    ParameterDefinition.requiredInput("Weight", GPDataType.DOUBLE),
                    ParameterDefinition.requiredInput("Distance", GPDataType.LINEAR_UNIT)));

    private static final GPValueTable EXPECTED = new GPValueTable(List.of(
            new GPValueTable.Column("Name", GPDataType.STRING),
            new GPValueTable.Column("Weight", GPDataType.DOUBLE),
            new GPValueTable.Column("Distance", GPDataType.LINEAR_UNIT)),
            List.of(List.of(new GPString("a"), new GPDouble(1), new GPLinearUnit(3, LinearUnit.MILES))));

    @Test
    void columnsKeepTheirDeclaredTypes() {
        AtomicReference<GPValue> seen = new AtomicReference<>();
        Task task = new Task() {
            @Override
            public TaskDefinition definition() {
                return new TaskDefinition("Weigh", null, null, null, null, List.of(WEIGHTS));
            }

            @Override
            public void execute(TaskContext context) {
                seen.set(context.input("Weights").orElseThrow());
            }
        };
        try (GPEngine engine = GPEngine.builder().service(GPService.builder("Tables").task(task).build()).build()) {
            // 1 is an integer in the JSON; the Weight column is a GPDouble all the same
            String id = engine.anonymous().submitJob("Tables", "Weigh",
                    Map.of("Weights", "[[\"a\",1,{\"distance\":3,\"units\":\"esriMiles\"}]]")).jobId();
            assertThat(engine.anonymous().awaitCompletion(id, Duration.ofSeconds(20)).status()).isEqualTo(JobStatus.SUCCEEDED);

            assertThat(seen.get()).isEqualTo(EXPECTED);
            assertThat(engine.anonymous().input(id, "Weights").value()).isEqualTo(EXPECTED);
        }
    }
}
