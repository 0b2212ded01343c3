package io.gpjobs.store.disk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Crash-safe file writes: content goes to a temporary file beside the target, then one atomic rename replaces
 * the target, so a reader (or a process after a crash) sees the old content or the new, never a torn file.
 * With {@code fsync} on, the temporary file is forced to the device before the rename and the folder after it,
 * so the new content also survives a power loss.
 *
 * <p>Thread-safe (stateless apart from the flag).
 */
final class AtomicFiles {

    private final boolean fsync;

    AtomicFiles(boolean fsync) {
        this.fsync = fsync;
    }

    boolean fsync() {
        return fsync;
    }

    /** Replaces {@code target} with {@code bytes} atomically. */
    void write(Path target, byte[] bytes) throws IOException {
        write(target, ch -> {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        });
    }

    /** Replaces {@code target} with the content of {@code in} atomically; on any failure the target is unchanged. */
    void write(Path target, InputStream in) throws IOException {
        write(target, ch -> {
            OutputStream out = Channels.newOutputStream(ch);
            in.transferTo(out);
            out.flush();
        });
    }

    /** What fills a new file. */
    @FunctionalInterface
    private interface Content {
        void writeTo(FileChannel ch) throws IOException;
    }

    private void write(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling(Names.temp(target.getFileName().toString()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(ch);
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        syncFolder(target.getParent());
    }

    /** Renames {@code from} to {@code to} atomically (both in one file system), then syncs {@code to}'s folder. */
    void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncFolder(to.getParent());
    }

    /** Forces a folder's entries (a rename into it) to the device; a no-op unless fsync is on. */
    void syncFolder(Path folder) throws IOException {
        if (fsync) {
            try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    /** Forces every regular file under {@code folder} and the folders themselves; a no-op unless fsync is on. */
    void syncTree(Path folder) throws IOException {
        if (!fsync || !Files.isDirectory(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                syncFolder(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a folder and everything in it; missing entries (another process deleting too) are fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
