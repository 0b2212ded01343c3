package io.gpjobs.testkit;

import io.gpjobs.MemoryJobStoreProvider;
import io.gpjobs.spi.JobStore;

/** The cancel/complete race on the in-memory store. */
class InMemoryJobEndRaceTest extends JobEndRaceContract {

    @Override
    protected JobStore newStore() {
        return MemoryJobStoreProvider.newStore();
    }
}
