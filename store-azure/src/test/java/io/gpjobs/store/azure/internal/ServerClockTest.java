package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The storage service's clock from Date headers, on an injected ticker: a node's own wall clock does not count. */
class ServerClockTest {
    private final AtomicLong ticks = new AtomicLong(1_000);
    private final Clock wallFiveMinutesAhead = Clock.fixed(Instant.parse("2026-12-05T10:05:00Z"), ZoneOffset.UTC);
    private final ServerClock clock = new ServerClock(ticks::get, wallFiveMinutesAhead);

    @Test
    void beforeAnyAnswerItIsTheWallClock() {
        assertThat(clock.synced()).isFalse();
        assertThat(clock.now()).isEqualTo(wallFiveMinutesAhead.instant());
        assertThat(clock.skew()).isZero();
    }

    @Test
    void afterAnAnswerItIsTheServersTimePlusTheTicksSince() {
        assertThat(clock.observe("Sat, 05 Dec 2026 10:00:00 GMT")).isTrue();
        // the middle of the header's whole second
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-12-05T10:00:00.5Z"));
        ticks.addAndGet(Duration.ofSeconds(7).toNanos());
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-12-05T10:00:07.5Z"));
        // the wall clock is 5 minutes ahead of the storage's: it shows as skew and nowhere else
        assertThat(clock.skew()).isEqualTo(Duration.ofMinutes(5).minusMillis(7_500));
    }

    @Test
    void aLaterAnswerResetsTheEstimateAndMalformedHeadersAreIgnored() {
        clock.observe("Sat, 05 Dec 2026 10:00:00 GMT");
        ticks.addAndGet(Duration.ofSeconds(3).toNanos());
        clock.observe("Sat, 05 Dec 2026 10:00:04 GMT");
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-12-05T10:00:04.5Z"));
        assertThat(clock.observe("yesterday")).isFalse();
        assertThat(clock.observe((String) null)).isFalse();
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-12-05T10:00:04.5Z"));
    }
}
