package io.gpjobs.value;

import java.util.Locale;
import java.util.Optional;

/**
 * A {@code GPDataFile} value: a file given by exactly one of a URL, an uploaded item id or a portal item id, on
 * the wire {@code {"url":"…"}}, {@code {"itemID":"…"}} or {@code {"portalItemID":"…"}}. A {@code "token"} sent
 * alongside is not kept.
 *
 * @param url          the file URL, or null
 * @param itemID       the id of an item uploaded to the service, or null
 * @param portalItemID the id of a portal item, or null
 */
public record GPDataFile(String url, String itemID, String portalItemID) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException unless exactly one of the three is given and not blank
     */
    public GPDataFile {
        int given = count(url) + count(itemID) + count(portalItemID);
        if (given != 1) {
            throw new IllegalArgumentException("GPDataFile needs exactly one of url, itemID, portalItemID, got url="
                    + url + ", itemID=" + itemID + ", portalItemID=" + portalItemID);
        }
    }

    static int count(String s) {
        if (s == null) {
            return 0;
        }
        if (s.isBlank()) {
            throw new IllegalArgumentException("GPDataFile: a reference must not be blank");
        }
        return 1;
    }

    /** A file at {@code url}. */
    public static GPDataFile ofUrl(String url) {
        return new GPDataFile(url, null, null);
    }

    /** The extension of the URL's last path segment, lower case and without the dot; empty without a URL. */
    public Optional<String> extension() {
        return extensionOf(url);
    }

    static Optional<String> extensionOf(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String path = url;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot < 0 || dot == last.length() - 1 ? Optional.empty()
                : Optional.of(last.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.DATA_FILE;
    }
}
