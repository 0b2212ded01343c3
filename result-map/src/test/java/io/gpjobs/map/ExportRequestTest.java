package io.gpjobs.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.value.Geometry.Envelope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Export and query parameters are checked when built; fitting keeps the aspect ratio. */
class ExportRequestTest {

    @Test
    void fittingGrowsTheExtentAndKeepsTheAspectRatio() {
        ExportRequest r = ExportRequest.fitting(new Envelope(0, 0, 200, 100, null), 440);
        assertThat(r.bbox()).isEqualTo(new Envelope(-10, -5, 210, 105, null));
        assertThat(r.width()).isEqualTo(440);
        assertThat(r.height()).isEqualTo(220);
        ExportRequest point = ExportRequest.fitting(new Envelope(5, 5, 5, 5, null), 100);
        assertThat(point.bbox()).isEqualTo(new Envelope(4, 4, 6, 6, null));
        assertThat(point.height()).isEqualTo(100);
        ExportRequest line = ExportRequest.fitting(new Envelope(0, 3, 10, 3, null), 100);
        assertThat(line.bbox().ymax() - line.bbox().ymin()).isEqualTo(10);
    }

    @Test
    void badParametersAreRefusedNamingTheValue() {
        Envelope e = new Envelope(0, 0, 1, 1, null);
        assertThatThrownBy(() -> ExportRequest.of(e, 0, 10)).hasMessageContaining("0x10");
        assertThatThrownBy(() -> ExportRequest.of(e, 10, 5000)).hasMessageContaining("10x5000");
        assertThatThrownBy(() -> ExportRequest.of(new Envelope(0, 0, 0, 1, null), 10, 10))
                .hasMessageContaining("positive width");
        assertThat(ExportRequest.of(e, 1, 1).withLayers(List.of(2, 0)).layers()).containsExactly(2, 0);
        assertThatThrownBy(() -> LayerQuery.builder().resultOffset(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> LayerQuery.builder().resultRecordCount(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> new TimeExtent(null, null)).hasMessageContaining("start or an end");
        assertThatThrownBy(() -> TimeExtent.between(java.time.Instant.ofEpochSecond(2),
                java.time.Instant.ofEpochSecond(1))).hasMessageContaining("after its end");
    }
}
