package io.gpjobs.spi;

import java.util.Objects;

/**
 * Decides who may read, cancel or delete a job. The host passes a principal (a user name, or null when anonymous)
 * with each call; the engine asks the policy before it shows or changes a job, and refuses with a
 * {@code GPException} code 403 when the policy says no.
 *
 * <p>Implementations are thread-safe, quick, and do no I/O.
 */
@FunctionalInterface
public interface AccessPolicy {

    /** What a caller wants to do with a job. */
    enum Action {
        /** Read the job, its messages, inputs or results (also waiting for it). */
        READ,
        /** Cancel the job. */
        CANCEL,
        /** Delete the job. */
        DELETE
    }

    /**
     * Whether {@code principal} may perform {@code action} on {@code job}.
     *
     * @param action    what the caller wants, never null
     * @param principal the caller, or null when anonymous
     * @param job       the job's record ({@link JobRecord#owner()} says who submitted it), never null
     * @return true to allow
     */
    boolean permits(Action action, String principal, JobRecord job);

    /** Lets everyone do everything (the default). */
    static AccessPolicy allowAll() {
        return (action, principal, job) -> true;
    }

    /**
     * Lets only the owner act on a job; jobs submitted anonymously are open to everyone, and {@code admin} (when
     * not null) may do everything.
     */
    static AccessPolicy ownerOnly(String admin) {
        return (action, principal, job) -> job.owner() == null || Objects.equals(job.owner(), principal)
                || (admin != null && admin.equals(principal));
    }
}
