package io.gpjobs.store.disk.internal;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.StoredValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads the input and result values of a job for a {@link DiskJobStore}, containing the damage of a value file to
 * that value: the file is moved aside and the job's record tells why the value is missing.
 *
 * <p>Thread-safe.
 */
@SuppressWarnings("try") // try-with-resources holds a job lock whose variable the body never uses
final class StoredValues {

    private static final System.Logger LOG = System.getLogger(DiskJobStore.class.getName());

    private final JobFiles jobFiles;
    private final JobLocks locks;
    private final Clock clock;
    private final JobRecords records;
    private final UnaryOperator<JobRecord> update;

    /**
     * @param update the store's compare-and-set update of a record
     */
    StoredValues(JobFiles jobFiles, JobLocks locks, Clock clock, JobRecords records, UnaryOperator<JobRecord> update) {
        this.jobFiles = jobFiles;
        this.locks = locks;
        this.clock = clock;
        this.records = records;
        this.update = update;
    }

    /**
     * The values in the folder {@code kind} of a job; a damaged value file is moved aside
     * ({@code <file>.corrupt-<millis>}) and an error message saying so is added to the job's record, so that the
     * job keeps its status and tells why the value is missing.
     */
    Map<String, StoredValue> read(String jobId, Path dir, String kind) throws IOException {
        List<Path> damaged = new ArrayList<>();
        Map<String, StoredValue> values = jobFiles.readValues(dir.resolve(kind), damaged);
        if (damaged.isEmpty()) {
            return values;
        }
        try (JobLocks.Held held = locks.lock(jobId)) {
            List<JobMessage> notes = new ArrayList<>();
            for (Path f : damaged) {
                Path aside = f.resolveSibling(f.getFileName() + Names.CORRUPT_MARK + clock.millis());
                try {
                    Files.move(f, aside, StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException gone) {
                    continue; // replaced or quarantined meanwhile
                }
                String file = kind + "/" + f.getFileName();
                LOG.log(System.Logger.Level.WARNING, "value file {0} of job {1} is damaged; moved it to {2}", file,
                        jobId, aside.getFileName());
                notes.add(JobMessage.error("The stored " + (kind.equals(Names.RESULTS) ? "result" : "input")
                        + " file '" + file + "' of this job is damaged; it was moved to '" + kind + "/"
                        + aside.getFileName() + "' and its value is not available."));
            }
            Optional<RecordFile> current = notes.isEmpty() ? Optional.empty() : records.load(jobId);
            if (current.isPresent()) {
                JobRecord r = current.get().record();
                List<JobMessage> messages = new ArrayList<>(r.messages());
                messages.addAll(notes);
                update.apply(r.withMessages(messages));
            }
        }
        return jobFiles.readValues(dir.resolve(kind), damaged);
    }
}
