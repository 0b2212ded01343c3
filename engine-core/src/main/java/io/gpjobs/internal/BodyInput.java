package io.gpjobs.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A body of an HTTP answer read through {@link #read(byte[], int, int)}; the one-byte read goes through it. */
abstract class BodyInput extends FilterInputStream {

    BodyInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
