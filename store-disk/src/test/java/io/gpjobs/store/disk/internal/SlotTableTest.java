package io.gpjobs.store.disk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The id table of the index against a {@link HashMap} doing the same: inserts, replacements, removals, growth. */
class SlotTableTest {

    private static String id(long high, long low) {
        return "j" + HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    @Test
    void behavesLikeAMapUnderRandomInsertsReplacementsAndRemovals() {
        SlotTable table = new SlotTable();
        Map<String, JobSlot> expected = new HashMap<>();
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // sequential ids as well as random ones: the table must spread both
            ids.add(i % 2 == 0 ? id(0, i) : id(random.nextLong(), random.nextLong()));
        }
        for (int step = 0; step < 60_000; step++) {
            String id = ids.get(random.nextInt(ids.size()));
            JobSlot key = JobSlot.key(id);
            if (random.nextInt(3) == 0) {
                JobSlot gone = table.compute(key, old -> null);
                assertThat(gone).isNull();
                expected.remove(id);
            } else {
                JobSlot fresh = JobSlot.key(id);
                JobSlot stored = table.compute(key, old -> fresh);
                assertThat(stored).isSameAs(fresh);
                expected.put(id, fresh);
            }
            if (step % 1000 == 0) {
                assertSame(table, expected, ids);
            }
        }
        assertSame(table, expected, ids);
        for (String id : ids) {
            table.compute(JobSlot.key(id), old -> null);
        }
        assertThat(table.size()).isZero();
        assertThat(table.get(JobSlot.key(ids.get(0)))).isNull();
    }

    @Test
    void computeSeesTheCurrentSlotAndRefusesAnotherJobsSlot() {
        SlotTable table = new SlotTable();
        JobSlot a = JobSlot.key(id(1, 2));
        assertThat(table.compute(a, old -> {
            assertThat(old).isNull();
            return a;
        })).isSameAs(a);
        table.compute(JobSlot.key(id(1, 2)), old -> {
            assertThat(old).isSameAs(a);
            return old;
        });
        assertThatThrownBy(() -> table.compute(a, old -> JobSlot.key(id(3, 4))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(table.get(JobSlot.key(id(1, 2)))).isSameAs(a);
        assertThat(table.size()).isEqualTo(1);
    }

    private static void assertSame(SlotTable table, Map<String, JobSlot> expected, List<String> ids) {
        assertThat(table.size()).isEqualTo(expected.size());
        for (String id : ids) {
            assertThat(table.get(JobSlot.key(id))).as(id).isSameAs(expected.get(id));
        }
        Set<JobSlot> seen = new HashSet<>();
        table.forEach(s -> assertThat(seen.add(s)).as("each slot once").isTrue());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected.values());
    }
}
