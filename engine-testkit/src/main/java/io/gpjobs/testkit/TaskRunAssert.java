package io.gpjobs.testkit;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.MessageType;
import io.gpjobs.value.GPValue;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * Fluent AssertJ assertions on a {@link TaskRun}: its status, outputs, messages, progress and files.
 *
 * <pre>{@code
 * assertThat(run)
 *         .hasStatus(JobStatus.SUCCEEDED)
 *         .hasOutput("Output_Features", v -> ...)
 *         .hasMessageContaining(MessageType.WARNING, "line 3")
 *         .progressPercents().containsSubsequence(0, 50, 100);
 * }</pre>
 *
 * <p>Failure messages show the job's messages, since they usually say why a task did not do what was expected.
 * Not thread-safe (like every AssertJ assertion object).
 */
public final class TaskRunAssert extends AbstractAssert<TaskRunAssert, TaskRun> {

    private TaskRunAssert(TaskRun actual) {
        super(actual, TaskRunAssert.class);
    }

    /** Starts assertions on {@code run}. */
    public static TaskRunAssert assertThat(TaskRun run) {
        return new TaskRunAssert(run);
    }

    /** Verifies the job ended with {@code expected}. */
    public TaskRunAssert hasStatus(JobStatus expected) {
        isNotNull();
        if (actual.status() != expected) {
            failWithMessage("expected job %s to end %s but it ended %s%s", actual.jobId(), expected.wireName(),
                    actual.status().wireName(), describeMessages());
        }
        return this;
    }

    /** Verifies the job has an output named {@code name}. */
    public TaskRunAssert hasOutput(String name) {
        isNotNull();
        if (actual.output(name).isEmpty()) {
            failWithMessage("expected job %s to have output '%s' but its outputs are %s (status %s)%s",
                    actual.jobId(), name, actual.outputs().keySet(), actual.status().wireName(), describeMessages());
        }
        return this;
    }

    /** Verifies the output {@code name} equals {@code expected}. */
    public TaskRunAssert hasOutput(String name, GPValue expected) {
        hasOutput(name);
        GPValue value = actual.outputs().get(name);
        if (!Objects.equals(value, expected)) {
            failWithMessage("expected output '%s' to be %s but was %s", name, expected, value);
        }
        return this;
    }

    /** Verifies the job has an output named {@code name} and that it meets {@code requirements} (AssertJ calls). */
    public TaskRunAssert hasOutput(String name, Consumer<? super GPValue> requirements) {
        hasOutput(name);
        requirements.accept(actual.outputs().get(name));
        return this;
    }

    /** Verifies the output {@code name} is a {@code type} that meets {@code requirements}. */
    public <T extends GPValue> TaskRunAssert hasOutput(String name, Class<T> type, Consumer<? super T> requirements) {
        hasOutput(name);
        GPValue value = actual.outputs().get(name);
        if (!type.isInstance(value)) {
            failWithMessage("expected output '%s' to be a %s but it is a %s", name, type.getSimpleName(),
                    value.getClass().getSimpleName());
        }
        requirements.accept(type.cast(value));
        return this;
    }

    /** Verifies the job stored no outputs. */
    public TaskRunAssert hasNoOutputs() {
        isNotNull();
        if (!actual.outputs().isEmpty()) {
            failWithMessage("expected job %s to have no outputs but it has %s", actual.jobId(),
                    actual.outputs().keySet());
        }
        return this;
    }

    /** Verifies the job has a message of {@code type} whose description is exactly {@code description}. */
    public TaskRunAssert hasMessage(MessageType type, String description) {
        isNotNull();
        if (!actual.messages(type).contains(description)) {
            failWithMessage("expected job %s to have the %s message \"%s\"%s", actual.jobId(), type.wireName(),
                    description, describeMessages());
        }
        return this;
    }

    /** Verifies the job has a message of {@code type} whose description contains {@code fragment}. */
    public TaskRunAssert hasMessageContaining(MessageType type, String fragment) {
        isNotNull();
        if (actual.messages(type).stream().noneMatch(d -> d.contains(fragment))) {
            failWithMessage("expected job %s to have a %s message containing \"%s\"%s", actual.jobId(),
                    type.wireName(), fragment, describeMessages());
        }
        return this;
    }

    /** Verifies the job has no message of {@code type}. */
    public TaskRunAssert hasNoMessages(MessageType type) {
        isNotNull();
        if (!actual.messages(type).isEmpty()) {
            failWithMessage("expected job %s to have no %s messages%s", actual.jobId(), type.wireName(),
                    describeMessages());
        }
        return this;
    }

    /** Verifies the job left a file at {@code relativePath} (for example {@code scratch/density.asc}). */
    public TaskRunAssert hasFile(String relativePath) {
        isNotNull();
        if (actual.file(relativePath).isEmpty()) {
            failWithMessage("expected job %s to have the file '%s' but its files are %s", actual.jobId(),
                    relativePath, actual.fileNames());
        }
        return this;
    }

    /** Verifies the job left a file at {@code relativePath} whose UTF-8 text meets {@code requirements}. */
    public TaskRunAssert hasFileText(String relativePath, Consumer<String> requirements) {
        hasFile(relativePath);
        requirements.accept(actual.fileText(relativePath).orElseThrow());
        return this;
    }

    /** Assertions on the output {@code name} (which must exist). */
    public ObjectAssert<GPValue> output(String name) {
        hasOutput(name);
        return Assertions.assertThat(actual.outputs().get(name));
    }

    /** Assertions on every message, in order. */
    public ListAssert<JobMessage> messages() {
        isNotNull();
        return Assertions.assertThat(actual.messages());
    }

    /** Assertions on the descriptions of the messages of {@code type}, in order. */
    public ListAssert<String> messages(MessageType type) {
        isNotNull();
        return Assertions.assertThat(actual.messages(type));
    }

    /** Assertions on every progress update, in order. */
    public ListAssert<JobProgress> progress() {
        isNotNull();
        return Assertions.assertThat(actual.progress());
    }

    /** Assertions on the percents of the step progress updates, in order. */
    public ListAssert<Integer> progressPercents() {
        isNotNull();
        return Assertions.assertThat(actual.progressPercents());
    }

    /** Assertions on the statuses the job moved through, in order. */
    public ListAssert<JobStatus> statuses() {
        isNotNull();
        return Assertions.assertThat(actual.statuses());
    }

    private String describeMessages() {
        List<JobMessage> messages = actual.messages();
        if (messages.isEmpty()) {
            return "; the job has no messages";
        }
        return messages.stream().map(m -> "  " + m.type().wireName() + ": " + m.description())
                .collect(Collectors.joining("\n", "; its messages:\n", ""));
    }
}
