package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPBoolean;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPDouble;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPMultiValue;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.ParameterFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

    private static final TaskDefinition TASK = new TaskDefinition("Count", null, null, null, null, List.of(
            ParameterDefinition.requiredInput("Name", GPDataType.STRING),
            ParameterDefinition.optionalInput("Count", GPDataType.LONG, new GPLong(5))
                    .withFilter(new ParameterFilter.Range(1.0, 10.0)),
            ParameterDefinition.optionalInput("Side", GPDataType.STRING, new GPString("FULL"))
                    .withChoiceList(List.of("FULL", "LEFT", "RIGHT")),
            ParameterDefinition.optionalInput("Ratio", GPDataType.DOUBLE, null),
            ParameterDefinition.optionalInput("Flag", GPDataType.BOOLEAN, GPBoolean.FALSE),
            ParameterDefinition.optionalInput("Tags", GPDataType.multiValue(GPDataType.STRING), null)
                    .withChoiceList(List.of("a", "b")),
            ParameterDefinition.output("Result", GPDataType.LONG)));

    private static InvalidInputException rejected(Map<String, ?> raw) {
        return catchThrowableOfType(InvalidInputException.class, () -> InputValidator.validate(TASK, raw));
    }

    @Test
    void convertsLiteralsJsonAndValuesAndAppliesDefaultsInDefinitionOrder() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Ratio", JsonNodeFactory.instance.numberNode(0.5));
        raw.put("Name", "Parcels");
        raw.put("Tags", "[\"b\",\"a\"]");
        raw.put("Flag", GPBoolean.TRUE);
        Map<String, GPValue> out = InputValidator.validate(TASK, raw);
        assertThat(out).containsExactly(
                Map.entry("Name", new GPString("Parcels")),
                Map.entry("Count", new GPLong(5)),
                Map.entry("Side", new GPString("FULL")),
                Map.entry("Ratio", new GPDouble(0.5)),
                Map.entry("Flag", GPBoolean.TRUE),
                Map.entry("Tags", GPMultiValue.of(GPDataType.STRING, new GPString("b"), new GPString("a"))));
        assertThatThrownBy(() -> out.put("x", new GPLong(1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void optionalWithoutDefaultIsLeftOutAndEmptyMeansAbsent() {
        Map<String, GPValue> out = InputValidator.validate(TASK, Map.of("Name", "n", "Ratio", "", "Count", ""));
        assertThat(out).containsOnlyKeys("Name", "Count", "Side", "Flag");
        assertThat(out.get("Count")).isEqualTo(new GPLong(5));
    }

    @Test
    void aLongValueIsWidenedForADoubleParameter() {
        assertThat(InputValidator.validate(TASK, Map.of("Name", "n", "Ratio", new GPLong(2))).get("Ratio"))
                .isEqualTo(new GPDouble(2));
    }

    @Test
    void missingRequired() {
        assertThat(rejected(Map.of()).details()).containsExactly("missing required parameter 'Name' (GPString)");
        assertThat(rejected(Map.of("Name", "")).details()).containsExactly("missing required parameter 'Name' (GPString)");
        InvalidInputException e = rejected(Map.of());
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.envelopeMessage()).isEqualTo("Invalid or missing input parameters.");
    }

    @Test
    void wrongType() {
        assertThat(rejected(Map.of("Name", "n", "Count", "many")).details())
                .containsExactly("parameter 'Count': GPLong: expected an integer, got 'many'");
        assertThat(rejected(Map.of("Name", "n", "Flag", new GPString("yes"))).details())
                .containsExactly("parameter 'Flag': expected a GPBoolean value, got a GPString value \"yes\"");
        assertThat(rejected(Map.of("Name", "n", "Count", 3)).details())
                .containsExactly("parameter 'Count': expected a string, JSON or GP value, got a java.lang.Integer '3'");
    }

    @Test
    void outOfRange() {
        assertThat(rejected(Map.of("Name", "n", "Count", "11")).details())
                .containsExactly("parameter 'Count': value 11 is out of range [1, 10]");
        assertThat(InputValidator.validate(TASK, Map.of("Name", "n", "Count", "10")).get("Count"))
                .isEqualTo(new GPLong(10));
    }

    @Test
    void notInChoiceList() {
        assertThat(rejected(Map.of("Name", "n", "Side", "MIDDLE")).details())
                .containsExactly("parameter 'Side': value \"MIDDLE\" is not in the choice list [FULL, LEFT, RIGHT]");
        assertThat(rejected(Map.of("Name", "n", "Tags", "[\"a\",\"c\"]")).details())
                .containsExactly("parameter 'Tags': value \"c\" is not in the choice list [a, b]");
    }

    @Test
    void unknownNamesAndOutputsRejectedControlParametersIgnored() {
        assertThat(rejected(Map.of("Name", "n", "Colour", "red")).details())
                .containsExactly("unknown parameter 'Colour' (value 'red'); task 'Count' has inputs "
                        + "[Name, Count, Side, Ratio, Flag, Tags]");
        assertThat(rejected(Map.of("Name", "n", "Result", "3")).details())
                .containsExactly("parameter 'Result' is an output of task 'Count' and cannot be given as input (value '3')");
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Name", "n");
        for (String c : InputValidator.CONTROL_PARAMETERS) {
            raw.put(c, "json");
        }
        assertThat(InputValidator.validate(TASK, raw)).containsOnlyKeys("Name", "Count", "Side", "Flag");
        assertThat(InputValidator.CONTROL_PARAMETERS).contains("f", "token", "env:outSR", "context", "returnType");
    }

    @Test
    void reportsEveryProblemTogether() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Count", "0");
        raw.put("Side", "UP");
        raw.put("Ratio", "half");
        raw.put("Bogus", "1");
        InvalidInputException e = rejected(raw);
        assertThat(e.details()).containsExactly(
                "unknown parameter 'Bogus' (value '1'); task 'Count' has inputs [Name, Count, Side, Ratio, Flag, Tags]",
                "missing required parameter 'Name' (GPString)",
                "parameter 'Count': value 0 is out of range [1, 10]",
                "parameter 'Side': value \"UP\" is not in the choice list [FULL, LEFT, RIGHT]",
                "parameter 'Ratio': GPDouble: expected a number, got 'half'");
        assertThat(e.getMessage()).contains("'Bogus'", "'Name'", "'Count'", "'Side'", "'Ratio'");
    }

    @Test
    void valueTableCellsAndCompositeMembersAreCheckedAgainstTheirOwnFilters() {
        ParameterDefinition table = ParameterDefinition.requiredInput("Rows", GPDataType.VALUE_TABLE)
                .withParameterInfos(List.of(
                        ParameterDefinition.requiredInput("Name", GPDataType.STRING).withChoiceList(List.of("a", "b")),
                        ParameterDefinition.requiredInput("Weight", GPDataType.LONG)
                                .withFilter(new ParameterFilter.Range(0.0, 10.0))));
        ParameterDefinition size = ParameterDefinition.requiredInput("Size", GPDataType.COMPOSITE)
                .withParameterInfos(List.of(
                        ParameterDefinition.requiredInput("Count", GPDataType.LONG)
                                .withFilter(new ParameterFilter.Range(1.0, 3.0)),
                        ParameterDefinition.requiredInput("Label", GPDataType.STRING)));
        TaskDefinition task = new TaskDefinition("T", null, null, null, null, List.of(table, size));
        assertThat(InputValidator.validate(task, Map.of("Rows", "[[\"a\",1],[\"b\",10]]", "Size", "2")))
                .containsEntry("Size", new GPLong(2));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> InputValidator.validate(task,
                Map.of("Rows", "[[\"a\",1],[\"c\",11]]", "Size", "7")));
        assertThat(e.details()).containsExactly(
                "parameter 'Rows[1].Name': value \"c\" is not in the choice list [a, b]",
                "parameter 'Rows[1].Weight': value 11 is out of range [0, 10]",
                "parameter 'Size': value 7 is out of range [1, 3]");
        assertThat(InputValidator.validate(task, Map.of("Rows", "[]", "Size", "seven")).get("Size"))
                .isEqualTo(new GPString("seven"));
    }

    @Test
    void multiValueElementsAreCheckedAgainstTheElementDescriptor() {
        ParameterDefinition counts = ParameterDefinition.requiredInput("Counts", GPDataType.multiValue(GPDataType.LONG))
                .withParameterInfos(List.of(ParameterDefinition.requiredInput("Count", GPDataType.LONG)
                        .withFilter(new ParameterFilter.Range(1.0, 5.0))));
        TaskDefinition task = new TaskDefinition("T", null, null, null, null, List.of(counts));
        assertThat(InputValidator.validate(task, Map.of("Counts", "[1,5]")).get("Counts"))
                .isEqualTo(GPMultiValue.of(GPDataType.LONG, new GPLong(1), new GPLong(5)));
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> InputValidator.validate(task, Map.of("Counts", "[0,3,6]"))).details()).containsExactly(
                "parameter 'Counts': value 0 is out of range [1, 5]",
                "parameter 'Counts': value 6 is out of range [1, 5]");
    }

    @Test
    void anOmittedRequiredInputTakesThePublishedDefaultAsArcGisServerDoes() {
        TaskDefinition task = new TaskDefinition("Dist", null, null, null, null, List.of(
                new ParameterDefinition("Distance", GPDataType.LONG, null, null,
                        ParameterDefinition.Direction.INPUT, ParameterDefinition.ParameterType.REQUIRED,
                        new GPLong(100), null, null, null, null, null),
                ParameterDefinition.requiredInput("Name", GPDataType.STRING)));
        assertThat(InputValidator.validate(task, Map.of("Name", "x"))).containsEntry("Distance", new GPLong(100));
        assertThat(InputValidator.validate(task, Map.of("Name", "x", "Distance", ""))).containsEntry("Distance",
                new GPLong(100));
        // without a default, a required input is still missing
        assertThatThrownBy(() -> InputValidator.validate(task, Map.of("Distance", "3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing required parameter 'Name'");
    }
}
