package io.gpjobs.samples.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration given on the command line: a number with a unit, {@code 90s}, {@code 30m}, {@code 12h},
 * {@code 7d}, {@code 2w}, or an ISO-8601 duration such as {@code PT36H}. Stateless.
 */
final class DurationArgument {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(s|m|min|h|d|w)");

    private DurationArgument() {
    }

    /**
     * The duration {@code value} names.
     *
     * @param option the option the value was given to, for the message
     * @throws UsageException naming the option and the value when it is not a positive duration
     */
    static Duration parse(String option, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Duration d = null;
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else if (v.startsWith("p")) {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new UsageException("option '" + option + "' needs a positive duration such as 90s, 30m, 12h, 7d "
                    + "or PT36H, got '" + value + "'");
        }
        return d;
    }

    /** A short human form of {@code d}: {@code 90 s}, {@code 30 min}, {@code 12 h}, {@code 7 days}. */
    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + (s == 86_400 ? " day" : " days");
        }
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        return s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
