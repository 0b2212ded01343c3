package io.gpjobs.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.GPEngine;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The result map on the Azure store (Azurite): the same behaviour as on disk — rasters and geodataset files are
 * read back from the job's blobs, and the map disappears with the job.
 */
class AzureResultMapIT extends ResultMapContract {

    @Override
    String jobsDirectory() {
        return "/cloudStores/maps";
    }

    @Override
    void configure(GPEngine.Builder b) {
        b.cloudStore(AzuriteConnection.cloudStoreJson("maps"));
    }

    @Test
    void rasterIsReadFromTheJobsBlobs() throws Exception {
        Optional<InputStream> grid = engine.openFile(jobId, "scratch/grid.asc");
        assertThat(grid).isPresent();
        try (InputStream in = grid.get()) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(MapOutputsTask.GRID);
        }
    }

    @AfterAll
    static void deleteContainersAndTables() {
        AzuriteConnection.deleteCreated();
    }
}
