package io.gpjobs.bench;

import io.gpjobs.MemoryJobStoreProvider;
import io.gpjobs.spi.JobStore;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import io.gpjobs.store.azure.AzureJobStoreProvider;
import io.gpjobs.store.disk.DiskJobStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens the job store a benchmark names: {@code memory}, {@code disk} (atomic renames, survives a killed process),
 * {@code disk-fsync} (also forces every write to the device) or {@code azure} (Azurite, through the connection
 * string in the environment variable {@code GPJOBS_AZURITE_CONNECTION_STRING}). Closing removes what the store
 * left on disk.
 *
 * <p>Not thread-safe.
 */
final class Stores implements AutoCloseable {

    /** The environment variable holding the Azurite connection string. */
    static final String AZURITE_ENV = "GPJOBS_AZURITE_CONNECTION_STRING";

    final JobStore store;
    /** Every HTTP request the Azure store made (0 for other stores). */
    final AtomicLong requests = new AtomicLong();
    private final Path folder;

    /**
     * Opens the store named {@code kind}.
     *
     * @throws IllegalArgumentException naming the value when unknown, or when {@code azure} lacks its connection string
     */
    Stores(String kind) {
        Path dir = null;
        try {
            switch (kind) {
                case "memory" -> store = MemoryJobStoreProvider.newStore();
                case "disk", "disk-fsync" -> {
                    dir = Files.createTempDirectory("gpjobs-bench-");
                    store = DiskJobStoreConfig.builder(dir).fsync(kind.equals("disk-fsync")).build().open();
                }
                case "azure" -> {
                    String cs = System.getenv(AZURITE_ENV);
                    if (cs == null || cs.isBlank()) {
                        throw new IllegalArgumentException("store 'azure' needs the environment variable " + AZURITE_ENV
                                + " (run the benchmarks through engine-bench/run.sh, which starts Azurite)");
                    }
                    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                            .toLowerCase(Locale.ROOT);
                    dir = Files.createTempDirectory("gpjobs-bench-staging-");
                    store = new AzureJobStoreProvider().open(AzureJobStoreConfig.builder()
                            .name("bench")
                            .connectionString(cs)
                            .container("bench-" + suffix)
                            .table("bench" + suffix)
                            .stagingDirectory(dir)
                            .requestObserver((service, method, path, status) -> requests.incrementAndGet())
                            .build());
                }
                default -> throw new IllegalArgumentException("unknown store '" + kind
                        + "': expected memory, disk, disk-fsync or azure");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        folder = dir;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (folder != null) {
                deleteTree(folder);
            }
        }
    }

    /** Deletes a folder and everything under it (depth first, without listing it all up front). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                    if (failed != null) {
                        throw failed;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete '" + root + "'", e);
        }
    }
}
