package io.gpjobs;

import java.util.List;

/**
 * The one exception family of gpjobs. It carries the fields of the GP error envelope
 * {@code {"error":{"code":…,"message":…,"details":[…]}}}: an HTTP-like code, a message and details that
 * name the parameter and value at fault.
 *
 * <p>Subclasses say which kind of failure it is; hosts that serve REST can map {@link #code()} to the HTTP
 * status directly.
 */
public class GPException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final List<String> details;

    public GPException(int code, String message, List<String> details) {
        this(code, message, details, null);
    }

    public GPException(int code, String message, List<String> details, Throwable cause) {
        super(message + (details == null || details.isEmpty() ? "" : ": " + String.join("; ", details)), cause);
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    /** The HTTP-like code of the error envelope, e.g. 400, 403, 404, 409, 500. */
    public int code() {
        return code;
    }

    /** The message of the error envelope, without the details. */
    public String envelopeMessage() {
        String m = getMessage();
        int i = details.isEmpty() ? -1 : m.lastIndexOf(": " + String.join("; ", details));
        return i < 0 ? m : m.substring(0, i);
    }

    /** The details of the error envelope; never null, possibly empty. */
    public List<String> details() {
        return details;
    }
}
