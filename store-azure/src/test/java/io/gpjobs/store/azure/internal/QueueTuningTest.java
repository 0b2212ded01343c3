package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The idle back-off (exponential with full jitter, bounded) and the checks of the tuning. */
class QueueTuningTest {

    private static QueueTuning withRandom(double r) {
        return new QueueTuning(5, false, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofMinutes(10), () -> r, new ServerClock(new AtomicLong()::get, java.time.Clock.systemUTC()));
    }

    @Test
    void theCapDoublesPerEmptyPollUpToTheMaximum() {
        QueueTuning top = withRandom(0.999999);
        long[] expectedCapsMs = {200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000};
        for (int n = 1; n <= expectedCapsMs.length; n++) {
            Duration d = top.backoff(n);
            assertThat(d).as("after %d empty polls", n).isLessThanOrEqualTo(Duration.ofMillis(expectedCapsMs[n - 1]))
                    .isGreaterThan(Duration.ofMillis(expectedCapsMs[n - 1] * 99 / 100));
        }
        assertThat(top.backoff(10_000)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theFirstEmptyPollsAfterWorkStayShortThenTheBackoffGrows() {
        QueueTuning top = withRandom(0.999999);
        for (int n = 1; n <= QueueTuning.HOT_POLLS + 1; n++) {
            assertThat(top.idleBackoff(n)).as("after %d empty polls", n).isLessThanOrEqualTo(Duration.ofMillis(200));
        }
        assertThat(top.idleBackoff(QueueTuning.HOT_POLLS + 2)).isGreaterThan(Duration.ofMillis(390))
                .isLessThanOrEqualTo(Duration.ofMillis(400));
        assertThat(top.idleBackoff(10_000)).isLessThanOrEqualTo(Duration.ofSeconds(10))
                .isGreaterThan(Duration.ofMillis(9_900));
    }

    @Test
    void theJitterIsFullFromZeroToTheCap() {
        assertThat(withRandom(0).backoff(7)).isZero();
        assertThat(withRandom(0.5).backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(withRandom(0.25).backoff(20)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void badSettingsAreRefusedByName() {
        var clock = ServerClock.system();
        assertThatThrownBy(() -> new QueueTuning(0, false, Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1), () -> 0, clock)).hasMessageContaining("maxDequeueCount");
        assertThatThrownBy(() -> new QueueTuning(5, false, Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1), () -> 0, clock)).hasMessageContaining("maxPoll");
        assertThatThrownBy(() -> new QueueTuning(5, false, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1), () -> 0, clock)).hasMessageContaining("minPoll");
    }
}
