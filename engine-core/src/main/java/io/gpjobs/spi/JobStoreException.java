package io.gpjobs.spi;

import io.gpjobs.GPException;
import java.util.List;

/**
 * Thrown by a {@link JobStore} when its storage fails (I/O error, unreachable service, corrupt record). Code 500.
 * The message says what was being done and to which job or path; secrets (account keys) are never included.
 */
public class JobStoreException extends GPException {
    private static final long serialVersionUID = 1L;

    public JobStoreException(String message, Throwable cause) {
        super(500, message, List.of(), cause);
    }

    public JobStoreException(String message) {
        super(500, message, List.of());
    }
}
