package io.gpjobs.store.azure;

import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.JobStoreContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The Azure store passes the whole store contract against Azurite also when any value longer than 40 characters
 * (every message list, input set and result set of the contract but the empty ones) spills to a blob
 * ({@code inlineLimitChars=40}) and results are written at once
 * ({@code writeResultsWithNextUpdate=false}): the other code paths of the default configuration.
 */
class AzureJobStoreSpilledContractIT extends JobStoreContract {

    private AzureJobStoreConfig config;

    @Override
    protected JobStore openStore() {
        config = Azurite.config().inlineLimitChars(40).writeResultsWithNextUpdate(false).build();
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
