package io.gpjobs.store.azure.internal;

import com.azure.core.exception.HttpResponseException;
import io.gpjobs.spi.JobStoreException;

/** Classifies SDK failures and turns them into {@link JobStoreException}s that never carry a secret. Stateless. */
final class AzureErrors {

    private AzureErrors() {
    }

    /** The HTTP status of a failed request, or -1 when no response arrived (connection refused, timeout). */
    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException h && h.getResponse() != null) {
                return h.getResponse().getStatusCode();
            }
        }
        return -1;
    }

    /**
     * Whether the service certainly did not apply the request: a 4xx answer such as 400, 404, 409 or 412. A
     * connection failure, timeout or 5xx is ambiguous: the write may have happened.
     */
    static boolean definitelyRejected(Throwable e) {
        int status = status(e);
        return status >= 400 && status < 500 && status != 408;
    }

    /** A store exception saying what failed, where, and why (HTTP status and error code, or the I/O cause). */
    static JobStoreException failure(String what, String where, Throwable e) {
        int status = status(e);
        String why;
        if (status > 0) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            why = "HTTP " + status + ": " + (nl > 0 ? msg.substring(0, nl) : msg);
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String cause = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
            boolean network = root instanceof java.io.IOException || root instanceof java.util.concurrent.TimeoutException;
            why = network ? "no response (" + cause + "); is the storage endpoint reachable?" : cause;
        }
        return new JobStoreException("Azure store: could not " + what + " (" + where + "): " + why, e);
    }
}
