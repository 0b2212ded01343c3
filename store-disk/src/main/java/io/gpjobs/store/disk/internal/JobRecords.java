package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;

/**
 * Finds and reads the records of a jobs directory for a {@link DiskJobStore}: locates a job's folder, reads its
 * record from the file (keeping the {@link RecordIndex} current), quarantines a corrupt record, and refreshes the
 * index from the directory.
 *
 * <p>Thread-safe.
 */
@SuppressWarnings("try") // try-with-resources holds a job lock whose variable the body never uses
final class JobRecords {

    private static final System.Logger LOG = System.getLogger(DiskJobStore.class.getName());

    private final RecordIndex index;
    private final JobLocks locks;
    private final WriterMarks marks;
    private final Clock clock;
    private final AtomicFiles files;

    JobRecords(RecordIndex index, JobLocks locks, WriterMarks marks, Clock clock, AtomicFiles files) {
        this.files = files;
        this.index = index;
        this.locks = locks;
        this.marks = marks;
        this.clock = clock;
    }

    /** The folder of the job's record, if the job has one. */
    Optional<Path> locate(String jobId) throws IOException {
        JobSlot known = index.get(jobId);
        if (known != null) {
            Path dir = index.folder(known);
            if (Files.exists(dir.resolve(Names.RECORD))) {
                return Optional.of(dir);
            }
        }
        for (Path service : index.serviceFolders()) {
            Path dir = service.resolve(jobId);
            if (Files.exists(dir.resolve(Names.RECORD))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the job's record from its file, keeps the index current, and quarantines a corrupt one: the job then
     * reads as the failed stand-in written in its place.
     *
     * @throws JobStoreException when the record is of a newer format, or corrupt and cannot be quarantined
     */
    Optional<RecordFile> load(String jobId) throws IOException {
        // The folder the index knows is tried first: reading its record proves the file is there, so the
        // existence check of a lookup would only add a system call (a miss falls back to the lookup).
        JobSlot known = index.get(jobId);
        return load(jobId, known == null ? null : index.folder(known));
    }

    /** {@link #load(String)}, trying the folder {@code guess} (or none when null) before looking for it. */
    private Optional<RecordFile> load(String jobId, Path guess) throws IOException {
        Optional<Path> dir = guess != null ? Optional.of(guess) : locate(jobId);
        if (dir.isPresent()) {
            try {
                Optional<RecordFile> e = RecordFile.load(dir.get());
                if (e.isPresent()) {
                    index.put(e.get().record(), e.get().attrs());
                    return e;
                }
                if (guess != null) {
                    return load(jobId, null);
                }
            } catch (RecordCodec.NewerFormatException e) {
                throw new JobStoreException("the record of job '" + jobId + "' was " + e.getMessage()
                        + "; use that gpjobs version to read it", e);
            } catch (RecordCodec.CorruptException e) {
                // moved aside, and the job reads from now on as the failed stand-in written in its place
                RecordFile standIn = quarantine(jobId, dir.get(), e);
                return standIn == null ? load(jobId) : Optional.of(standIn);
            }
        }
        index.remove(jobId);
        return Optional.empty();
    }

    /** The record of a query page, read from its file; null (left out) when gone, corrupt or unreadable. */
    JobRecord pageRecord(JobSlot slot) {
        try {
            return load(slot.jobId(), index.folder(slot)).map(RecordFile::record).orElse(null);
        } catch (JobStoreException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "leaving job {0} out of a query: {1}", slot, e.getMessage());
            return null;
        }
    }

    /**
     * Reads the records of the unfinished jobs a snapshot saved (their folders unchanged since, see
     * {@link IndexSnapshot.Loaded}) and removes stale temporaries in their folders; a job gone meanwhile is
     * forgotten, a corrupt record quarantined.
     */
    void readSaved(IndexSnapshot.Loaded snapshot) throws IOException {
        for (java.util.Map.Entry<String, IndexSnapshot.SavedFolder> f : snapshot.folders().entrySet()) {
            Path service = index.root().resolve(f.getKey());
            for (String id : f.getValue().unfinished()) {
                if (JobRecord.isValidJobId(id)) {
                    DirectoryCleaner.removeStaleInJob(service.resolve(id));
                    try {
                        load(id, service.resolve(id));
                    } catch (JobStoreException | IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "skipping job {0}: {1}", id, e.getMessage());
                    }
                }
            }
        }
    }

    /** Refreshes the index; a corrupt record is quarantined (or, failing that, reported) and skipped. */
    void refresh() throws IOException {
        index.refresh(locks.epoch(), new RecordIndex.CorruptHandler() {
            @Override
            public void corrupt(String id, Path dir, RecordCodec.CorruptException e) {
                if (e instanceof RecordCodec.NewerFormatException) {
                    LOG.log(System.Logger.Level.WARNING, "skipping job {0}: its record was {1}", id, e.getMessage());
                    return;
                }
                try {
                    quarantine(id, dir, e);
                } catch (JobStoreException failed) {
                    LOG.log(System.Logger.Level.WARNING, "skipping job {0}: {1}", id, failed.getMessage());
                }
            }

            @Override
            public void unreadable(String id, Path dir, IOException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping job {0}: its record cannot be read ({1})", id, e);
            }
        });
    }

    /**
     * Renames a corrupt record aside, writes a failed stand-in in its place ({@link StandIn}), logs a warning and
     * indexes the stand-in; returns it, or null when the record was rewritten meanwhile and is no longer corrupt.
     *
     * @throws JobStoreException when the record cannot be moved or the stand-in cannot be written
     */
    private RecordFile quarantine(String jobId, Path dir, RecordCodec.CorruptException cause) {
        Path file = dir.resolve(Names.RECORD);
        Path aside = dir.resolve(Names.RECORD + Names.CORRUPT_MARK + clock.millis());
        try (JobLocks.Held held = locks.lock(jobId)) {
            try {
                RecordFile.load(dir);
                return null;
            } catch (RecordCodec.CorruptException stillCorrupt) {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                JobRecord standIn = StandIn.of(jobId, dir, aside, cause.getMessage(), clock.instant());
                files.write(file, RecordCodec.writeRecord(standIn));
                RecordFile written = new RecordFile(standIn, dir, RecordFile.attributes(dir));
                index.put(standIn, written.attrs()).written(0, 0); // not a version this store wrote on
                marks.mark();
                LOG.log(System.Logger.Level.WARNING, "job record {0} is corrupt ({1}); moved it to {2}, the job "
                        + "now reads as failed", file, cause.getMessage(), aside.getFileName());
                return written;
            }
        } catch (IOException e) {
            throw new JobStoreException("cannot quarantine the corrupt record " + file + ": " + e, e);
        }
    }
}
