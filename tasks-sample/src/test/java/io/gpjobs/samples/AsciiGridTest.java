package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AsciiGridTest {

    @Test
    void writesHeaderAndRows() throws IOException {
        StringWriter w = new StringWriter();
        AsciiGrid.writeHeader(w, 3, 2, 597000, 6642000.5, 25);
        AsciiGrid.writeRow(w, new double[] {0, 1.5, 1.0 / 3});
        AsciiGrid.writeRow(w, new double[] {Double.NaN, 123456789.0, 0.000012345678});
        assertThat(w.toString()).isEqualTo("ncols 3\nnrows 2\nxllcorner 597000\nyllcorner 6642000.5\n"
                + "cellsize 25\nNODATA_value -9999\n"
                + "0 1.5 0.3333333\n"
                + "-9999 123456800 0.00001234568\n");
    }

    @Test
    void prjForKnownWkids() {
        assertThat(AsciiGrid.prj(32632, null)).get().asString()
                .startsWith("PROJCS[\"WGS_1984_UTM_Zone_32N\"").contains("\"Central_Meridian\",9.0");
        assertThat(AsciiGrid.prj(32733, null)).get().asString()
                .contains("Zone_33S").contains("\"False_Northing\",10000000.0").contains("\"Central_Meridian\",15.0");
        assertThat(AsciiGrid.prj(4326, null)).get().asString().startsWith("GEOGCS[\"GCS_WGS_1984\"");
        assertThat(AsciiGrid.prj(102100, null)).get().asString().contains("Mercator_Auxiliary_Sphere");
        assertThat(AsciiGrid.prj(2056, null)).isEmpty();
        assertThat(AsciiGrid.prj(2056, "PROJCS[\"CH1903+\"]")).contains("PROJCS[\"CH1903+\"]");
    }
}
