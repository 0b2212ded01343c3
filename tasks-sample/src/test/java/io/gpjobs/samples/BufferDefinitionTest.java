package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPJson;
import io.gpjobs.GPService;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.ParameterDefinition.Direction;
import io.gpjobs.spi.ParameterDefinition.ParameterType;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.GPString;
import io.gpjobs.value.LinearUnit;
import io.gpjobs.value.ParameterFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buffer's definition, now made with the builder, is the one its records made before: same task JSON. */
class BufferDefinitionTest {

    @Test
    void theBuilderMadeDefinitionEqualsTheRecordMadeOne() {
        TaskDefinition recordMade = new TaskDefinition(BufferTask.NAME, "Buffer",
                "Creates buffer polygons around input features to a given distance. Distances are measured on the "
                        + "ground, also for geographic and Web Mercator coordinates.",
                "Analysis", null,
                List.of(ParameterDefinition.requiredInput("Input_Features", GPDataType.FEATURE_RECORD_SET_LAYER)
                                .withDisplayName("Input Features", "The features to buffer."),
                        new ParameterDefinition("Distance", GPDataType.LINEAR_UNIT, "Distance",
                                "The buffer distance, in any linear unit.", Direction.INPUT, ParameterType.REQUIRED,
                                new GPLinearUnit(100, LinearUnit.METERS), null, null, null, null, null)
                                // at most half the Earth's circumference either way, in any metric or imperial unit
                                .withFilter(new ParameterFilter.Range(-BufferTask.MAX_DISTANCE_METERS, BufferTask.MAX_DISTANCE_METERS)),
                        ParameterDefinition.optionalInput("Dissolve_Option", GPDataType.STRING, new GPString("NONE"))
                                .withChoiceList(List.of("NONE", "ALL"))
                                .withDisplayName("Dissolve Type",
                                        "NONE keeps one buffer per feature; ALL merges all buffers into one."),
                        ParameterDefinition.output("Output_Features", GPDataType.FEATURE_RECORD_SET_LAYER)
                                .withDisplayName("Output Features", "The buffer polygons.")));
        TaskDefinition built = new BufferTask().definition();
        assertThat(built).isEqualTo(recordMade);
        assertThat(GPJson.toJson(GPJson.task(built, GPService.ExecutionType.ASYNCHRONOUS)))
                .isEqualTo(GPJson.toJson(GPJson.task(recordMade, GPService.ExecutionType.ASYNCHRONOUS)));
    }
}
