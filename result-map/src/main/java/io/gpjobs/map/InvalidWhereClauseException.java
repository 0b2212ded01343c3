package io.gpjobs.map;

import io.gpjobs.GPException;
import java.util.List;

/**
 * Thrown when a query's where clause is not in the supported SQL subset, names an unknown field, or compares values
 * of incompatible types. Code 400, message {@code Invalid where clause.}; the detail names the offending token and
 * its position (0-based character offset) in the clause.
 */
public class InvalidWhereClauseException extends GPException {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String token;

    /**
     * @param where    the whole clause
     * @param position the 0-based offset of the offending token
     * @param token    the offending token as written ({@code end of clause} at the end)
     * @param problem  what is wrong, e.g. {@code expected a comparison operator}
     */
    public InvalidWhereClauseException(String where, int position, String token, String problem) {
        super(400, "Invalid where clause.", List.of("where clause '" + where + "': " + problem + " at position "
                + position + " ('" + token + "')"));
        this.position = position;
        this.token = token;
    }

    /** The 0-based character offset of the offending token in the clause. */
    public int position() {
        return position;
    }

    /** The offending token as written. */
    public String token() {
        return token;
    }
}
