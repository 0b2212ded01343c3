package io.gpjobs.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The eleven job statuses of the GP REST contract ({@code esriJobStatus}), spelled exactly as on the wire,
 * and the transitions between them that the engine allows.
 *
 * <p>Thread-safe (immutable).
 */
public enum JobStatus {
    NEW("esriJobNew"),
    SUBMITTED("esriJobSubmitted"),
    WAITING("esriJobWaiting"),
    EXECUTING("esriJobExecuting"),
    SUCCEEDED("esriJobSucceeded"),
    FAILED("esriJobFailed"),
    TIMED_OUT("esriJobTimedOut"),
    CANCELLING("esriJobCancelling"),
    CANCELLED("esriJobCancelled"),
    DELETING("esriJobDeleting"),
    DELETED("esriJobDeleted");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON, for example {@code esriJobSucceeded}. */
    public String wireName() {
        return wireName;
    }

    /** True for Succeeded, Failed, TimedOut, Cancelled and Deleted: no further work happens. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == CANCELLED || this == DELETED;
    }

    /** True for New, Submitted and Waiting: accepted but not yet running. */
    public boolean isQueued() {
        return this == NEW || this == SUBMITTED || this == WAITING;
    }

    /**
     * The statuses this status may move to. Deleting is reachable from every status but Deleted; a terminal
     * status moves only to Deleting.
     */
    public Set<JobStatus> successors() {
        return switch (this) {
            case NEW -> EnumSet.of(SUBMITTED, CANCELLED, FAILED, DELETING);
            case SUBMITTED -> EnumSet.of(WAITING, EXECUTING, CANCELLED, FAILED, DELETING);
            case WAITING -> EnumSet.of(EXECUTING, CANCELLED, FAILED, TIMED_OUT, DELETING);
            case EXECUTING -> EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLING, DELETING);
            case CANCELLING -> EnumSet.of(CANCELLED, FAILED, TIMED_OUT, SUCCEEDED, DELETING);
            case SUCCEEDED, FAILED, TIMED_OUT, CANCELLED -> EnumSet.of(DELETING);
            case DELETING -> EnumSet.of(DELETED);
            case DELETED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    /** Whether a record in this status may be changed to {@code next}. Staying in the same status is allowed. */
    public boolean canMoveTo(JobStatus next) {
        if (next == this) {
            return this != DELETED;
        }
        // Every record write checks its transition: a bit mask per status instead of a new EnumSet each time.
        return (Successors.MASKS[ordinal()] & (1 << next.ordinal())) != 0;
    }

    /** The successor sets as bit masks by ordinal, computed once. */
    private static final class Successors {
        static final int[] MASKS = new int[values().length];

        static {
            for (JobStatus s : values()) {
                for (JobStatus n : s.successors()) {
                    MASKS[s.ordinal()] |= 1 << n.ordinal();
                }
            }
        }
    }

    /**
     * The status with the given wire name.
     *
     * @throws IllegalArgumentException naming the value when it is not one of the eleven names
     */
    public static JobStatus fromWireName(String wireName) {
        for (JobStatus s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown jobStatus '" + wireName + "'");
    }
}
