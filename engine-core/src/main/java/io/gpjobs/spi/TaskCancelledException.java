package io.gpjobs.spi;

import java.util.concurrent.CancellationException;

/** Thrown by {@link CancellationToken#throwIfCancellationRequested()}; the engine turns it into a cancelled job. */
public class TaskCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    public TaskCancelledException(String message) {
        super(message);
    }
}
