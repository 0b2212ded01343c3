package io.gpjobs.value;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@code GPDate} value: an instant in epoch milliseconds, which is also its wire form.
 *
 * @param epochMillis milliseconds since 1970-01-01T00:00:00Z
 */
public record GPDate(long epochMillis) implements GPValue {

    /** The date at {@code instant}, truncated to milliseconds. */
    public static GPDate of(Instant instant) {
        return new GPDate(Objects.requireNonNull(instant, "instant").toEpochMilli());
    }

    /** This date as an {@link Instant}. */
    public Instant instant() {
        return Instant.ofEpochMilli(epochMillis);
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.DATE;
    }
}
