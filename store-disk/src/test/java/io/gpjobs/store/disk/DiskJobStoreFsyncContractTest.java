package io.gpjobs.store.disk;

import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.JobStoreContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The disk store with fsync on, opened through its provider's settings, passes the whole store contract. */
class DiskJobStoreFsyncContractTest extends JobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected JobStore openStore() {
        return new DiskJobStoreProvider().open(Map.of("path", dir.resolve("jobs").toString(), "fsync", "true"));
    }

    @Override
    protected JobStore reopenStore() {
        return openStore();
    }
}
