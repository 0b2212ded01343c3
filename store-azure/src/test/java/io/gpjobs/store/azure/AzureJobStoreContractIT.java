package io.gpjobs.store.azure;

import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.JobStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The Azure store passes the whole store contract against Azurite (a fresh container and table per test). */
class AzureJobStoreContractIT extends JobStoreContract {

    private AzureJobStoreConfig config;

    @Override
    protected JobStore openStore() {
        config = Azurite.config().build();
        return new AzureJobStoreProvider().open(config);
    }

    @Override
    protected JobStore reopenStore() {
        return new AzureJobStoreProvider().open(config);
    }

    @AfterAll
    static void deleteContainersAndTables() {
        Azurite.deleteCreated();
    }
}
