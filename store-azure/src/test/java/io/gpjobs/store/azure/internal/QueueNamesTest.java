package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Derived queue names are valid Azure queue names (poison queue included) and distinct per service. */
class QueueNamesTest {
    private static final Pattern AZURE_QUEUE = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    @Test
    void derivedNamesAreValidAndDistinct() {
        String[] services = {"buffer", "Buffer", "BUFFER", "my_service", "my-service", "my service", "Ünïcode",
                "a", "__", "x".repeat(200), "x".repeat(201), "Folder/Service", "Folder/Service2", "-lead", "trail-"};
        Set<String> seen = new HashSet<>();
        for (String s : services) {
            String q = QueueNames.derive(s);
            assertThat(q).matches(AZURE_QUEUE).hasSizeLessThanOrEqualTo(QueueNames.MAX_LENGTH);
            assertThat(QueueNames.poison(q)).matches(AZURE_QUEUE);
            assertThat(QueueNames.requireValid(q)).isEqualTo(q);
            assertThat(seen.add(q)).as("queue of '%s' is unique", s).isTrue();
            assertThat(QueueNames.derive(s)).as("stable").isEqualTo(q);
        }
    }

    @Test
    void aPlainLowercaseNameIsKeptReadable() {
        assertThat(QueueNames.derive("buffer2")).isEqualTo("gpjobs-buffer2");
        assertThat(QueueNames.poison("gpjobs-buffer2")).isEqualTo("gpjobs-buffer2-poison");
    }
}
