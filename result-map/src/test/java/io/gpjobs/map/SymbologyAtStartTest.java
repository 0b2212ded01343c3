package io.gpjobs.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GeometryType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A renderer the map could not draw fails the host when the result map service is made, naming where it is. */
class SymbologyAtStartTest {

    /** A task whose author gives drawing info for its one output. */
    private record Authored(String drawingInfo) implements Task, ResultMapSymbology {
        @Override
        public TaskDefinition definition() {
            return new TaskDefinition("Drawn", null, null, null, null,
                    List.of(ParameterDefinition.output("Out", GPDataType.FEATURE_RECORD_SET_LAYER)));
        }

        @Override
        public void execute(TaskContext context) {
            context.setOutput("Out", GPFeatureRecordSetLayer.of(GeometryType.POINT, null, List.of(), List.of()));
        }

        @Override
        public Optional<JsonNode> drawingInfo(String outputParameter) {
            try {
                return Optional.of(new ObjectMapper().readTree(drawingInfo));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static GPEngine engine(String drawingInfo) {
        return GPEngine.builder().service(GPService.builder("Maps").resultMapServer(true)
                .task(new Authored(drawingInfo)).build()).build();
    }

    @Test
    void aRendererTheMapCannotDrawFailsAtStart() {
        try (GPEngine engine = engine("{\"renderer\":{\"type\":\"classBreaks\",\"field\":\"n\"}}")) {
            assertThatThrownBy(() -> ResultMapService.of(engine)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("service 'Maps', task 'Drawn'").hasMessageContaining("output 'Out'")
                    .hasMessageContaining("classBreakInfos");
        }
    }

    @Test
    void aGoodRendererPasses() {
        try (GPEngine engine = engine("{\"renderer\":{\"type\":\"simple\",\"symbol\":{\"type\":\"esriSMS\","
                + "\"color\":[1,2,3,255],\"size\":5}}}")) {
            assertThat(ResultMapService.of(engine)).isNotNull();
        }
    }
}
