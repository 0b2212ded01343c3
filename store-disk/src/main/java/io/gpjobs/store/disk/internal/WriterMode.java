package io.gpjobs.store.disk.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Knows whether the stores of this JVM on a jobs directory are its only writers ("sole") or share it with stores
 * in other processes, and moves between the two as processes come and go. While sole, a record write needs neither
 * a file lock nor a read of the record before it: no other process can change the record, so the store's memory of
 * what it last wrote is the truth (see {@link JobLocks#lock}). Shared, every write takes the job's file lock and
 * checks the version in the file, as it always did.
 *
 * <p>Two lock files in {@code .locks/} carry the protocol, and the operating system drops a process's locks however
 * it ends, so a killed process never leaves the directory "taken":
 * <ul>
 * <li>{@code writers.lock}: the sole store holds it exclusively; every other open store holds it shared, from
 *     before its first write until it closes.</li>
 * <li>{@code knock.lock}: every store that is not sole holds it shared for as long as it is open (taken before it
 *     asks for {@code writers.lock}). The sole store tests it every {@value #PROBE_MILLIS} ms with a non-blocking
 *     exclusive lock; when that fails, someone knocked: the sole store waits for its writes in flight (it takes
 *     every job lock stripe), becomes shared and lets the newcomer in. An open therefore waits at most about that
 *     long for a sole store in another process.</li>
 * </ul>
 * A store becomes sole only when it gets {@code writers.lock} exclusively <em>and</em> {@code knock.lock}
 * exclusively: the first proves that no sole store is open, the second that no shared one is. A shared store whose
 * JVM has one user of the directory tries that every {@value #UPGRADE_MILLIS} ms, so a server becomes sole again
 * after a command-line tool that opened its directory has closed. Each spell of sole writing has a new epoch, and a
 * store trusts only what it wrote in the current epoch.
 *
 * <p>Thread-safe: transitions run under this object's monitor; {@link #epoch()} is a volatile read.
 */
final class WriterMode {

    private static final System.Logger LOG = System.getLogger(DiskJobStore.class.getName());
    /** How often a sole store looks for knocking stores (system property {@value #PROBE_PROPERTY} overrides). */
    static final long PROBE_MILLIS = 100;
    /** How often a shared store with one user in this JVM tries to become sole ({@value #UPGRADE_PROPERTY}). */
    static final long UPGRADE_MILLIS = 1000;
    /** Overrides {@link #PROBE_MILLIS} for stores opened afterwards (tests that switch modes many times). */
    static final String PROBE_PROPERTY = "io.gpjobs.store.disk.soleProbeMillis";
    /** Overrides {@link #UPGRADE_MILLIS} for stores opened afterwards. */
    static final String UPGRADE_PROPERTY = "io.gpjobs.store.disk.soleRetryMillis";

    private final Path dir;
    private final ReentrantLock[] stripes;
    private final IntSupplier users;
    private final FileChannel writers;
    private final FileChannel knock;
    private final long probeMillis = Math.max(1, Long.getLong(PROBE_PROPERTY, PROBE_MILLIS));
    private final long upgradeNanos = TimeUnit.MILLISECONDS.toNanos(Long.getLong(UPGRADE_PROPERTY, UPGRADE_MILLIS));
    private FileLock writersLock;
    private FileLock knockLock;
    /** The current sole epoch, or 0 while shared. */
    private volatile int epoch;
    private int lastEpoch;
    private long nextUpgrade;
    private volatile boolean closed;
    private Thread watcher;

    /**
     * @param dir     the {@code .locks} folder
     * @param stripes the job lock stripes, all taken to wait for the writes of a sole spell before it ends
     * @param users   how many stores of this JVM use the directory
     */
    WriterMode(Path dir, ReentrantLock[] stripes, IntSupplier users) throws IOException {
        this.dir = dir;
        this.stripes = stripes;
        this.users = users;
        this.writers = FileChannel.open(dir.resolve("writers.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE); // shared locks need a readable channel
        try {
            this.knock = FileChannel.open(dir.resolve("knock.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            writers.close();
            throw e;
        }
    }

    /**
     * Joins the writers of the directory: sole when no other store is open, otherwise shared (waiting until a sole
     * store in another process has let go); then starts the watcher.
     */
    synchronized void start() throws IOException {
        boolean interrupted = Thread.interrupted(); // an interrupt would close the channels and drop their locks
        try {
            if (!becomeSole()) {
                knockLock = knock.lock(0, Long.MAX_VALUE, true);
                writersLock = writers.lock(0, Long.MAX_VALUE, true);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        watcher = new Thread(this::watch, "gpjobs-disk-writers " + dir.getParent().getFileName());
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The current sole epoch (positive), or 0 while other processes may write too. */
    int epoch() {
        return epoch;
    }

    /** Ends a sole spell at once (a second store of this JVM opens the directory); a no-op while shared. */
    synchronized void share() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            if (epoch != 0) {
                downgrade();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the watcher and drops both locks (closing the channels). */
    void close() {
        closed = true;
        Thread w = watcher;
        if (w != null) {
            w.interrupt();
            try {
                w.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            epoch = 0;
            closeQuietly(writers);
            closeQuietly(knock);
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(probeMillis);
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    if (epoch != 0) {
                        FileLock probe = knock.tryLock(0, Long.MAX_VALUE, false);
                        if (probe == null) {
                            downgrade();
                        } else {
                            probe.release();
                        }
                    } else if (System.nanoTime() - nextUpgrade > 0 && users.getAsInt() == 1) {
                        nextUpgrade = System.nanoTime() + upgradeNanos;
                        upgrade();
                    }
                }
            } catch (InterruptedException e) {
                return; // closing
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "watching the writers of {0} failed, trying again: {1}", dir, e);
            }
        }
    }

    /**
     * Tries to become sole from holding nothing: {@code writers.lock} exclusively, then a probe of
     * {@code knock.lock}. On failure holds both shared again; returns whether it became sole.
     */
    private boolean becomeSole() throws IOException {
        FileLock w = writers.tryLock(0, Long.MAX_VALUE, false);
        return w != null && soleWith(w);
    }

    /** Shared to sole when no other store is open; stays shared (holding both locks shared) otherwise. */
    private void upgrade() throws IOException {
        writersLock.release();
        writersLock = null;
        FileLock w = writers.tryLock(0, Long.MAX_VALUE, false);
        if (w == null) {
            writersLock = writers.lock(0, Long.MAX_VALUE, true);
            return;
        }
        knockLock.release();
        knockLock = null;
        soleWith(w);
    }

    /**
     * Holding {@code writers.lock} exclusively ({@code w}) and not {@code knock.lock}: becomes sole when no shared
     * store holds {@code knock.lock}; otherwise holds both locks shared. Returns whether it became sole.
     */
    private boolean soleWith(FileLock w) throws IOException {
        FileLock k = knock.tryLock(0, Long.MAX_VALUE, false);
        if (k == null) { // a shared store is open (perhaps between its own tries): stay shared
            knockLock = knock.lock(0, Long.MAX_VALUE, true);
            w.release();
            writersLock = writers.lock(0, Long.MAX_VALUE, true);
            return false;
        }
        k.release();
        writersLock = w;
        lastEpoch = lastEpoch == Integer.MAX_VALUE ? 1 : lastEpoch + 1;
        epoch = lastEpoch;
        LOG.log(System.Logger.Level.DEBUG, "{0}: the only writer (epoch {1})", dir, lastEpoch);
        return true;
    }

    /** Sole to shared: waits for every write in flight, then holds both locks shared. */
    private void downgrade() throws IOException {
        int taken = 0;
        try {
            for (ReentrantLock s : stripes) {
                s.lock();
                taken++;
            }
            epoch = 0;
            knockLock = knock.lock(0, Long.MAX_VALUE, true);
            writersLock.release();
            writersLock = writers.lock(0, Long.MAX_VALUE, true);
            LOG.log(System.Logger.Level.DEBUG, "{0}: another store opened, sharing", dir);
        } finally {
            for (int i = 0; i < taken; i++) {
                stripes[i].unlock();
            }
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // the locks go with the channel or with the process
        }
    }
}
