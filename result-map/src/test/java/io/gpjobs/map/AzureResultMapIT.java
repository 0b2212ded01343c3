package io.gpjobs.map;

import io.gpjobs.GPEngine;
import org.junit.jupiter.api.AfterAll;

/**
 * The result map on the Azure store (Azurite): the whole map contract — rasters and geodataset files are read back
 * from the job's blobs, and the map disappears with the job on delete and on cleanup.
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

    @AfterAll
    static void deleteContainersAndTables() {
        AzuriteConnection.deleteCreated();
    }
}
