package io.gpjobs.store.disk;

import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.JobStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The disk store, with fsync off (the default), passes the whole store contract. */
class DiskJobStoreContractTest extends JobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected JobStore openStore() {
        return DiskJobStoreConfig.builder(dir.resolve("jobs")).build().open();
    }

    @Override
    protected JobStore reopenStore() {
        return DiskJobStoreConfig.builder(dir.resolve("jobs")).build().open();
    }
}
