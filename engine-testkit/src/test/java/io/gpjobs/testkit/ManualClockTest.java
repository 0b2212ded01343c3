package io.gpjobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void standsStillUntilMoved() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(Instant.parse("2026-03-01T10:01:30Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-03-01T10:01:30Z").toEpochMilli());
        clock.set(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void neverGoesBackwards() {
        ManualClock clock = new ManualClock();
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.set(ManualClock.DEFAULT_START.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-12-31T23:59:59Z");
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    }

    @Test
    void zonedViewsShareTheTimeAndListenersSeeEachChange() {
        ManualClock clock = new ManualClock();
        ManualClock oslo = clock.withZone(ZoneId.of("Europe/Oslo"));
        List<Instant> seen = new ArrayList<>();
        clock.addListener(seen::add);
        oslo.advance(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(3600));
        assertThat(oslo.getZone()).isEqualTo(ZoneId.of("Europe/Oslo"));
        assertThat(seen).containsExactly(ManualClock.DEFAULT_START.plusSeconds(3600));
    }
}
