package io.gpjobs.store.azure;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waiting for a condition (tests never sleep to wait for a state). */
final class Await {

    private Await() {
    }

    /** Polls {@code probe} until {@code done} accepts its value; fails after {@code timeout} with the last value. */
    static <T> T until(Duration timeout, String what, Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            last = probe.get();
        }
        return last;
    }
}
