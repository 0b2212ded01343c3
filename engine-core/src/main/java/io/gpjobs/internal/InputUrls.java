package io.gpjobs.internal;

import io.gpjobs.value.GPDataFile;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPRasterDataLayer;
import io.gpjobs.value.GPRecordSet;
import io.gpjobs.value.GPValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the URLs of data inputs at submit, so a job is not accepted only to fail on a URL it cannot use: an
 * allowed scheme (http, https, file), absolute, and for {@code file:} a readable file. Stateless.
 */
final class InputUrls {
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    private InputUrls() {
    }

    /** The URL a data input refers to, or null when it holds its data (or is not a data input). */
    static String urlOf(GPValue value) {
        return value instanceof GPDataFile f ? f.url()
                : value instanceof GPRasterDataLayer r ? r.url()
                : value instanceof GPFeatureRecordSetLayer fs && fs.reference() != null ? fs.reference().url()
                : value instanceof GPRecordSet rs && rs.reference() != null ? rs.reference().url() : null;
    }

    /** The problem with the URL of a data input, naming the parameter and the URL, if any. */
    static Optional<String> check(String parameter, GPValue value) {
        String url = urlOf(value);
        if (url == null) {
            return Optional.empty();
        }
        String shown = Redactor.redactText(url);
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("parameter '" + parameter + "': '" + shown + "' is not a valid URL (" + e.getReason()
                    + ")");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            return Optional.of("parameter '" + parameter + "': '" + shown + "' is not an absolute URL; expected "
                    + "http://, https:// or file:///");
        }
        if (!SCHEMES.contains(scheme)) {
            return Optional.of("parameter '" + parameter + "': URL scheme '" + scheme + "' of '" + shown
                    + "' is not allowed; expected http, https or file");
        }
        if (!scheme.equals("file")) {
            return uri.getHost() == null || uri.getHost().isEmpty()
                    ? Optional.of("parameter '" + parameter + "': '" + shown + "' has no host") : Optional.empty();
        }
        if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            return Optional.of("parameter '" + parameter + "': file URL '" + shown + "' is relative; give an "
                    + "absolute one such as file:///data/points.csv");
        }
        Path p;
        try {
            p = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.of("parameter '" + parameter + "': file URL '" + shown + "' names no local file ("
                    + e.getMessage() + ")");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            return Optional.of("parameter '" + parameter + "': file '" + p + "' (from '" + shown
                    + "') does not exist or cannot be read");
        }
        return Optional.empty();
    }
}
