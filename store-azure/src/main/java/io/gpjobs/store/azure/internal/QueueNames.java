package io.gpjobs.store.azure.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of the job queues: checks a configured {@code jobsStoreQueue}, derives one from a service name when none
 * is configured, and names the poison queue beside it. Azure queue names are 3–63 lowercase letters, digits and
 * single hyphens, starting and ending with a letter or digit; a job queue may have at most 56 characters so that
 * {@code <queue>-poison} is valid too. Stateless.
 */
public final class QueueNames {

    private static final String POISON = "-poison";
    /** The longest job queue name: 63 minus {@code "-poison"}. */
    public static final int MAX_LENGTH = 63 - POISON.length();
    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*");
    private static final String PREFIX = "gpjobs-";

    private QueueNames() {
    }

    /**
     * Checks a configured job queue name.
     *
     * @throws IllegalArgumentException naming the value when it is not a valid queue name of at most
     *                                  {@link #MAX_LENGTH} characters
     */
    public static String requireValid(String name) {
        if (name == null || name.length() < 3 || name.length() > MAX_LENGTH || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("jobsStoreQueue (Azure queue) '" + name + "' is invalid: use 3-"
                    + MAX_LENGTH + " lowercase letters, digits and single hyphens, starting and ending with a letter"
                    + " or digit (the poison queue '<name>-poison' must fit in 63)");
        }
        return name;
    }

    /**
     * The queue of a service that has no configured name: {@code gpjobs-} and the service name lower-cased, every
     * run of other characters turned into one hyphen; a name that had to be changed or shortened ends with 8 hex
     * digits of its SHA-256, so two services never share a derived queue.
     */
    public static String derive(String serviceName) {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (char c : serviceName.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (ok) {
                sb.append(c);
            } else if (sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
            }
        }
        String base = trimHyphens(sb.toString());
        if (base.equals(PREFIX + serviceName) && base.length() <= MAX_LENGTH) {
            return base;
        }
        String hash = hash(serviceName);
        int keep = Math.min(base.length(), MAX_LENGTH - hash.length() - 1);
        return trimHyphens(base.substring(0, keep)) + "-" + hash;
    }

    /** The poison queue beside {@code queue}. */
    public static String poison(String queue) {
        return queue + POISON;
    }

    private static String trimHyphens(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
