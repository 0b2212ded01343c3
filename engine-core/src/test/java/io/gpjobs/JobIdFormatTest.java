package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Job ids are exactly {@code j} + 32 lowercase hex digits; anything else is refused before a store sees it. */
class JobIdFormatTest {

    private static final String VALID = "jfae883d52a074359a0bac3d5b353fe16";

    @Test
    void acceptsOnlyJAndThirtyTwoLowercaseHexDigits() {
        assertThat(JobRecord.isValidJobId(VALID)).isTrue();
        assertThat(JobRecord.isValidJobId("j" + "0".repeat(32))).isTrue();
        assertThat(JobRecord.isValidJobId("j" + "f".repeat(32))).isTrue();
        for (String bad : Arrays.asList(null, "", "j", VALID.substring(0, 32), VALID + "0", VALID.toUpperCase(),
                "J" + VALID.substring(1), "x" + VALID.substring(1), VALID.substring(0, 32) + "g",
                VALID.substring(0, 32) + "/", "j../../../../etc/passwd0000000000", "j" + "0".repeat(31) + " ",
                "j" + "0".repeat(31) + "\u0660")) {
            assertThat(JobRecord.isValidJobId(bad)).as("'%s'", bad).isFalse();
        }
        assertThatThrownBy(() -> JobRecord.requireValidJobId("j../x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'j../x'");
    }
}
