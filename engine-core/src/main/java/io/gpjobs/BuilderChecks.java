package io.gpjobs;

import java.time.Duration;
import java.util.Objects;

/** The argument and state checks the builders of this package share. */
final class BuilderChecks {
    private BuilderChecks() {
    }

    /** {@code d}, when positive. @throws IllegalArgumentException naming the option and the value otherwise */
    static Duration positive(String option, Duration d) {
        Objects.requireNonNull(d, option);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + " must be positive, got " + d);
        }
        return d;
    }

    /** {@code value}, when the option was not set before. @throws IllegalStateException naming the earlier value */
    static <T> T once(String option, T earlier, T value) {
        if (earlier != null) {
            throw new IllegalStateException(option + " was already set to " + earlier);
        }
        return value;
    }
}
