package io.gpjobs.store.disk;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.testkit.ContractRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A quick measurement, not a test: how many records per second the disk store writes on this machine, with fsync
 * off (the default) and on. Run with the test classpath:
 * {@code java -cp <test classpath> io.gpjobs.store.disk.DiskWriteRate [folder] [updates]}. Prints one line per
 * mode: creates per second (new job folder with one input) and updates per second (one record rewrite); for the
 * default mode also the time of a query while no other store writes and of opening the directory.
 */
public final class DiskWriteRate {

    private DiskWriteRate() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("gpjobs-rate");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        for (boolean fsync : new boolean[] {false, true, false, true}) {
            Path dir = Files.createTempDirectory(base, fsync ? "fsync" : "default");
            try (JobStore store = DiskJobStoreConfig.builder(dir).fsync(fsync).build().open()) {
                int creates = fsync ? n / 10 : n;
                long t0 = System.nanoTime();
                JobRecord last = null;
                for (int i = 0; i < creates; i++) {
                    last = store.create(ContractRecords.newRecord(ContractRecords.newJobId(), "rate",
                            ContractRecords.T0, null), Map.of("n", new io.gpjobs.spi.StoredValue("GPLong", "" + i)));
                }
                long t1 = System.nanoTime();
                int updates = fsync ? n / 10 : n;
                for (int i = 0; i < updates; i++) {
                    last = store.update(last.withStatus(JobStatus.EXECUTING, ContractRecords.T0.plusMillis(i)));
                }
                long t2 = System.nanoTime();
                System.out.printf("fsync=%-5s creates/s=%8.0f (%d)  updates/s=%8.0f (%d)%n", fsync,
                        creates / ((t1 - t0) / 1e9), creates, updates / ((t2 - t1) / 1e9), updates);
                if (!fsync) {
                    long q0 = System.nanoTime();
                    for (int i = 0; i < 10; i++) {
                        store.query(io.gpjobs.spi.JobQuery.all().withStatuses(
                                java.util.Set.of(JobStatus.EXECUTING)));
                    }
                    System.out.printf("             query over %d records, no other writer (no refresh): %.1f ms%n",
                            creates, (System.nanoTime() - q0) / 10 / 1e6);
                }
            }
            if (!fsync) {
                long o0 = System.nanoTime();
                DiskJobStoreConfig.builder(dir).build().open().close();
                System.out.printf("             open (recovery scan + index build) of %d records: %.0f ms%n", n,
                        (System.nanoTime() - o0) / 1e6);
            }
        }
    }
}
