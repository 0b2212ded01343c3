package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's first-in-first-out bounded map of facts that never change. */
class RecentMapTest {

    @Test
    void keepsTheLastKeysPutAndForgetsTheOldest() {
        RecentMap<String, Integer> m = new RecentMap<>(3);
        for (int i = 1; i <= 5; i++) {
            m.put("k" + i, i);
        }
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.get("k1")).isNull();
        assertThat(m.get("k2")).isNull();
        assertThat(m.get("k3")).isEqualTo(3);
        assertThat(m.get("k5")).isEqualTo(5);
    }

    @Test
    void puttingAKeyAgainReplacesItsValueWithoutTakingASecondSlot() {
        RecentMap<String, Integer> m = new RecentMap<>(2);
        m.put("a", 1);
        m.put("a", 2);
        m.put("b", 3);
        assertThat(m.get("a")).isEqualTo(2);
        assertThat(m.get("b")).isEqualTo(3);
        assertThat(m.size()).isEqualTo(2);
    }

    @Test
    void removeForgetsAKey() {
        RecentMap<String, Integer> m = new RecentMap<>(4);
        m.put("a", 1);
        m.remove("a");
        assertThat(m.get("a")).isNull();
        assertThat(m.size()).isZero();
    }

    @Test
    void concurrentPutsStayBounded() throws Exception {
        RecentMap<Integer, Integer> m = new RecentMap<>(100);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 100_000;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20_000; i++) {
                    m.put(base + i, i);
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(m.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void refusesANonPositiveCapacityAndNullValues() {
        assertThatThrownBy(() -> new RecentMap<String, String>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity").hasMessageContaining("0");
        assertThatThrownBy(() -> new RecentMap<String, String>(1).put("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
    }
}
