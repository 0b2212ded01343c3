package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobPage;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory index of a jobs directory: every record this process knows, with the identity of the file it
 * was read from (file key, modification time, size). Queries filter and sort it without parsing JSON.
 *
 * <p>The index is built at open by reading every record once, kept current by this store's own writes, and
 * brought up to date with other processes' writes by {@link #refresh}: one directory listing per service folder
 * and one {@code stat} per job; a record is parsed again only when its file changed (every write renames a new
 * file into place, so its file key or time or size differ) or was written less than a second before it was last
 * read (see {@link Entry#sameFile}). No settled record is read again.
 *
 * <p>Thread-safe.
 */
final class RecordIndex {

    private static final Comparator<JobRecord> ORDER =
            Comparator.comparing(JobRecord::submitted).thenComparing(JobRecord::jobId);

    /** One indexed record and the file it came from. */
    record Entry(JobRecord record, Path dir, Object fileKey, long modified, long size, boolean settled) {

        /** An entry for what was just read from or written to a file with attributes {@code a}. */
        static Entry of(JobRecord record, Path dir, BasicFileAttributes a) {
            long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            return new Entry(record, dir, a.fileKey(), nanos(a), a.size(), now - nanos(a) > SETTLE_NANOS);
        }

        /**
         * Whether the file is still the one this entry was read from. File times are coarse (a few ms) and inode
         * numbers are reused, so two quick replacements can look identical; an entry read within a second of its
         * file's modification is therefore never trusted, and the file is read again.
         */
        boolean sameFile(BasicFileAttributes a) {
            return settled && Objects.equals(fileKey, a.fileKey()) && modified == nanos(a) && size == a.size();
        }
    }

    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What {@link #refresh} does with a record it cannot parse. */
    interface CorruptHandler {
        void corrupt(String jobId, Path dir, RecordCodec.CorruptException e);
    }

    private final Path root;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Record files that could not be used (e.g. a newer format), by job id: not read again until they change. */
    private final ConcurrentHashMap<String, Entry> unusable = new ConcurrentHashMap<>();

    RecordIndex(Path root) {
        this.root = root;
    }

    static long nanos(BasicFileAttributes a) {
        return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /**
     * Reads the record in {@code dir}, making sure the bytes belong to one file version (stat, read, stat).
     *
     * @return the entry, or empty when the folder has no record file
     */
    static Optional<Entry> load(Path dir) throws IOException, RecordCodec.CorruptException {
        Path file = dir.resolve(Names.RECORD);
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
                byte[] bytes = Files.readAllBytes(file);
                BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
                if (Objects.equals(before.fileKey(), after.fileKey()) && nanos(before) == nanos(after)
                        && before.size() == after.size() && bytes.length == after.size()) {
                    JobRecord r = RecordCodec.readRecord(bytes);
                    if (!r.jobId().equals(dir.getFileName().toString())) {
                        throw new RecordCodec.CorruptException("record of job '" + r.jobId()
                                + "' found in the folder of '" + dir.getFileName() + "'", null);
                    }
                    return Optional.of(Entry.of(r, dir, after));
                }
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }
        throw new IOException("record " + file + " kept changing while being read");
    }

    Entry get(String jobId) {
        return entries.get(jobId);
    }

    /**
     * Puts what was just read or written. A concurrent refresh may put an older entry back; the next refresh
     * sees that the file differs and reads it again.
     */
    void put(Entry e) {
        entries.put(e.record().jobId(), e);
    }

    void remove(String jobId) {
        entries.remove(jobId);
    }

    int size() {
        return entries.size();
    }

    /** The service folders of the directory. */
    List<Path> serviceFolders() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "*" + Names.SERVICE_SUFFIX)) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Brings the index up to date with the directory (see the class comment for the cost). */
    void refresh(CorruptHandler onCorrupt) throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path service : serviceFolders()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(service)) {
                for (Path dir : ds) {
                    String id = dir.getFileName().toString();
                    if (!JobRecord.isValidJobId(id)) {
                        continue;
                    }
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(dir.resolve(Names.RECORD), BasicFileAttributes.class);
                    } catch (NoSuchFileException e) {
                        continue;
                    }
                    Entry known = entries.get(id);
                    if (known != null && known.dir().equals(dir) && known.sameFile(a)) {
                        seen.add(id);
                        continue;
                    }
                    Entry bad = unusable.get(id);
                    if (bad != null && bad.dir().equals(dir) && bad.sameFile(a)) {
                        continue;
                    }
                    try {
                        Optional<Entry> fresh = load(dir);
                        if (fresh.isPresent()) {
                            put(fresh.get());
                            seen.add(id);
                        }
                    } catch (RecordCodec.CorruptException e) {
                        unusable.put(id, Entry.of(null, dir, a));
                        onCorrupt.corrupt(id, dir, e);
                    }
                }
            } catch (NoSuchFileException e) {
                // a service folder removed meanwhile
            }
        }
        entries.keySet().retainAll(seen);
        unusable.keySet().removeIf(id -> !Files.exists(unusable.get(id).dir().resolve(Names.RECORD)));
    }

    /** One page of {@code q} over the indexed records. */
    JobPage query(JobQuery q) {
        List<JobRecord> matches = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (q.matches(e.record())) {
                matches.add(e.record());
            }
        }
        matches.sort(ORDER);
        int from = Math.min(q.offset(), matches.size());
        int to = (int) Math.min((long) from + q.limit(), matches.size());
        return new JobPage(matches.subList(from, to), matches.size(), to < matches.size() ? to : -1);
    }
}
