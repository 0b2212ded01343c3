package io.gpjobs.store.disk.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Tells a store whether any other store has changed records since it last looked, so that a query refreshes its
 * index only then. Each open store owns a marker file {@code .writers/<pid>-<random>} and, after every record it
 * creates, updates, deletes or quarantines, sets the marker's modification time to a value larger than the last
 * one (a cheap {@code utimensat}, no data written). A store looks at the other markers (one listing and a
 * {@code stat} each): a new, changed or vanished marker, or one changed less than a second before the last look
 * (file systems with coarse times), means "refresh". A store also refreshes at least every 30 seconds, for
 * changes made without a marker (another tool, a person).
 *
 * <p>Thread-safe.
 */
final class WriterMarks {

    private static final long PID = ProcessHandle.current().pid();
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The shortest time between two touches of the marker; must stay well below {@link #SETTLE_NANOS}. */
    static final long MARK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Path dir;
    private final Path own;
    private long lastMark;
    /** {@link System#nanoTime()} of the last touch of the marker. */
    private volatile long lastMarkAt = System.nanoTime() - 2 * MARK_INTERVAL_NANOS;
    private Map<String, Long> seen = Map.of();
    private long seenAt;
    private long lastRefresh;

    WriterMarks(Path root) throws IOException {
        this.dir = root.resolve(".writers");
        Files.createDirectories(dir);
        removeDeadMarks();
        this.own = dir.resolve(PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        Files.write(own, new byte[0]);
        this.lastRefresh = System.nanoTime();
    }

    /**
     * Records that this store changed the records; failures only cost other stores a later refresh. Touches the
     * marker at most once per {@link #MARK_INTERVAL_NANOS}: a change made within that interval after a mark is still
     * seen, because a store that looked less than a second after a mark's time looks again (and the interval is
     * shorter than that second), so only the first change of a burst pays the system call and the monitor.
     */
    void mark() {
        if (System.nanoTime() - lastMarkAt < MARK_INTERVAL_NANOS) {
            return;
        }
        synchronized (this) {
            long at = System.nanoTime();
            if (at - lastMarkAt < MARK_INTERVAL_NANOS) {
                return;
            }
            lastMarkAt = at;
            long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            lastMark = Math.max(now, lastMark + 1);
            try {
                Files.setLastModifiedTime(own, FileTime.from(lastMark, TimeUnit.NANOSECONDS));
            } catch (IOException e) {
                // the periodic refresh of other stores still picks the change up
            }
        }
    }

    /**
     * Runs {@code refresh} when another store may have changed records since the last refresh.
     *
     * @return whether it ran
     */
    synchronized boolean refreshIfChanged(IoAction refresh) throws IOException {
        long nowNanos = System.nanoTime();
        Map<String, Long> current = others();
        long wallNow = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        boolean changed = !current.equals(seen) || nowNanos - lastRefresh > MAX_AGE_NANOS
                || current.values().stream().anyMatch(t -> seenAt - t < SETTLE_NANOS);
        if (!changed) {
            return false;
        }
        refresh.run();
        seen = current;
        seenAt = wallNow;
        lastRefresh = nowNanos;
        return true;
    }

    /** An action that may fail with an I/O error. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    /** Removes this store's marker. */
    synchronized void close() {
        try {
            Files.deleteIfExists(own);
        } catch (IOException e) {
            // a leftover marker is removed by the next store that opens once this process is gone
        }
    }

    private Map<String, Long> others() throws IOException {
        Map<String, Long> out = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.equals(own)) {
                    continue;
                }
                try {
                    out.put(p.getFileName().toString(), Files.getLastModifiedTime(p).to(TimeUnit.NANOSECONDS));
                } catch (NoSuchFileException e) {
                    // closed meanwhile
                }
            }
        }
        return out;
    }

    private void removeDeadMarks() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
                    if (pid != PID && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        Files.deleteIfExists(p);
                    }
                } catch (NumberFormatException e) {
                    // not a marker
                }
            }
        }
    }
}
