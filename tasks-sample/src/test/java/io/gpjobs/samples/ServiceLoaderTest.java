package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPService;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceLoaderTest {

    @Test
    void serviceLoaderFindsAllFiveSampleTasks() {
        // The engine's own lookup, as a host uses it (engine-core declares `uses io.gpjobs.spi.Task`).
        GPService service = GPService.builder("Samples").tasksFromServiceLoader().build();
        assertThat(service.taskNames()).contains("Buffer", "CountPointsInPolygons", "CsvToPoints", "PointDensity",
                "LongRunningTask");
        assertThat(service.task("Buffer")).get().isInstanceOf(BufferTask.class);
        assertThat(service.task("PointDensity")).get().isInstanceOf(PointDensityTask.class);
    }

    @Test
    void togetherTheTasksUseEveryCommonGpType() {
        Set<GPDataType.Base> used = EnumSet.noneOf(GPDataType.Base.class);
        for (Task t : new Task[] {new BufferTask(), new CountPointsInPolygonsTask(), new CsvToPointsTask(),
                new PointDensityTask(), new LongRunningTask()}) {
            TaskDefinition d = t.definition();
            assertThat(d.outputs()).as(d.name() + " outputs").isNotEmpty();
            d.parameters().forEach(p -> used.add(p.dataType().base()));
        }
        assertThat(used).contains(GPDataType.Base.GPString, GPDataType.Base.GPLong, GPDataType.Base.GPDouble,
                GPDataType.Base.GPBoolean, GPDataType.Base.GPDate, GPDataType.Base.GPLinearUnit,
                GPDataType.Base.GPDataFile, GPDataType.Base.GPRasterDataLayer, GPDataType.Base.GPRecordSet,
                GPDataType.Base.GPFeatureRecordSetLayer);
    }
}
