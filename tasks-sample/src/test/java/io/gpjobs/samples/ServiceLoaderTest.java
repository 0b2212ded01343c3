package io.gpjobs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPService;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceLoaderTest {

    @Test
    void serviceLoaderFindsAllSixSampleTasks() {
        // The engine's own lookup, as a host uses it (engine-core declares `uses io.gpjobs.spi.Task`).
        GPService service = GPService.builder("Samples").tasksFromServiceLoader().build();
        assertThat(service.taskNames()).contains("Buffer", "CountPointsInPolygons", "CsvToPoints", "PointDensity",
                "Project", "LongRunningTask");
        assertThat(service.task("Buffer")).get().isInstanceOf(BufferTask.class);
        assertThat(service.task("PointDensity")).get().isInstanceOf(PointDensityTask.class);
    }

    @Test
    void metaInfServicesAndTheModuleDescriptorListTheSameSixTasks() throws IOException {
        List<String> expected = List.of("io.gpjobs.samples.BufferTask", "io.gpjobs.samples.CountPointsInPolygonsTask",
                "io.gpjobs.samples.CsvToPointsTask", "io.gpjobs.samples.PointDensityTask",
                "io.gpjobs.samples.ProjectTask", "io.gpjobs.samples.LongRunningTask");
        try (InputStream in = BufferTask.class.getResourceAsStream("/META-INF/services/io.gpjobs.spi.Task")) {
            assertThat(in).isNotNull();
            List<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
        }
        Module module = BufferTask.class.getModule();
        if (module.isNamed()) {
            assertThat(module.getDescriptor().provides()).singleElement().satisfies(p -> {
                assertThat(p.service()).isEqualTo(Task.class.getName());
                assertThat(p.providers()).containsExactlyInAnyOrderElementsOf(expected);
            });
        }
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
