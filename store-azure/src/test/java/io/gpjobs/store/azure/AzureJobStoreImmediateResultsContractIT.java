package io.gpjobs.store.azure;

import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.JobStoreContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The Azure store with {@code writeResultsWithNextUpdate=false} (results written at once, opened through the
 * provider's settings map) also passes the whole store contract against Azurite.
 */
class AzureJobStoreImmediateResultsContractIT extends JobStoreContract {

    private java.util.Map<String, String> settings;

    @Override
    protected JobStore openStore() {
        settings = new java.util.HashMap<>(Azurite.settings());
        settings.put("writeResultsWithNextUpdate", "false");
        return new AzureJobStoreProvider().open(settings);
    }

    @Override
    protected JobStore reopenStore() {
        return new AzureJobStoreProvider().open(settings);
    }

    @AfterAll
    static void deleteContainersAndTables() {
        Azurite.deleteCreated();
    }
}
