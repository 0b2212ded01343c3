package io.gpjobs.store.disk;

import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.JobEndRaceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The cancel/complete race on the disk store. */
class DiskJobEndRaceTest extends JobEndRaceContract {

    @TempDir
    Path dir;

    @Override
    protected JobStore newStore() {
        return DiskJobStoreConfig.builder(dir).build().open();
    }
}
