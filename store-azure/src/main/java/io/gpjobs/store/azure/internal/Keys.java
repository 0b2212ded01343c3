package io.gpjobs.store.azure.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Table keys and blob names of the Azure store, with Azure's key rules enforced here (the emulator is laxer:
 * it answers {@code /} in a key with HTTP 500 and accepts over-long blob names).
 *
 * <p>Service names become key and blob-path segments through {@link #encodeService}: every character Azure forbids
 * in a key ({@code / \ # ?}, U+0000–U+001F, U+007F–U+009F), {@code %} itself, {@code '} (to keep OData filters
 * simple) and a trailing {@code .} are percent-encoded as UTF-8, so {@code folder/My Service} becomes
 * {@code folder%2FMy Service}. The encoding is reversible and injective, so two services never share a partition.
 * Stateless.
 */
final class Keys {

    /** Azure's largest PartitionKey or RowKey: 1 KiB of UTF-16. */
    public static final int MAX_KEY_CHARS = 512;
    /** Azure's longest blob name. */
    public static final int MAX_BLOB_NAME = 1024;
    /** Azure's most path segments in a blob name. */
    public static final int MAX_BLOB_SEGMENTS = 254;

    private Keys() {
    }

    /**
     * The key-safe form of a service name.
     *
     * @throws IllegalArgumentException naming the service when it is empty or its encoding exceeds 512 characters
     */
    public static String encodeService(String serviceName) {
        Objects.requireNonNull(serviceName, "serviceName");
        if (serviceName.isEmpty()) {
            throw new IllegalArgumentException("serviceName must not be empty");
        }
        StringBuilder sb = new StringBuilder(serviceName.length() + 8);
        for (int i = 0; i < serviceName.length(); ) {
            int cp = serviceName.codePointAt(i);
            int n = Character.charCount(cp);
            boolean last = i + n == serviceName.length();
            if (forbidden(cp) || cp == '%' || cp == '\'' || (last && cp == '.')) {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            } else {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        String key = sb.toString();
        if (key.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("serviceName '" + abbreviate(serviceName) + "' is too long: its key form has "
                    + key.length() + " characters, Azure allows " + MAX_KEY_CHARS);
        }
        return key;
    }

    /** Whether Azure forbids the code point in a PartitionKey or RowKey. */
    static boolean forbidden(int cp) {
        return cp == '/' || cp == '\\' || cp == '#' || cp == '?' || cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F);
    }

    /**
     * Checks a key before it is sent.
     *
     * @throws IllegalArgumentException naming the key when it is too long or holds a forbidden character
     */
    public static String requireValidKey(String what, String key) {
        Objects.requireNonNull(key, what);
        if (key.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException(what + " '" + abbreviate(key) + "' is longer than " + MAX_KEY_CHARS
                    + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            if (forbidden(key.charAt(i))) {
                throw new IllegalArgumentException(what + " '" + abbreviate(key) + "' contains the character U+"
                        + String.format("%04X", (int) key.charAt(i)) + ", which Azure Table keys forbid");
            }
        }
        return key;
    }

    /** The blob folder of a job: {@code <encoded service>/<jobId>/}. */
    public static String jobPrefix(String serviceKey, String jobId) {
        return serviceKey + "/" + jobId + "/";
    }

    /**
     * Checks a job-relative file path: {@code /}-separated, not absolute, no empty, {@code .} or {@code ..}
     * segment, no backslash or control character, no segment ending in {@code .}, not under the store's reserved
     * {@code .gpjobs/} folder.
     *
     * @throws IllegalArgumentException naming the path
     */
    public static String requireValidRelativePath(String relativePath) {
        if (relativePath == null || relativePath.isEmpty()) {
            throw new IllegalArgumentException("relative path must not be empty, got '" + relativePath + "'");
        }
        if (relativePath.startsWith("/")) {
            throw new IllegalArgumentException("relative path '" + relativePath + "' must not be absolute");
        }
        for (String seg : relativePath.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw new IllegalArgumentException("relative path '" + relativePath
                        + "' must not contain empty, '.' or '..' segments");
            }
            if (seg.endsWith(".")) {
                throw new IllegalArgumentException("relative path '" + relativePath
                        + "' has a segment ending in '.', which Azure Blob names do not keep");
            }
        }
        for (int i = 0; i < relativePath.length(); i++) {
            char c = relativePath.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("relative path '" + relativePath
                        + "' contains a backslash or control character");
            }
        }
        if (relativePath.equals(AzureJobStore.INTERNAL_FOLDER) || relativePath.startsWith(AzureJobStore.INTERNAL_FOLDER + "/")) {
            throw new IllegalArgumentException("relative path '" + relativePath + "' is under the store's reserved folder '"
                    + AzureJobStore.INTERNAL_FOLDER + "/'");
        }
        return relativePath;
    }

    /**
     * Checks a full blob name against Azure's limits.
     *
     * @throws IllegalArgumentException naming the path when it is longer than 1024 characters or has more than 254
     *                                  segments
     */
    public static String requireValidBlobName(String blobName, String relativePath) {
        if (blobName.length() > MAX_BLOB_NAME) {
            throw new IllegalArgumentException("relative path '" + abbreviate(relativePath) + "' gives a blob name of "
                    + blobName.length() + " characters; Azure allows " + MAX_BLOB_NAME);
        }
        long segments = blobName.chars().filter(c -> c == '/').count() + 1;
        if (segments > MAX_BLOB_SEGMENTS) {
            throw new IllegalArgumentException("relative path '" + abbreviate(relativePath) + "' gives a blob name of "
                    + segments + " segments; Azure allows " + MAX_BLOB_SEGMENTS);
        }
        return blobName;
    }

    /** Escapes a string for a single-quoted OData literal. */
    public static String odataString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
