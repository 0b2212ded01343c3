package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Azure's entity limits (which the emulator does not all enforce) are checked by the library. */
class EntityLimitsTest {

    @Test
    void sizeFollowsAzuresFormula() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("s", "abc");
        p.put("n", 1L);
        p.put("b", true);
        // 4 + 2*2 (pk) + 2*2 (rk) + (8+2+4+6) + (8+2+8) + (8+2+1)
        assertThat(EntityLimits.check("pk", "rk", p, "j")).isEqualTo(4 + 4 + 4 + 20 + 18 + 11);
    }

    @Test
    void moreThan252PropertiesAreRejected() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < 252; i++) {
            p.put("p" + i, 1L);
        }
        EntityLimits.check("pk", "rk", p, "j1");
        p.put("p252", 1L);
        assertThatThrownBy(() -> EntityLimits.check("pk", "rk", p, "j1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("253 properties").hasMessageContaining("j1");
    }

    @Test
    void stringsOver64KiBAreRejected() {
        EntityLimits.check("pk", "rk", Map.of("s", "x".repeat(32 * 1024)), "j");
        assertThatThrownBy(() -> EntityLimits.check("pk", "rk", Map.of("s", "x".repeat(32 * 1024 + 1)), "j"))
                .hasMessageContaining("property 's'");
        assertThatThrownBy(() -> EntityLimits.check("pk", "rk", Map.of("b", new byte[64 * 1024 + 1]), "j"))
                .hasMessageContaining("property 'b'");
    }

    @Test
    void entitiesOver1MiBAreRejected() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            p.put("p" + i, "x".repeat(32 * 1024));
        }
        assertThatThrownBy(() -> EntityLimits.check("pk", "rk", p, "j"))
                .hasMessageContaining("1048576");
    }

    @Test
    void badPropertyNamesAndKeysAreRejected() {
        assertThatThrownBy(() -> EntityLimits.check("pk", "rk", Map.of("odata.etag", "x"), "j"))
                .hasMessageContaining("'odata.etag'");
        assertThatThrownBy(() -> EntityLimits.check("p/k", "rk", Map.of(), "j"))
                .hasMessageContaining("PartitionKey");
        assertThatThrownBy(() -> EntityLimits.check("pk", "r".repeat(513), Map.of(), "j"))
                .hasMessageContaining("RowKey");
    }
}
