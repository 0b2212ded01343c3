package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node ids of the live engines on a jobs directory: an engine holds an exclusive file lock on
 * {@code .nodes/<node id>.lock} while it runs, so a second engine with that id, in this process or another on the
 * machine, is refused. The operating system drops the lock when the process ends, however it ends (a
 * {@code kill -9} included), so a restarted engine gets its id back at once. The lock file holds the process id of
 * its holder, for the refusal's message.
 *
 * <p>File locks belong to the whole JVM, and closing any channel on a file drops them all, so the locks this JVM
 * holds are known in one set and never opened twice.
 *
 * <p>Thread-safe.
 */
final class NodeLocks {

    private static final Set<Path> HELD = new HashSet<>();

    private NodeLocks() {
    }

    /**
     * Takes the lock of {@code nodeId} on the jobs directory {@code root}.
     *
     * @throws IllegalStateException when a live engine holds it
     * @throws JobStoreException     when the lock file cannot be written
     */
    static JobStore.NodeRegistration lock(Path root, String nodeId) {
        Path file = root.resolve(".nodes").resolve(Names.encode(nodeId) + ".lock");
        synchronized (HELD) {
            if (HELD.contains(file)) {
                throw refused(nodeId, root, "in this process");
            }
            FileChannel ch = null;
            try {
                Files.createDirectories(file.getParent());
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    String holder = holder(ch);
                    ch.close();
                    throw refused(nodeId, root, holder.isEmpty() ? "in another process" : "in process " + holder);
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                HELD.add(file);
                return release(file, ch, lock);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new JobStoreException("cannot register node id '" + nodeId + "' in " + file + ": " + e, e);
            }
        }
    }

    private static JobStore.NodeRegistration release(Path file, FileChannel ch, FileLock lock) {
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (!open.compareAndSet(true, false)) {
                return;
            }
            synchronized (HELD) {
                try {
                    lock.release();
                } catch (IOException e) {
                    // the channel's close below drops it too
                }
                closeQuietly(ch);
                HELD.remove(file);
            }
        };
    }

    private static IllegalStateException refused(String nodeId, Path root, String where) {
        return new IllegalStateException("node id '" + nodeId + "' is already used by a live engine " + where
                + " on the jobs directory '" + root + "'; two engines with one node id would each mark the other's"
                + " running jobs failed: give each engine its own nodeId");
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing held on it
            }
        }
    }
}
