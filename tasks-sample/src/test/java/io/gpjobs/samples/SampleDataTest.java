package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleDataTest {

    @Test
    void everyBundledFileIsReadable() {
        for (String name : SampleData.names()) {
            assertThat(SampleData.read(name)).as(name).isNotBlank();
        }
        assertThat(SampleData.read(SampleData.BIKE_STATIONS)).contains("\"wkid\":32632").contains("Jernbanetorget");
        assertThat(SampleData.read(SampleData.AIR_SENSORS_CSV)).startsWith("name,x,y,pm25\n");
    }

    @Test
    void unknownNameIsRejected() {
        assertThatThrownBy(() -> SampleData.read("../secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../secret'");
    }
}
