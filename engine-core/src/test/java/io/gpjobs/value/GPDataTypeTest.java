package io.gpjobs.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GPDataTypeTest {

    @Test
    void parsesEveryWireName() {
        for (GPDataType.Base b : GPDataType.Base.values()) {
            if (b == GPDataType.Base.GPMultiValue) {
                continue;
            }
            GPDataType t = GPDataType.parse(b.name());
            assertThat(t.base()).isEqualTo(b);
            assertThat(t.wireName()).isEqualTo(b.name());
            if (b != GPDataType.Base.GPValueTable) {
                GPDataType mv = GPDataType.parse("GPMultiValue:" + b.name());
                assertThat(mv.element()).isEqualTo(t);
                assertThat(mv.wireName()).isEqualTo("GPMultiValue:" + b.name());
            }
        }
        assertThat(GPDataType.parse("GPField")).isEqualTo(GPDataType.FIELD);
        assertThat(GPDataType.parse("GPRasterData")).isEqualTo(GPDataType.RASTER_DATA_LAYER);
        assertThat(GPDataType.parse(" GPLong ")).isEqualTo(GPDataType.LONG);
    }

    @Test
    void rejectsJunk() {
        assertThatThrownBy(() -> GPDataType.parse("GPWhatever")).hasMessage("unknown dataType 'GPWhatever'");
        assertThatThrownBy(() -> GPDataType.parse("gplong")).hasMessage("unknown dataType 'gplong'");
        assertThatThrownBy(() -> GPDataType.parse("")).hasMessage("dataType must not be empty");
        assertThatThrownBy(() -> GPDataType.parse(null)).hasMessage("dataType must not be empty");
        assertThatThrownBy(() -> GPDataType.parse("GPMultiValue")).hasMessageContaining("needs an element type");
        assertThatThrownBy(() -> GPDataType.parse("GPMultiValue:GPMultiValue:GPLong"))
                .hasMessage("GPMultiValue cannot hold GPMultiValue:GPLong");
        assertThatThrownBy(() -> GPDataType.parse("GPMultiValue:GPValueTable"))
                .hasMessage("GPMultiValue cannot hold GPValueTable");
    }
}
