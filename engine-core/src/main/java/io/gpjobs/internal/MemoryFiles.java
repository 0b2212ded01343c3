package io.gpjobs.internal;

import io.gpjobs.spi.JobStoreException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The file helpers of {@link InMemoryJobStore}: path checks and folder deletion. Stateless. */
final class MemoryFiles {

    private MemoryFiles() {
    }

    /** Checks a relative file path: not empty or absolute, no {@code ..}, {@code .} or empty segments. */
    static String checkPath(String relativePath) {
        if (relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/")
                || relativePath.contains("\\") || relativePath.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("invalid relative file path '" + relativePath + "'");
        }
        for (String segment : relativePath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("invalid relative file path '" + relativePath + "'");
            }
        }
        return relativePath;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new JobStoreException("could not delete folder '" + dir.getFileName() + "'", e);
        }
    }
}
