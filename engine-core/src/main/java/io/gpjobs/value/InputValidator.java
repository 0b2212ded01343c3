package io.gpjobs.value;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.TaskDefinition;
import java.util.Map;

/**
 * Checks raw inputs against a task's parameter definitions and turns them into GP values. (Skeleton: the values
 * issue fills it in.)
 */
public final class InputValidator {
    private InputValidator() {
    }

    /**
     * Validates and converts inputs: every required input present, each value of the right type, in the choice
     * list and within the filter, no unknown parameter names; defaults applied to absent optional inputs.
     *
     * @param definition the task
     * @param raw        inputs by parameter name; each value a {@link String} (a REST form literal or JSON text),
     *                   a {@link com.fasterxml.jackson.databind.JsonNode}, or a {@link GPValue}
     * @return the validated values by parameter name, in definition order
     * @throws InvalidInputException listing every problem, each naming the parameter and the value
     */
    public static Map<String, GPValue> validate(TaskDefinition definition, Map<String, ?> raw) {
        throw new UnsupportedOperationException("not yet");
    }
}
