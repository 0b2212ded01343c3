package io.gpjobs.store.azure;

import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small tasks the engine integration tests run on the Azure store. */
final class EngineTestTasks {

    private EngineTestTasks() {
    }

    private static TaskDefinition define(String name) {
        return new TaskDefinition(name, null, "an Azure store test task", null, null, List.of(
                ParameterDefinition.requiredInput("text", GPDataType.STRING),
                ParameterDefinition.output("result", GPDataType.STRING)));
    }

    /**
     * Writes {@code out/<text>.txt} (the text repeated 1,000 times) and {@code log.txt} into its scratch folder,
     * reports step progress and messages, and returns the text upper-cased.
     */
    static Task writeFiles() {
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return define("WriteFiles");
            }

            @Override
            public void execute(TaskContext ctx) throws Exception {
                String text = ctx.input("text", GPString.class).value();
                ctx.progressor().setStep("Writing", 0, 2, 1);
                Path scratch = ctx.scratchFolder();
                Files.createDirectories(scratch.resolve("out"));
                Files.writeString(scratch.resolve("out/" + text + ".txt"), text.repeat(1000));
                ctx.progressor().step();
                Files.writeString(scratch.resolve("log.txt"), "wrote " + text);
                ctx.progressor().step();
                ctx.info("wrote the files of " + text);
                ctx.setOutput("result", new GPString(text.toUpperCase(java.util.Locale.ROOT)));
            }
        };
    }

    /** Returns the text upper-cased; no files. */
    static Task echo() {
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return define("Echo");
            }

            @Override
            public void execute(TaskContext ctx) {
                ctx.setOutput("result", new GPString(ctx.input("text", GPString.class).value().toUpperCase(java.util.Locale.ROOT)));
            }
        };
    }

    /** Gates by name: a gated task waits until its gate (named by its text input) opens, or until cancelled. */
    static final class Gates {
        private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> open = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> returned = new ConcurrentHashMap<>();

        CountDownLatch returned(String name) {
            return returned.computeIfAbsent(name, k -> new CountDownLatch(1));
        }

        /** Waits until the gated task named {@code name} set its output and is returning. */
        void awaitReturned(String name) throws InterruptedException {
            if (!returned(name).await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("task '" + name + "' did not return within 60 s");
            }
        }

        CountDownLatch entered(String name) {
            return entered.computeIfAbsent(name, k -> new CountDownLatch(1));
        }

        CountDownLatch open(String name) {
            return open.computeIfAbsent(name, k -> new CountDownLatch(1));
        }

        void awaitEntered(String name) throws InterruptedException {
            if (!entered(name).await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("task '" + name + "' did not start within 60 s");
            }
        }

        void release(String name) {
            open(name).countDown();
        }
    }

    /**
     * Sets step progress to 50 % ("Halfway <text>"), then waits at its gate (at most 120 s), cooperatively: a cancel
     * opens the gate and the task stops with the cancellation.
     */
    static Task gated(Gates gates) {
        return gated(gates, "Gated", false);
    }

    /** {@link #gated}, writing {@code <text>.txt} and {@code more/<text>.txt} into its scratch folder first. */
    static Task scratchGated(Gates gates) {
        return gated(gates, "ScratchGated", true);
    }

    private static Task gated(Gates gates, String name, boolean writesScratch) {
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return define(name);
            }

            @Override
            public void execute(TaskContext ctx) throws Exception {
                String text = ctx.input("text", GPString.class).value();
                if (writesScratch) {
                    java.nio.file.Path scratch = ctx.scratchFolder();
                    java.nio.file.Files.writeString(scratch.resolve(text + ".txt"), "scratch of " + text);
                    java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(scratch.resolve("more"))
                            .resolve(text + ".txt"), "more scratch of " + text);
                }
                ctx.progressor().setStep("Halfway " + text, 0, 2, 1);
                ctx.progressor().step();
                ctx.info("waiting at gate " + text);
                CountDownLatch gate = gates.open(text);
                ctx.cancellation().onCancel(gate::countDown);
                gates.entered(text).countDown();
                if (!gate.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate " + text + " never opened");
                }
                ctx.cancellation().throwIfCancellationRequested();
                ctx.setOutput("result", new GPString("released " + text));
                gates.returned(text).countDown();
            }
        };
    }
}
