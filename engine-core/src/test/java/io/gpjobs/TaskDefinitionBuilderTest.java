package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.CompositeMember;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.spi.ValueTableColumn;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPDouble;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GPValueTable;
import io.gpjobs.value.ParameterFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fluent task definition, Task.of, and value-table columns and composite members as their own types. */
class TaskDefinitionBuilderTest {

    private static final TaskDefinition WEIGH = TaskDefinition.builder("Weigh")
            .input("Weights", GPDataType.VALUE_TABLE, p -> p.columns(
                    ValueTableColumn.of("Name", GPDataType.STRING),
                    ValueTableColumn.of("Weight", GPDataType.DOUBLE).withFilter(new ParameterFilter.Range(0.0, 1.0))))
            .input("Size", GPDataType.COMPOSITE, p -> p.optional().members(
                    CompositeMember.of(GPDataType.LONG),
                    CompositeMember.of(GPDataType.STRING).withChoices("small", "large")))
            .output("Total", GPDataType.DOUBLE)
            .build();

    @Test
    void theBuilderMakesTheDefinitionTheRecordsMakeInFewerWords() {
        TaskDefinition built = TaskDefinition.builder("Echo").description("a test task")
                .input("text", GPDataType.STRING)
                .input("times", GPDataType.LONG, p -> p.optional().defaultValue(new GPLong(1)))
                .output("result", GPDataType.STRING)
                .build();
        assertThat(built).isEqualTo(TestTasks.definition("Echo"));
        assertThat(GPJson.task(built, GPService.ExecutionType.ASYNCHRONOUS))
                .isEqualTo(GPJson.task(TestTasks.definition("Echo"), GPService.ExecutionType.ASYNCHRONOUS));
        TaskDefinition required = TaskDefinition.builder("R").input("n", GPDataType.LONG,
                p -> p.defaultValue(new GPLong(5)).choices("5", "6").displayName("N")).build();
        ParameterDefinition n = required.parameter("n").orElseThrow();
        assertThat(n.parameterType()).isEqualTo(ParameterDefinition.ParameterType.REQUIRED);
        assertThat(n.defaultValue()).isEqualTo(new GPLong(5));
        assertThat(n.choiceList()).containsExactly("5", "6");
        assertThat(n.displayName()).isEqualTo("N");
    }

    @Test
    void columnsAndMembersAreTheirOwnTypesAndTheTaskJsonListsThemAsParameterInfos() {
        ParameterDefinition weights = WEIGH.parameter("Weights").orElseThrow();
        assertThat(weights.columns()).extracting(ValueTableColumn::name).containsExactly("Name", "Weight");
        assertThat(weights.columns().get(1).filter()).isEqualTo(new ParameterFilter.Range(0.0, 1.0));
        assertThat(weights.members()).isEmpty();
        ParameterDefinition size = WEIGH.parameter("Size").orElseThrow();
        assertThat(size.members()).extracting(CompositeMember::dataType)
                .containsExactly(GPDataType.LONG, GPDataType.STRING);
        assertThat(size.members().get(1).choiceList()).containsExactly("small", "large");
        String json = GPJson.toJson(GPJson.task(WEIGH, GPService.ExecutionType.ASYNCHRONOUS));
        assertThat(json).contains("\"parameterInfos\":[{\"name\":\"Name\"", "\"name\":\"Weight\"",
                "\"dataType\":\"GPLong\"");
    }

    @Test
    void aColumnFilterAndAMemberChoiceListAreCheckedAtSubmit() {
        Task weigh = Task.of(WEIGH, ctx -> {
            GPValueTable t = ctx.input("Weights", GPValueTable.class);
            double sum = t.rows().stream().mapToDouble(r -> ((GPDouble) r.get(1)).value()).sum();
            ctx.setOutput("Total", new GPDouble(sum));
        });
        GPService svc = GPService.builder("Tables").task(weigh).build();
        try (GPEngine engine = GPEngine.builder().service(svc).build()) {
            GPCaller caller = engine.anonymous();
            assertThatThrownBy(() -> caller.submitJob("Tables", "Weigh", Map.of("Weights", "[[\"a\",1.5]]")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Weights[0].Weight")
                    .hasMessageContaining("1.5");
            assertThatThrownBy(() -> caller.submitJob("Tables", "Weigh",
                    Map.of("Weights", "[[\"a\",0.5]]", "Size", "{\"dataType\":\"GPString\",\"value\":\"huge\"}")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("huge");
            String id = caller.submitJob("Tables", "Weigh", Map.of("Weights", "[[\"a\",0.25],[\"b\",0.5]]"))
                    .jobId();
            assertThat(caller.awaitStatus(id, JobStatus::isTerminal, Duration.ofSeconds(20)).status())
                    .isEqualTo(JobStatus.SUCCEEDED);
            assertThat(caller.result(id, "Total").value()).isEqualTo(new GPDouble(0.75));
            assertThat(weigh.toString()).isEqualTo("Task[Weigh]");
        }
    }

    @Test
    void mistakesAreRefusedNamingTheOptionAndTheParameter() {
        TaskDefinition.Builder b = TaskDefinition.builder("T").description("one");
        assertThatThrownBy(() -> b.description("two")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("description").hasMessageContaining("'one'");
        b.input("a", GPDataType.STRING);
        assertThatThrownBy(() -> b.output("a", GPDataType.STRING)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> b.input("b c", GPDataType.STRING)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b c'");
        assertThatThrownBy(() -> b.input("c", GPDataType.STRING, p -> p.optional().optional()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("optional").hasMessageContaining("'c'");
        assertThatThrownBy(() -> b.input("d", GPDataType.STRING,
                p -> p.columns(ValueTableColumn.of("x", GPDataType.LONG))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'d'").hasMessageContaining("GPString");
        assertThatThrownBy(() -> b.input("e", GPDataType.LONG, p -> p.defaultValue(new GPString("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'e'")
                .hasMessageContaining("GPString").hasMessageContaining("GPLong");
        assertThatThrownBy(() -> b.output("f", GPDataType.STRING, p -> p.filter(new ParameterFilter.Range(0.0, 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filter").hasMessageContaining("'f'");
        assertThatThrownBy(() -> b.input("g", GPDataType.VALUE_TABLE, p -> p.columns(
                ValueTableColumn.of("x", GPDataType.LONG), ValueTableColumn.of("x", GPDataType.STRING))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'g'");
        assertThatThrownBy(() -> TaskDefinition.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Task.of(null, ctx -> { })).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("definition");
        assertThat(b.build().parameters()).extracting(ParameterDefinition::name).containsExactly("a");
    }

    @Test
    void valueTableDefinitionsOfTheOldShapeReadTheSameColumns() {
        ParameterDefinition old = ParameterDefinition.requiredInput("Weights", GPDataType.VALUE_TABLE)
                .withParameterInfos(List.of(ParameterDefinition.requiredInput("Name", GPDataType.STRING)));
        assertThat(old.columns()).containsExactly(ValueTableColumn.of("Name", GPDataType.STRING));
    }
}
