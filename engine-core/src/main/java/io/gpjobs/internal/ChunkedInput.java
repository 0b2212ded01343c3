package io.gpjobs.internal;

import java.io.IOException;
import java.io.InputStream;

/** An HTTP/1.1 chunked body (RFC 9112 §7.1): the chunks' data, trailers skipped. Not thread-safe. */
final class ChunkedInput extends BodyInput {
    private long left;
    private boolean done;

    ChunkedInput(InputStream in) {
        super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            String size = UrlFetch.line(in);
            int semi = size.indexOf(';');
            try {
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size '" + size + "' in a chunked answer");
            }
            if (left < 0) {
                throw new IOException("bad chunk size '" + size + "' in a chunked answer");
            }
            if (left == 0) {
                for (String t = UrlFetch.line(in); !t.isEmpty(); t = UrlFetch.line(in)) {
                    // trailers are not used
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new IOException("connection closed inside a chunk");
        }
        left -= n;
        if (left == 0) {
            UrlFetch.line(in); // the CRLF after the chunk
        }
        return n;
    }
}
