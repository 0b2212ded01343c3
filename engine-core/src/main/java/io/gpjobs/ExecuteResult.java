package io.gpjobs;

import io.gpjobs.spi.JobMessage;
import java.util.List;
import java.util.Objects;

/**
 * The answer of a synchronous {@code execute}: the output values and the messages the service's message level
 * lets through. Rendered by {@link GPJson#execute(ExecuteResult)}.
 *
 * @param jobId    the id of the job that ran (kept until the janitor removes it, so its files stay reachable)
 * @param results  the output values in the task's parameter order
 * @param messages the messages, already filtered by the service's {@code showMessages}
 */
public record ExecuteResult(String jobId, List<ParameterValue> results, List<JobMessage> messages) {
    public ExecuteResult {
        Objects.requireNonNull(jobId, "jobId");
        results = List.copyOf(results);
        messages = List.copyOf(messages);
    }
}
