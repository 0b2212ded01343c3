package io.gpjobs;

import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPValue;
import java.util.Objects;

/**
 * One parameter value as the result and input resources show it: {@code {"paramName","dataType","value"}}.
 *
 * @param paramName the parameter name, never null
 * @param dataType  the data type of the value (for a GPComposite parameter, the member type produced), never null
 * @param value     the value, never null
 */
public record ParameterValue(String paramName, GPDataType dataType, GPValue value) {
    public ParameterValue {
        Objects.requireNonNull(paramName, "paramName");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(value, "value");
    }
}
