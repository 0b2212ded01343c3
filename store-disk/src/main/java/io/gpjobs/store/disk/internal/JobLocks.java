package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-job mutual exclusion that holds across threads and across processes: 256 stripes, each a
 * {@link ReentrantLock} (threads of this JVM) and an exclusive {@link FileLock} on {@code .locks/<xx>.lock}
 * (other processes), picked by the job id's first two hex digits after the {@code j}.
 *
 * <p>File locks belong to the whole JVM and POSIX drops every lock of a file when any channel on it closes, so
 * all stores of one JVM on the same directory share one instance (reference counted by {@link #acquire}); the
 * channels close when the last of them is released.
 *
 * <p>Thread-safe.
 */
final class JobLocks {

    private static final Map<Path, JobLocks> SHARED = new HashMap<>();

    private final Path dir;
    private final ReentrantLock[] locks = new ReentrantLock[256];
    private final FileChannel[] channels = new FileChannel[256];
    private final WriterMode mode;
    /** Stores of this JVM using the directory; changed under {@link #SHARED}, read by the mode's watcher. */
    private volatile int users;

    private JobLocks(Path dir) throws IOException {
        this.dir = dir;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        this.mode = new WriterMode(dir, locks, () -> users);
    }

    /**
     * The shared locks of the jobs directory {@code root}. The first store of this JVM joins the directory's
     * writers ({@link WriterMode}: it waits while a store of another process is the only writer and lets it know);
     * a second one ends a sole spell of this JVM, since stores of one JVM do not share their memory of records.
     */
    static JobLocks acquire(Path root) throws IOException {
        Path dir = root.toRealPath().resolve(Names.LOCKS);
        Files.createDirectories(dir);
        synchronized (SHARED) {
            JobLocks l = SHARED.get(dir);
            if (l == null) {
                l = new JobLocks(dir);
                try {
                    l.mode.start();
                } catch (IOException | RuntimeException e) {
                    l.mode.close();
                    throw e;
                }
                SHARED.put(dir, l);
            } else {
                l.mode.share();
            }
            l.users++;
            return l;
        }
    }

    /** Gives up this store's use; the last user closes the lock files. */
    void release() {
        synchronized (SHARED) {
            if (--users > 0) {
                return;
            }
            SHARED.remove(dir);
            mode.close();
            for (int i = 0; i < channels.length; i++) {
                locks[i].lock();
                try {
                    if (channels[i] != null) {
                        channels[i].close();
                        channels[i] = null;
                    }
                } catch (IOException e) {
                    // nothing left to unlock
                } finally {
                    locks[i].unlock();
                }
            }
        }
    }

    /** A held lock; close it to release. */
    interface Held extends AutoCloseable {
        @Override
        void close();

        /**
         * The sole epoch ({@link WriterMode}) the lock was taken in, or 0 when other processes may write the
         * directory: while positive, only this JVM writes, and what this store wrote in that epoch is the record.
         */
        int epoch();
    }

    /** A lock taken while the stores of this JVM are the directory's only writers: no file lock. */
    private record SoleHeld(ReentrantLock lock, int epoch, boolean interrupted) implements Held {
        @Override
        public void close() {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A lock taken while other processes may write: the stripe's file lock too. */
    private record FileHeld(ReentrantLock lock, FileLock fileLock, String jobId, boolean interrupted)
            implements Held {
        @Override
        public void close() {
            try {
                fileLock.release();
            } catch (IOException e) {
                throw new JobStoreException("cannot release the lock of job '" + jobId + "'", e);
            } finally {
                lock.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public int epoch() {
            return 0;
        }
    }

    /** A nested lock of a stripe this thread holds already: its outer lock decides. */
    private record Nested(ReentrantLock lock, int epoch) implements Held {
        @Override
        public void close() {
            lock.unlock();
        }
    }

    /** The current sole epoch, or 0 while other processes may write (see {@link Held#epoch()}). */
    int epoch() {
        return mode.epoch();
    }

    /**
     * Locks the stripe of {@code jobId} (a valid job id), waiting as long as another thread or process holds it.
     * While this JVM is the only writer ({@link WriterMode}) no file lock is taken: the stripe's thread lock then
     * excludes every other writer, and a sole spell ends only once every stripe is free.
     *
     * @throws JobStoreException when the lock file cannot be opened or locked
     */
    Held lock(String jobId) {
        int stripe = Integer.parseInt(jobId.substring(1, 3), 16);
        ReentrantLock lock = locks[stripe];
        lock.lock();
        if (lock.getHoldCount() > 1) {
            return new Nested(lock, mode.epoch());
        }
        // A write under the lock must not be torn by an interrupt meant for a task (an engine closing, a job past
        // its time limit): interruptible channels would close and fail the write. The interrupt is held back for
        // the critical section and restored when the lock is released.
        boolean interrupted = Thread.interrupted();
        int epoch = mode.epoch(); // read holding the stripe: a sole spell cannot end before it is released
        if (epoch != 0) {
            return new SoleHeld(lock, epoch, interrupted);
        }
        try {
            FileChannel ch = channels[stripe];
            if (ch == null) {
                ch = FileChannel.open(dir.resolve(String.format("%02x.lock", stripe)),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                channels[stripe] = ch;
            }
            return new FileHeld(lock, lockFile(stripe, ch), jobId, interrupted);
        } catch (IOException | RuntimeException e) {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof JobStoreException j ? j
                    : new JobStoreException("cannot lock job '" + jobId + "' in " + dir, e);
        }
    }

    /**
     * FileChannel.lock closes the channel when the waiting thread is interrupted (a task past its time limit);
     * forget the closed channel so the next caller opens a fresh one.
     */
    private FileLock lockFile(int stripe, FileChannel ch) throws IOException {
        try {
            return ch.lock();
        } catch (IOException e) {
            if (!ch.isOpen()) {
                channels[stripe] = null;
            }
            throw e;
        }
    }
}
