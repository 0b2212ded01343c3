package io.gpjobs.map;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The result map on the disk store (jobs directory in a temporary folder). */
class DiskResultMapTest extends ResultMapContract {

    @TempDir
    Path jobs;

    @Override
    String jobsDirectory() {
        return jobs.toString();
    }
}
