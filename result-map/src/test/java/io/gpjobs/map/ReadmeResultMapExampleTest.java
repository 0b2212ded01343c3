package io.gpjobs.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPEngine;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.LayerQuery;
import io.gpjobs.map.ResultMapService;
import io.gpjobs.value.Geometry.Envelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's result-map example, compiled and run on the disk store (ReadmeSnippetsTest checks the README). */
class ReadmeResultMapExampleTest {

    @TempDir
    Path dir;

    @Test
    void describesQueriesAndExportsAJobsMap() throws IOException {
        DiskResultMapTest fixture = new DiskResultMapTest();
        fixture.jobs = dir;
        fixture.start();
        try {
            GPEngine engine = fixture.engine;
            String jobId = fixture.jobId;
            Envelope bbox = ResultMapContract.BBOX;

            ResultMapService maps = ResultMapService.of(engine);                 // module result-map
            ObjectNode description = maps.map(jobId).json();                     // layers, fields, extents, time info
            ObjectNode page = maps.query(jobId, 0, LayerQuery.builder()
                    .where("POP >= 1000 AND NAME LIKE 'P1%'").resultRecordCount(100).build());
            byte[] png = maps.exportPng(jobId, ExportRequest.of(bbox, 800, 600));
            // --- end of the README snippet ---
            assertThat(description.get("layers").size()).isPositive();
            assertThat(page.get("features").size()).isPositive();
            assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(800);
        } finally {
            fixture.stop();
        }
    }
}
