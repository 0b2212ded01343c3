package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Azure's key and blob-name rules, enforced before any request. */
class KeysTest {

    @Test
    void serviceNamesWithForbiddenCharactersBecomeValidDistinctKeys() {
        List<String> names = List.of("Routing/Solve", "a\\b", "a#b", "a?b", "tab\there", "del\u007f", "c1\u0085",
                "100%", "it's", "dot.", "Routing%2FSolve", "plain", "Ünïcode \"q\"");
        Set<String> keys = new HashSet<>();
        for (String n : names) {
            String k = Keys.encodeService(n);
            Keys.requireValidKey("PartitionKey", k);
            keys.add(k);
        }
        assertThat(keys).hasSameSizeAs(names);
        assertThat(Keys.encodeService("Routing/Solve")).isEqualTo("Routing%2FSolve");
        assertThat(Keys.encodeService("plain")).isEqualTo("plain");
        assertThat(Keys.encodeService("Routing%2FSolve")).isEqualTo("Routing%252FSolve");
    }

    @Test
    void tooLongServiceNamesAreRejected() {
        assertThat(Keys.encodeService("s".repeat(512))).hasSize(512);
        assertThatThrownBy(() -> Keys.encodeService("s".repeat(513)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
        assertThatThrownBy(() -> Keys.encodeService("/".repeat(200)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("600 characters");
        assertThatThrownBy(() -> Keys.encodeService("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidKeysAreNamed() {
        assertThatThrownBy(() -> Keys.requireValidKey("RowKey", "a/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RowKey 'a/b'").hasMessageContaining("U+002F");
    }

    @Test
    void relativePathsAreChecked() {
        assertThat(Keys.requireValidRelativePath("out/deep/data.bin")).isEqualTo("out/deep/data.bin");
        for (String bad : List.of("", "/x", "..", "a/../b", "a//b", "a/", "./a", "a\\b", "name.", ".gpjobs/x",
                ".gpjobs", "a\nb")) {
            assertThatThrownBy(() -> Keys.requireValidRelativePath(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void blobNamesOverAzuresLimitsAreRejected() {
        assertThat(Keys.requireValidBlobName("a/".repeat(253) + "b", "p")).isNotNull();
        assertThatThrownBy(() -> Keys.requireValidBlobName("a/".repeat(254) + "b", "p"))
                .hasMessageContaining("255 segments");
        assertThatThrownBy(() -> Keys.requireValidBlobName("x".repeat(1025), "p"))
                .hasMessageContaining("1025 characters");
    }

    @Test
    void odataStringsEscapeQuotes() {
        assertThat(Keys.odataString("it's")).isEqualTo("'it''s'");
    }
}
