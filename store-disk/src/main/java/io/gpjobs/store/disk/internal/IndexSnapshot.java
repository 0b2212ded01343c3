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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
 * <p>Format 1: a magic number and the format; per slot a byte 1 and the slot ({@link JobSlot#write}); a byte 0,
 * the slot count and the magic number again.
 *
 * <p>Thread-safe (stateless).
 */
final class IndexSnapshot {

    static final String FOLDER = ".index";
    static final String FILE = "finished.bin";
    private static final long MAGIC = 0x47504a4f42534958L;
    private static final int FORMAT = 1;
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
     * Restores the saved slots of the jobs directory {@code root} into {@code index}; removes temporary files that
     * dead processes left in the snapshot folder.
     *
     * @return how many slots were restored; 0 when there is no usable snapshot
     */
    static int load(Path root, RecordIndex index) {
        Path dir = root.resolve(FOLDER);
        removeStale(dir);
        Path file = dir.resolve(FILE);
        List<JobSlot> slots = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != MAGIC || in.readInt() != FORMAT) {
                LOG.log(System.Logger.Level.WARNING, "ignoring {0}: not an index snapshot of format {1}", file, FORMAT);
                return 0;
            }
            while (in.readByte() == 1) {
                slots.add(JobSlot.read(in, index::shelf));
            }
            if (in.readInt() != slots.size() || in.readLong() != MAGIC) {
                throw new IOException("its end does not match its content");
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (EOFException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring {0}: it is truncated", file);
            return 0;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring {0}: {1}", file, e.getMessage());
            return 0;
        }
        for (JobSlot s : slots) {
            index.restore(s);
        }
        return slots.size();
    }

    /**
     * Saves the finished slots of {@code index}.
     *
     * @return how many were saved
     */
    static int write(Path root, RecordIndex index) throws IOException {
        Path dir = Files.createDirectories(root.resolve(FOLDER));
        Path tmp = dir.resolve(Names.temp(FILE));
        int[] count = new int[1];
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16))) {
                out.writeLong(MAGIC);
                out.writeInt(FORMAT);
                IOException[] failed = new IOException[1];
                index.forEachSlot(s -> {
                    if (failed[0] == null && finished(s.status())) {
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
