package io.gpjobs.internal;

import io.gpjobs.UrlPolicy;
import io.gpjobs.value.GPDataFile;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens an input URL for a task under the host's {@link UrlPolicy}: a {@code file:} URL as a local file (within
 * the policy's file roots), an {@code http}/{@code https} URL by a GET over a socket this class connects itself to
 * the address it just checked, so a host that resolves to a public address when checked and to an internal one
 * when connected (DNS rebinding) cannot slip through; redirects (at most {@value #MAX_REDIRECTS}) are followed
 * only to URLs that pass the same checks. HTTPS verifies the server's certificate against the URL's host name.
 *
 * <p>Thread-safe (stateless).
 */
final class UrlFetch {

    static final int MAX_REDIRECTS = 5;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private UrlFetch() {
    }

    /**
     * Opens {@code url} for reading.
     *
     * @throws IOException naming the URL (token redacted) when it is refused by the policy, unreachable, or
     *                     answered with a status other than 200
     */
    static InputStream open(String url, UrlPolicy policy) throws IOException {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IOException("'" + Redactor.redactText(url) + "' is not a valid URL (" + e.getReason() + ")");
        }
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            URI file = uri;
            var problem = InputUrls.check("url", GPDataFile.ofUrl(url)).or(() -> UrlGuard.fileProblem(file, policy));
            if (problem.isPresent()) {
                throw new IOException(problem.get().replaceFirst("^parameter 'url': ", ""));
            }
            return Files.newInputStream(Path.of(uri));
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            InetAddress address = UrlGuard.remote(uri, policy); // re-checked on every connection
            Response r = get(uri, address);
            if (r.status / 100 == 3 && r.headers.containsKey("location")) {
                r.body.close();
                try {
                    uri = uri.resolve(new URI(r.headers.get("location").strip()));
                } catch (URISyntaxException e) {
                    throw new IOException("'" + Redactor.redactText(uri.toString()) + "' redirected to an invalid URL");
                }
                continue;
            }
            if (r.status != 200) {
                r.body.close();
                throw new IOException("GET '" + Redactor.redactText(uri.toString()) + "' answered HTTP " + r.status);
            }
            return r.body;
        }
        throw new IOException("'" + Redactor.redactText(url) + "' redirected more than " + MAX_REDIRECTS + " times");
    }

    private record Response(int status, Map<String, String> headers, InputStream body) {
    }

    private static Response get(URI uri, InetAddress address) throws IOException {
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            if (tls) {
                socket = secure(socket, uri.getHost(), port);
            }
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: gpjobs\r\nAccept: */*\r\n"
                    + "Accept-Encoding: identity\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("'" + Redactor.redactText(uri.toString()) + "' did not answer HTTP");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("'" + Redactor.redactText(uri.toString()) + "' answered a bad status line");
            }
            Map<String, String> headers = new TreeMap<>();
            int total = statusLine.length();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                total += h.length();
                if (total > MAX_HEADER_BYTES) {
                    throw new IOException("'" + Redactor.redactText(uri.toString()) + "' answered too many headers");
                }
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
                }
            }
            Socket owned = socket;
            InputStream body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                    ? new ChunkedInput(in) : headers.containsKey("content-length")
                    ? new BoundedInput(in, Long.parseLong(headers.get("content-length").strip())) : in;
            return new Response(status, headers, new FilterInputStream(body) {
                @Override
                public void close() throws IOException {
                    owned.close();
                }
            });
        } catch (NumberFormatException e) {
            socket.close();
            throw new IOException("'" + Redactor.redactText(uri.toString()) + "' answered a bad Content-Length");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS available: " + e.getMessage(), e);
        }
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        return ssl;
    }

    /** One CRLF-terminated header line (ISO-8859-1), without its end. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the middle of the answer's head");
            }
            if (b.size() > MAX_HEADER_BYTES) {
                throw new IOException("answer head line too long");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** A body of a known length. */
    private static final class BoundedInput extends BodyInput {
        private long left;

        BoundedInput(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("connection closed " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }
    }
}
