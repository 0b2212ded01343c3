package io.gpjobs.internal;

import io.gpjobs.UrlPolicy;
import io.gpjobs.value.GPMultiValue;
import io.gpjobs.value.GPValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the host's {@link UrlPolicy} to URLs: to the data inputs of a job at submit (after {@link InputUrls}
 * checked their form), and to each connection a task's {@link io.gpjobs.spi.TaskContext#openUrl} makes. Every
 * message names the URL with its token redacted. Thread-safe (stateless).
 */
final class UrlGuard {

    private UrlGuard() {
    }

    /** The problems of the URLs among {@code values}, each naming the parameter and the (redacted) URL. */
    static List<String> check(Map<String, GPValue> values, UrlPolicy policy) {
        List<String> problems = new ArrayList<>();
        values.forEach((name, v) -> {
            List<GPValue> items = v instanceof GPMultiValue m ? m.values() : List.of(v);
            for (GPValue item : items) {
                String url = InputUrls.urlOf(item);
                if (url != null) {
                    try {
                        URI uri = new URI(url.strip());
                        if ("file".equalsIgnoreCase(uri.getScheme())) {
                            fileProblem(uri, policy).ifPresent(p -> problems.add("parameter '" + name + "': " + p));
                        } else {
                            remote(uri, policy);
                        }
                    } catch (URISyntaxException e) {
                        // reported by InputUrls already
                    } catch (IOException e) {
                        problems.add("parameter '" + name + "': " + e.getMessage());
                    }
                }
            }
        });
        return problems;
    }

    /**
     * Checks a remote URL's host against the policy and resolves it; returns the one permitted address to connect
     * to (the first), having refused the URL when any of its addresses is not permitted.
     *
     * @throws IOException naming the redacted URL when the scheme, host or an address is refused or the host has
     *                     no address
     */
    static InetAddress remote(URI uri, UrlPolicy policy) throws IOException {
        String shown = Redactor.redactText(uri.toString());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("URL '" + shown + "' is refused: scheme '" + scheme + "' is not http or https");
        }
        String host = uri.getHost();
        if (host == null || !policy.permitsHost(host)) {
            throw new IOException("remote URL '" + shown + "' is refused: host '" + host + "' is not in the "
                    + "engine's allow-list of remote hosts (GPEngine.builder().remoteUrls(...))");
        }
        InetAddress[] all;
        try {
            all = policy.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new IOException("remote URL '" + shown + "' is refused: host '" + host + "' cannot be resolved");
        }
        if (all == null || all.length == 0) {
            throw new IOException("remote URL '" + shown + "' is refused: host '" + host + "' has no address");
        }
        for (InetAddress a : all) {
            if (!policy.permitsAddress(a)) {
                throw new IOException("remote URL '" + shown + "' is refused: host '" + host + "' resolves to "
                        + a.getHostAddress() + ", an internal address (loopback, link-local, private or similar) "
                        + "the engine is not allowed to reach");
            }
        }
        return all[0];
    }

    /** Why a {@code file:} URL is outside the policy's file roots, if it is. */
    static Optional<String> fileProblem(URI uri, UrlPolicy policy) {
        if (policy.fileRoots() == null) {
            return Optional.empty();
        }
        String shown = Redactor.redactText(uri.toString());
        Path p;
        try {
            p = Path.of(uri).toRealPath();
        } catch (IOException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.of("file URL '" + shown + "' names no readable local file");
        }
        for (Path root : policy.fileRoots()) {
            Path r;
            try {
                r = root.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (p.startsWith(r)) {
                return Optional.empty();
            }
        }
        return Optional.of("file URL '" + shown + "' is refused: it is not under the engine's allowed file roots "
                + policy.fileRoots());
    }
}
