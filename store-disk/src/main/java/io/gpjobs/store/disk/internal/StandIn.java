package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record written in place of a damaged one once it is moved aside: the job reads, lists and ages as
 * {@code esriJobFailed} with an error message naming the file the damaged record was moved to, so one damaged
 * record never turns a job into "not found" nor into an error of the whole store. What can still be read from the
 * damaged bytes (service, task, owner, submitted time) is kept; the service otherwise comes from the folder name.
 * An owner that cannot be read is {@link #UNKNOWN_OWNER}, which no caller is, so an owner-only access policy keeps
 * the job to its administrator rather than opening it to everyone.
 *
 * <p>Thread-safe (stateless).
 */
final class StandIn {

    /** The owner of a stand-in whose damaged record did not say who owned the job. */
    static final String UNKNOWN_OWNER = "<unknown owner of a damaged record>";
    private static final int SALVAGE_LIMIT = 1 << 20;

    private StandIn() {
    }

    /**
     * The stand-in of job {@code jobId} in folder {@code dir}, whose damaged record is now {@code aside}.
     *
     * @param reason why the record is damaged
     */
    static JobRecord of(String jobId, Path dir, Path aside, String reason, Instant now) {
        String text = salvage(aside);
        String folder = dir.getParent().getFileName().toString();
        String service = field(text, "serviceName");
        if (service == null) {
            String encoded = folder.endsWith(Names.SERVICE_SUFFIX)
                    ? folder.substring(0, folder.length() - Names.SERVICE_SUFFIX.length()) : folder;
            service = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        }
        String task = field(text, "taskName");
        Instant submitted = instant(field(text, "submitted"), now);
        String owner = text != null && Pattern.compile("\"owner\"\\s*:\\s*null").matcher(text).find() ? null
                : orElse(field(text, "owner"), UNKNOWN_OWNER);
        JobMessage message = JobMessage.error("the job's record was damaged (" + reason + ") and was moved to '"
                + aside.getFileName() + "' in the job's folder; the job is shown as failed");
        return new JobRecord(jobId, service, orElse(task, "unknown"), JobStatus.FAILED, 1, submitted, null, now,
                now, owner, null, null, false, List.of(message), null);
    }

    /** The damaged record's text when it is a readable regular file (not followed through a link), else null. */
    private static String salvage(Path aside) {
        try {
            if (!Files.isRegularFile(aside, LinkOption.NOFOLLOW_LINKS) || Files.size(aside) > SALVAGE_LIMIT) {
                return null;
            }
            return new String(Files.readAllBytes(aside), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String field(String text, String name) {
        if (text == null) {
            return null;
        }
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,512})\"").matcher(text);
        return m.find() && !m.group(1).contains("\\") ? m.group(1) : null;
    }

    private static Instant instant(String text, Instant otherwise) {
        try {
            return text == null ? otherwise : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
