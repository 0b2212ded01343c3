package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store's retention cap: the jobs that finished first are handed out first, beyond the cap. */
class FinishedJobsCapTest {

    @Test
    void handsOutTheOldestOnceMoreThanTheCapFinishedAcrossChunkBoundaries() {
        int max = 5_000; // more than one chunk of slots, the last one partial
        FinishedJobsCap cap = new FinishedJobsCap(max);
        List<String> evicted = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            cap.finished("j" + i, evicted::add);
        }
        assertThat(evicted).hasSize(12_345 - max);
        for (int i = 0; i < evicted.size(); i++) {
            assertThat(evicted.get(i)).isEqualTo("j" + i);
        }
    }

    @Test
    void aCapOfOneKeepsOnlyTheLastFinished() {
        FinishedJobsCap cap = new FinishedJobsCap(1);
        List<String> evicted = new ArrayList<>();
        cap.finished("a", evicted::add);
        cap.finished("b", evicted::add);
        cap.finished("c", evicted::add);
        assertThat(evicted).containsExactly("a", "b");
    }

    @Test
    void refusesACapBelowOne() {
        assertThatThrownBy(() -> new FinishedJobsCap(0)).hasMessageContaining("maxFinishedJobs")
                .hasMessageContaining("0");
    }
}
