package io.gpjobs.map.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.value.Geometry.Envelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading ESRI ASCII grids: corner and center headers, no data, cell lookup, and malformed files. */
class GridTest {

    static Grid read(String text) throws IOException {
        return Grid.read("g.asc", new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readsCornerGridWithNoData() throws IOException {
        Grid g = read("ncols 3\nnrows 2\nxllcorner 10\nyllcorner 20\ncellsize 5\nNODATA_value -9999\n"
                + "1 2 3\n4 -9999 6\n");
        assertThat(g.extent()).isEqualTo(new Envelope(10, 20, 25, 30, null));
        assertThat(g.min()).isEqualTo(1);
        assertThat(g.max()).isEqualTo(6);
        assertThat(g.valueAt(11, 29)).as("north-west cell").isEqualTo(1);
        assertThat(g.valueAt(24, 21)).as("south-east cell").isEqualTo(6);
        assertThat(g.valueAt(16, 21)).as("no data").isNaN();
        assertThat(g.valueAt(9, 21)).as("outside").isNaN();
    }

    @Test
    void centerHeadersShiftByHalfACell() throws IOException {
        Grid g = read("NCOLS 1\nNROWS 1\nXLLCENTER 1\nYLLCENTER 1\nCELLSIZE 2\n7\n");
        assertThat(g.extent()).isEqualTo(new Envelope(0, 0, 2, 2, null));
        assertThat(g.valueAt(1, 1)).isEqualTo(7);
    }

    @Test
    void malformedGridsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> read("ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n"))
                .hasMessageContaining("g.asc").hasMessageContaining("expected 2 values, found 1");
        assertThatThrownBy(() -> read("ncols 2\nnrows 1\nxllcorner 0\ncellsize 1\n1 2\n"))
                .hasMessageContaining("yllcorner");
        assertThatThrownBy(() -> read("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 0\n1\n"))
                .hasMessageContaining("cellsize must be positive");
        assertThatThrownBy(() -> read("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nabc\n"))
                .hasMessageContaining("not a number: 'abc'");
    }
}
