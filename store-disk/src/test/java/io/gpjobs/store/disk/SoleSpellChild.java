package io.gpjobs.store.disk;

import io.gpjobs.spi.JobStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Child-process main for {@link SoleWriterTest}: {@code args[2]} times, waits until the store of the parent process
 * on the directory {@code args[0]} is its only writer again (it then holds {@code .locks/writers.lock}
 * exclusively), opens a store there, makes {@code args[3]} compare-and-set updates of job {@code args[1]} and closes
 * the store; prints {@code done <updates>}.
 */
public final class SoleSpellChild {

    private SoleSpellChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = Integer.parseInt(args[2]);
        int each = Integer.parseInt(args[3]);
        int done = 0;
        System.out.println("ready");
        for (int round = 0; round < rounds; round++) {
            awaitSoleParent(dir.resolve(".locks").resolve("writers.lock"), round);
            try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
                done += CasIncrementer.increment(store, args[1], each, "child");
            }
        }
        System.out.println("done " + done);
    }

    /** Waits (at most 30 s) until another process holds the lock file exclusively. */
    private static void awaitSoleParent(Path lockFile, int round) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            while (true) {
                FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
                if (probe == null) {
                    return;
                }
                probe.release();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("round " + round + ": the parent's store did not become the only "
                            + "writer again within 30 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
