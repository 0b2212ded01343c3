package io.gpjobs;

import java.util.List;

/** Thrown when a job id is well formed but no such job exists (never created, deleted or cleaned up). Code 404. */
public class JobNotFoundException extends GPException {
    private static final long serialVersionUID = 1L;

    public JobNotFoundException(String jobId) {
        super(404, "Job not found.", List.of("no job with jobId '" + jobId + "'"));
    }
}
