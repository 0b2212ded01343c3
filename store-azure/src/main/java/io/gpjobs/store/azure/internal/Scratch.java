package io.gpjobs.store.azure.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The local staging area of a store: one scratch folder per job (uploaded by {@code persistScratch}) and a folder
 * for staging uploads. When the store created the root itself, {@link #close()} removes it. Thread-safe.
 */
final class Scratch implements AutoCloseable {

    private final Path root;
    private final boolean owned;

    private Scratch(Path root, boolean owned) {
        this.root = root;
        this.owned = owned;
    }

    /** A staging area under {@code dir}, or in a new temporary folder (removed on close) when {@code dir} is null. */
    static Scratch open(Path dir) throws IOException {
        if (dir == null) {
            return new Scratch(Files.createTempDirectory("gpjobs-azure-"), true);
        }
        Files.createDirectories(dir);
        return new Scratch(dir, false);
    }

    /** The job's scratch folder, created if absent. */
    Path folder(String jobId) throws IOException {
        return Files.createDirectories(root.resolve(jobId));
    }

    /** The job's scratch folder if it exists, else null. */
    Path existing(String jobId) {
        Path p = root.resolve(jobId);
        return Files.isDirectory(p) ? p : null;
    }

    /** Where uploads are staged. */
    Path uploads() {
        return root.resolve(".uploads");
    }

    /** The job ids of the local scratch folders last modified before {@code olderThan}. */
    java.util.List<String> foldersOlderThan(java.time.Instant olderThan) {
        if (!Files.isDirectory(root)) {
            return java.util.List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(p -> io.gpjobs.spi.JobRecord.isValidJobId(p.getFileName().toString()))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant().isBefore(olderThan);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list staging folder " + root, e);
        }
    }

    /** Removes the job's scratch folder. */
    void delete(String jobId) {
        deleteTree(root.resolve(jobId));
    }

    @Override
    public void close() {
        if (owned) {
            deleteTree(root);
        } else {
            deleteTree(uploads());
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete staging folder " + p, e);
        }
    }
}
