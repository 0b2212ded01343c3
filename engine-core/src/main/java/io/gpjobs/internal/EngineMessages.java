package io.gpjobs.internal;

import io.gpjobs.spi.JobMessage;

/**
 * The messages the engine adds to every job, made once: every job's record holds them, so sharing the instances
 * keeps a stored job smaller (messages are immutable).
 */
final class EngineMessages {
    static final JobMessage SUBMITTED = JobMessage.info("Submitted.");
    static final JobMessage EXECUTING = JobMessage.info("Executing...");
    static final JobMessage SUCCEEDED = JobMessage.info("Succeeded.");
    static final JobMessage CANCELLED = JobMessage.info("Cancelled.");

    private EngineMessages() {
    }

    /** The message of a claim: {@link #EXECUTING} for a first run; a later run names its attempt and node. */
    static JobMessage executing(int attempt, String nodeId) {
        return attempt <= 1 ? EXECUTING : JobMessage.info("Executing... (attempt " + attempt + ", on node " + nodeId
                + ")");
    }
}
