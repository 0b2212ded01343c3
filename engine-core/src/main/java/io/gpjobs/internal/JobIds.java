package io.gpjobs.internal;

import java.security.SecureRandom;

/** Makes job ids: {@code j} + 32 lowercase hex from {@link SecureRandom}. Thread-safe. */
public final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JobIds() {
    }

    /** Random bytes for the next ids of one thread: one {@link SecureRandom} call per 32 ids, not per id. */
    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    private static final class Buffer {
        final byte[] bytes = new byte[16 * 32];
        int used = bytes.length;
    }

    /** A new random job id. */
    public static String next() {
        Buffer buf = BUFFER.get();
        if (buf.used == buf.bytes.length) {
            RANDOM.nextBytes(buf.bytes);
            buf.used = 0;
        }
        byte[] b = buf.bytes;
        int at = buf.used;
        byte[] c = new byte[33]; // built as Latin-1 bytes, as the string stores them: half the size of chars
        c[0] = 'j';
        for (int i = 0; i < 16; i++) {
            c[1 + 2 * i] = HEX[(b[at + i] >> 4) & 0xf];
            c[2 + 2 * i] = HEX[b[at + i] & 0xf];
        }
        java.util.Arrays.fill(b, at, at + 16, (byte) 0); // an id's bytes are not kept after it is handed out
        buf.used = at + 16;
        return new String(c, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
