package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One read of a job's {@code record.json}: the record, its folder and the attributes of the file version it came
 * from.
 *
 * <p>Immutable.
 *
 * @param record the record
 * @param dir    the job folder
 * @param attrs  the attributes of the file the record was read from
 */
record RecordFile(JobRecord record, Path dir, BasicFileAttributes attrs) {

    /** The file's modification time in nanoseconds since the epoch. */
    static long nanos(BasicFileAttributes a) {
        return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /** The attributes of the record file in {@code dir}. */
    static BasicFileAttributes attributes(Path dir) throws IOException {
        return Files.readAttributes(dir.resolve(Names.RECORD), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Reads the record in {@code dir}, making sure the bytes belong to one file version (stat, read, stat).
     *
     * @return the record, or empty when the folder has no record file
     * @throws RecordCodec.CorruptException when the file is not a regular file holding a record of this job in a
     *                                      known format
     */
    static Optional<RecordFile> load(Path dir) throws IOException, RecordCodec.CorruptException {
        Path file = dir.resolve(Names.RECORD);
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!before.isRegularFile()) {
                    // a folder, a link or a device where the record should be: never written so by a store
                    throw new RecordCodec.CorruptException("record.json is not a file but " + (before.isDirectory()
                            ? "a folder" : before.isSymbolicLink() ? "a link" : "another kind of entry"), null);
                }
                byte[] bytes = Files.readAllBytes(file);
                BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
                if (Objects.equals(before.fileKey(), after.fileKey()) && nanos(before) == nanos(after)
                        && before.size() == after.size() && bytes.length == after.size()) {
                    JobRecord r = RecordCodec.readRecord(bytes);
                    if (!r.jobId().equals(dir.getFileName().toString())) {
                        throw new RecordCodec.CorruptException("record of job '" + r.jobId()
                                + "' found in the folder of '" + dir.getFileName() + "'", null);
                    }
                    return Optional.of(new RecordFile(r, dir, after));
                }
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }
        throw new IOException("record " + file + " kept changing while being read");
    }
}
