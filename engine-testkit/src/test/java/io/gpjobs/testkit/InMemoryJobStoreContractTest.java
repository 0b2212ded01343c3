package io.gpjobs.testkit;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The in-memory store, found as the {@code memory} provider with {@link ServiceLoader}, passes the store contract.
 * It keeps nothing across a close, so it declares {@link #supportsReopen()} false.
 */
class InMemoryJobStoreContractTest extends JobStoreContract {

    @Override
    protected JobStore openStore() {
        JobStoreProvider memory = ServiceLoader.load(JobStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("memory"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("ServiceLoader found no 'memory' JobStoreProvider"));
        return memory.open(Map.of());
    }

    @Override
    protected JobStore reopenStore() {
        throw new UnsupportedOperationException("the in-memory store keeps nothing across a close");
    }

    @Override
    protected boolean supportsReopen() {
        return false;
    }
}
