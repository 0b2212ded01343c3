package io.gpjobs;

import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Tasks the engine tests run. */
final class TestTasks {
    private TestTasks() {
    }

    static TaskDefinition definition(String name) {
        return new TaskDefinition(name, null, "a test task", null, null, List.of(
                ParameterDefinition.requiredInput("text", GPDataType.STRING),
                ParameterDefinition.optionalInput("times", GPDataType.LONG, new GPLong(1)),
                ParameterDefinition.output("result", GPDataType.STRING)));
    }

    /** A task named {@code name} whose body is {@code body}; sets output "result" to the text repeated times. */
    static Task task(String name, Consumer<TaskContext> body) {
        TaskDefinition def = definition(name);
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return def;
            }

            @Override
            public void execute(TaskContext ctx) {
                body.accept(ctx);
                String text = ctx.input("text", GPString.class).value();
                long times = ctx.input("times", GPLong.class).value();
                ctx.setOutput("result", new GPString(text.repeat((int) times)));
            }
        };
    }

    /** Repeats the text. */
    static Task echo() {
        return task("Echo", ctx -> ctx.info("echoing"));
    }

    /** Fails with the text as message. */
    static Task failing() {
        return task("Fail", ctx -> {
            throw new IllegalStateException("boom: " + ctx.input("text", GPString.class).value());
        });
    }

    /** A gate a task waits at; tests open it. */
    static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        void awaitEntered() throws InterruptedException {
            if (!entered.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the task did not start");
            }
        }

        void open() {
            open.countDown();
        }
    }

    /** Waits at the gate, cooperatively: stops when cancelled. */
    static Task cooperative(String name, Gate gate) {
        return task(name, ctx -> {
            gate.entered.countDown();
            ctx.cancellation().onCancel(gate::open);
            try {
                if (!gate.open.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.cancellation().throwIfCancellationRequested();
        });
    }

    /** Waits at the gate ignoring cancellation and interruption. */
    static Task stubborn(String name, Gate gate) {
        return task(name, ctx -> {
            gate.entered.countDown();
            boolean done = false;
            while (!done) {
                try {
                    done = gate.open.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // deliberately ignored: this task does not stop when asked
                }
            }
        });
    }
}
