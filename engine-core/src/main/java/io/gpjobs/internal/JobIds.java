package io.gpjobs.internal;

import java.security.SecureRandom;

/** Makes job ids: {@code j} + 32 lowercase hex from {@link SecureRandom}. Thread-safe. */
public final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JobIds() {
    }

    /** A new random job id. */
    public static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        char[] c = new char[33];
        c[0] = 'j';
        for (int i = 0; i < 16; i++) {
            c[1 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
            c[2 + 2 * i] = HEX[b[i] & 0xf];
        }
        return new String(c);
    }
}
