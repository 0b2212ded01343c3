package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine's status cache: newest version wins, entries expire after their write, the oldest jobs leave first. */
class StatusCacheTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static JobRecord record(String id, long version) {
        return new JobRecord(id, "svc", "task", JobStatus.SUBMITTED, version, T, null, null, T, null, null, null,
                false, List.of(), null);
    }

    private static String id(int n) {
        return "j" + String.format("%032x", n);
    }

    @Test
    void putNewerKeepsTheHigherVersion() {
        StatusCache c = new StatusCache(10, Duration.ofSeconds(1));
        c.putNewer(record(id(1), 3));
        c.putNewer(record(id(1), 2));
        assertThat(c.getIfPresent(id(1)).version()).isEqualTo(3);
        c.putNewer(record(id(1), 4));
        assertThat(c.getIfPresent(id(1)).version()).isEqualTo(4);
        c.put(record(id(1), 1)); // a plain put replaces whatever is cached
        assertThat(c.getIfPresent(id(1)).version()).isEqualTo(1);
    }

    @Test
    void anEntryExpiresItsTimeToLiveAfterItWasWritten() {
        AtomicLong now = new AtomicLong(1_000);
        StatusCache c = new StatusCache(10, Duration.ofNanos(100), now::get);
        c.put(record(id(1), 1));
        now.addAndGet(99);
        assertThat(c.getIfPresent(id(1))).isNotNull();
        c.putNewer(record(id(1), 2)); // a write restarts its time
        now.addAndGet(99);
        assertThat(c.getIfPresent(id(1)).version()).isEqualTo(2);
        now.addAndGet(1);
        assertThat(c.getIfPresent(id(1))).isNull();
        assertThat(c.size()).isZero();
    }

    @Test
    void aWriterStillGuessesFromAnExpiredEntryUntilAReaderDropsIt() {
        AtomicLong now = new AtomicLong(1_000);
        StatusCache c = new StatusCache(10, Duration.ofNanos(100), now::get);
        c.put(record(id(1), 3));
        now.addAndGet(500); // expired: readers no longer see it
        assertThat(c.guess(id(1)).version()).isEqualTo(3);
        assertThat(c.getIfPresent(id(1))).isNull(); // the reader's miss drops it
        assertThat(c.guess(id(1))).isNull();
        assertThat(c.guess(id(2))).isNull();
    }

    @Test
    void keepsTheLastJobsPutAndInvalidateForgetsOne() {
        StatusCache c = new StatusCache(3, Duration.ofHours(1));
        for (int i = 1; i <= 5; i++) {
            c.put(record(id(i), 1));
        }
        c.putNewer(record(id(5), 2)); // an update of a cached job takes no second slot
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.getIfPresent(id(1))).isNull();
        assertThat(c.getIfPresent(id(2))).isNull();
        assertThat(c.getIfPresent(id(3))).isNotNull();
        assertThat(c.getIfPresent(id(5)).version()).isEqualTo(2);
        c.invalidate(id(3));
        assertThat(c.getIfPresent(id(3))).isNull();
    }

    @Test
    void concurrentPutsAndInvalidationsStayBounded() throws Exception {
        StatusCache c = new StatusCache(100, Duration.ofHours(1));
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 100_000;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20_000; i++) {
                    c.putNewer(record(id(base + i), 1));
                    c.putNewer(record(id(base + i), 2));
                    if (i % 3 == 0) {
                        c.invalidate(id(base + i - 1));
                    }
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(c.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void refusesABadCapacityOrTimeToLive() {
        assertThatThrownBy(() -> new StatusCache(0, Duration.ofSeconds(1))).hasMessageContaining("capacity")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new StatusCache(1, Duration.ZERO)).hasMessageContaining("ttl")
                .hasMessageContaining("PT0S");
    }
}
