package io.gpjobs;

import java.util.List;

/**
 * Thrown when inputs or arguments are invalid: a missing required parameter, a value of the wrong type, a value
 * outside the choice list or range, an unknown parameter name, a malformed job id. Code 400, message
 * {@code Invalid or missing input parameters.}, one detail per problem naming the parameter and the value.
 */
public class InvalidInputException extends GPException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(List<String> details) {
        super(400, "Invalid or missing input parameters.", details);
    }

    public InvalidInputException(String detail) {
        this(List.of(detail));
    }
}
