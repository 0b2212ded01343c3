package io.gpjobs.spi;

import io.gpjobs.GPException;
import java.util.List;

/**
 * Thrown by a {@link JobStore} when a compare-and-set loses: the record changed since it was read (update), or it
 * already exists (create). Code 409. The engine re-reads and retries; users do not see it.
 */
public class JobConflictException extends GPException {
    private static final long serialVersionUID = 1L;

    public JobConflictException(String jobId, String what) {
        super(409, "Job record conflict.", List.of("job '" + jobId + "': " + what));
    }
}
