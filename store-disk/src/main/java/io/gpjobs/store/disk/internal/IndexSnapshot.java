package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobStatus;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The finished jobs of a {@link RecordIndex}, saved to {@code .index/finished.bin} so that a store opening a large
 * jobs directory does not read every record again. A finished job's record (Succeeded, Failed, TimedOut, Cancelled)
 * never changes its indexed fields: it can only be deleted. The snapshot is therefore true for every job it names
 * for as long as that job's folder exists, whoever wrote it and whenever; an opening store restores it, lists the
 * service folders (no {@code stat} and no read per saved job), drops the saved jobs whose folders are gone and reads
 * only the records it does not hold: the jobs created or finished since it was written. A saved job's record is
 * first read when a page or a read by id needs it; one found damaged then is quarantined and reads as absent, as it
 * would have at open.
 *
 * <p>It is written (a temporary file renamed into place) when a store closes, after an open that had to read many
 * records, and by the janitor once many jobs changed, so that a restart after a crash reads only the jobs changed
 * since the last of these. A snapshot that is damaged or of another format is ignored (the store then reads every
 * record, as without one).
 *
 * <p>An open whose service folders all kept the times the snapshot saved (see {@link Loaded}) lists none of them:
 * it restores the finished jobs and reads the records of the saved unfinished ones only, so the directory I/O of
 * a restart after a clean stop grows with the unfinished jobs, not with the history. Any folder changed since
 * (a job added or deleted by anyone, a crash after changes) makes the open list every folder, as before.
 *
 * <p>Format 2: a magic number and the format; per slot a byte 1 and the slot ({@link JobSlot#write}); a byte 0;
 * the folder count and per service folder its name, its time (-1: not trusted), the count and ids of its
 * unfinished jobs; the slot count and the magic number again. Format 1 (no folder section) is still read.
 *
 * <p>Thread-safe (stateless).
 */
final class IndexSnapshot {

    static final String FOLDER = ".index";
    static final String FILE = "finished.bin";
    private static final long MAGIC = 0x47504a4f42534958L;
    private static final int FORMAT = 2;
    /** The format before the folder section; still read (an open from it lists every folder). */
    private static final int FORMAT_1 = 1;
    /** How long before a snapshot is written a service folder must have last changed to be trusted unchanged. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Set<JobStatus> FINISHED = EnumSet.of(JobStatus.SUCCEEDED, JobStatus.FAILED,
            JobStatus.TIMED_OUT, JobStatus.CANCELLED);
    private static final System.Logger LOG = System.getLogger(IndexSnapshot.class.getName());

    private IndexSnapshot() {
    }

    /** Whether a slot of status {@code s} may be saved and trusted without reading its record again. */
    static boolean finished(JobStatus s) {
        return FINISHED.contains(s);
    }

    /**
     * What a snapshot says about the service folders when it was written: each folder's modification time (or -1
     * when it was not settled) and the ids of its unfinished jobs. While a folder's time is unchanged no job folder
     * was added to it or removed from it since (each adds or removes an entry), so its jobs are the saved finished
     * ones plus the saved unfinished ids, and an open need not list it.
     *
     * @param restored how many finished slots were restored
     * @param folders  by service folder name
     */
    record Loaded(int restored, Map<String, SavedFolder> folders) {

        /** Whether every service folder is one the snapshot saw settled, with the same time (and no other). */
        boolean unchanged(List<Path> serviceFolders) {
            if (folders == null || serviceFolders.size() != folders.size()) {
                return false;
            }
            for (Path p : serviceFolders) {
                SavedFolder f = folders.get(p.getFileName().toString());
                if (f == null || f.modified() < 0 || f.modified() != modified(p)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A service folder as a snapshot saw it. */
    record SavedFolder(long modified, List<String> unfinished) {
    }

    /**
     * Restores the saved slots of the jobs directory {@code root} into {@code index}; removes temporary files that
     * dead processes left in the snapshot folder.
     *
     * @return what was restored; {@code Loaded(0, null)} when there is no usable snapshot
     */
    static Loaded load(Path root, RecordIndex index) {
        Path dir = root.resolve(FOLDER);
        removeStale(dir);
        Path file = dir.resolve(FILE);
        List<JobSlot> slots = new ArrayList<>();
        Map<String, SavedFolder> folders = null;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int format = in.readLong() == MAGIC ? in.readInt() : -1;
            if (format != FORMAT && format != FORMAT_1) {
                LOG.log(System.Logger.Level.WARNING, "ignoring {0}: not an index snapshot of format {1}", file, FORMAT);
                return new Loaded(0, null);
            }
            while (in.readByte() == 1) {
                slots.add(JobSlot.read(in, index::shelf));
            }
            if (format == FORMAT) {
                folders = new HashMap<>();
                for (int n = in.readInt(); n > 0; n--) {
                    String name = in.readUTF();
                    long modified = in.readLong();
                    List<String> ids = new ArrayList<>();
                    for (int k = in.readInt(); k > 0; k--) {
                        ids.add(in.readUTF());
                    }
                    folders.put(name, new SavedFolder(modified, ids));
                }
            }
            if (in.readInt() != slots.size() || in.readLong() != MAGIC) {
                throw new IOException("its end does not match its content");
            }
        } catch (NoSuchFileException e) {
            return new Loaded(0, null);
        } catch (EOFException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring {0}: it is truncated", file);
            return new Loaded(0, null);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring {0}: {1}", file, e.getMessage());
            return new Loaded(0, null);
        }
        for (JobSlot s : slots) {
            index.restore(s);
        }
        return new Loaded(slots.size(), folders);
    }

    /**
     * Saves the finished slots of {@code index}, and for each service folder its time and unfinished jobs (see
     * {@link Loaded}). {@code catchUp} brings the index up to date with other stores' writes; it runs after the
     * folders' times are taken, so a job another store adds later changes a time and is not missed.
     *
     * @return how many finished slots were saved
     */
    static int write(Path root, RecordIndex index, WriterMarks.IoAction catchUp) throws IOException {
        Path dir = Files.createDirectories(root.resolve(FOLDER));
        Path tmp = dir.resolve(Names.temp(FILE));
        long started = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        List<Path> services = index.serviceFolders();
        Map<String, Long> before = new HashMap<>();
        services.forEach(p -> before.put(p.getFileName().toString(), modified(p)));
        catchUp.run();
        Map<String, List<String>> unfinished = new HashMap<>();
        int[] count = new int[1];
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16))) {
                out.writeLong(MAGIC);
                out.writeInt(FORMAT);
                IOException[] failed = new IOException[1];
                index.forEachInOrder(s -> {
                    if (!finished(s.status())) {
                        unfinished.computeIfAbsent(s.shelf.folder(), f -> new ArrayList<>()).add(s.jobId());
                    } else if (failed[0] == null) {
                        try {
                            out.writeByte(1);
                            s.write(out);
                            count[0]++;
                        } catch (IOException e) {
                            failed[0] = e;
                        }
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                out.writeByte(0);
                out.writeInt(services.size());
                for (Path p : services) {
                    String name = p.getFileName().toString();
                    long t = before.get(name);
                    // trusted only when it did not change while the slots were taken, and changed long enough before
                    // that a later change cannot share its time stamp
                    boolean settled = t >= 0 && t == modified(p) && started - t > SETTLE_NANOS;
                    out.writeUTF(name);
                    out.writeLong(settled ? t : -1);
                    List<String> ids = unfinished.getOrDefault(name, List.of());
                    out.writeInt(ids.size());
                    for (String id : ids) {
                        out.writeUTF(id);
                    }
                }
                out.writeInt(count[0]);
                out.writeLong(MAGIC);
            }
            // not forced to the device even with fsync on: a snapshot torn by a power loss fails its end check and is
            // ignored, which costs the next open a full read and loses nothing
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return count[0];
    }

    /** The modification time of a folder in nanoseconds, or -1 when it cannot be read. */
    private static long modified(Path folder) {
        try {
            return RecordFile.nanos(Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return -1;
        }
    }

    private static void removeStale(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Names.isTransient(name) && Names.isStale(name)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // no snapshot folder yet, or nothing to clean
        }
    }
}
