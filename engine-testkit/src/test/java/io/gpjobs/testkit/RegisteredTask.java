package io.gpjobs.testkit;

import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPString;
import java.util.List;

/** A task registered in this module's test {@code META-INF/services} file: greets its input. */
public class RegisteredTask implements Task {
    private static final TaskDefinition DEFINITION = new TaskDefinition("Greet", null, "Greets a name.", null, null,
            List.of(ParameterDefinition.requiredInput("Name", GPDataType.STRING),
                    ParameterDefinition.output("Greeting", GPDataType.STRING)));

    /** Found by ServiceLoader. */
    public RegisteredTask() {
    }

    @Override
    public TaskDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void execute(TaskContext context) {
        context.setOutput("Greeting", new GPString("Hello, " + context.input("Name", GPString.class).value()));
    }
}
