package io.gpjobs.store.disk.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File and folder names of the jobs directory: service folders, value files, temporary names and the checks on
 * relative paths a task or the engine passes in.
 *
 * <p>Temporary names carry the id of the process that made them ({@code .<what>.tmp-<pid>-<random>}), so that a
 * store opening the directory removes only the leftovers of processes that are gone, never the files a live
 * engine is writing right now.
 */
final class Names {

    static final String RECORD = "record.json";
    static final String INPUTS = "inputs";
    static final String RESULTS = "results";
    static final String FILES = "files";
    static final String SCRATCH = "scratch";
    static final String SERVICE_SUFFIX = "_gpserver";
    static final String LOCKS = ".locks";
    static final String TMP_MARK = ".tmp-";
    static final String DELETED_PREFIX = ".deleted-";
    static final String CORRUPT_MARK = ".corrupt-";

    private static final long PID = ProcessHandle.current().pid();

    private Names() {
    }

    /** The folder name of a service: its name with unsafe characters percent-encoded, plus {@code _gpserver}. */
    static String serviceFolder(String serviceName) {
        return encode(serviceName) + SERVICE_SUFFIX;
    }

    /** The file name of a stored value: the parameter name percent-encoded, plus {@code .json}. */
    static String valueFile(String parameter) {
        return encode(parameter) + ".json";
    }

    /**
     * Percent-encodes every UTF-8 byte outside {@code [A-Za-z0-9_.-]}, and a leading dot, so that the result is a
     * plain, non-hidden file name and distinct names stay distinct.
     */
    static String encode(String name) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '_' || b == '-' || (b == '.' && i > 0);
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        return sb.isEmpty() ? "%00" : sb.toString();
    }

    /** A temporary name for {@code base}: {@code .<base>.tmp-<pid>-<random>}. */
    static String temp(String base) {
        return "." + base + TMP_MARK + PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** The name a job folder is renamed to while it is being deleted. */
    static String deleted(String jobId) {
        return DELETED_PREFIX + PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" + jobId;
    }

    /** Whether {@code name} is a temporary or being-deleted name made by this class. */
    static boolean isTransient(String name) {
        return name.startsWith(".") && (name.contains(TMP_MARK) || name.startsWith(DELETED_PREFIX));
    }

    /** Whether {@code name} is a being-deleted folder name made by this process. */
    static boolean isOwnDeleted(String name) {
        return name.startsWith(DELETED_PREFIX + PID + "-");
    }

    /**
     * Whether the transient {@code name} was left by a process that is no longer alive. Names without a
     * readable process id were not made by this class and are never stale.
     */
    static boolean isStale(String name) {
        int at = name.startsWith(DELETED_PREFIX) ? DELETED_PREFIX.length()
                : name.indexOf(TMP_MARK) < 0 ? -1 : name.indexOf(TMP_MARK) + TMP_MARK.length();
        if (at < 0) {
            return false;
        }
        int dash = name.indexOf('-', at);
        try {
            long pid = Long.parseLong(dash < 0 ? name.substring(at) : name.substring(at, dash));
            return pid != PID && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false; // not a name this store made (a task's own hidden file, say): leave it alone
        }
    }

    /**
     * Checks a relative file path of a job: {@code /}-separated, not empty, not absolute, no empty, {@code .} or
     * {@code ..} segment, no backslash, colon or NUL (which other systems read as separators or drives), and no
     * segment that looks like one of the store's temporary names.
     *
     * @return the path's segments
     * @throws IllegalArgumentException naming the path
     */
    static String[] checkRelativePath(String path) {
        if (path == null) {
            throw new IllegalArgumentException("invalid relativePath 'null': a relative path is required");
        }
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("invalid relativePath '" + path
                    + "': must be a non-empty path relative to the job folder");
        }
        if (path.indexOf('\\') >= 0 || path.indexOf(':') >= 0 || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid relativePath '" + path
                    + "': backslash, colon and NUL are not allowed");
        }
        String[] segments = path.split("/", -1);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("invalid relativePath '" + path
                        + "': empty, '.' and '..' segments are not allowed (a path must stay inside the job folder)");
            }
            if (isTransient(s)) {
                throw new IllegalArgumentException("invalid relativePath '" + path
                        + "': names starting with '.deleted-' or containing '.tmp-' are reserved");
            }
        }
        return segments;
    }
}
