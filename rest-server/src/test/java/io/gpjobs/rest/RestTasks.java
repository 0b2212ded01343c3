package io.gpjobs.rest;

import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPDataFile;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.SpatialReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The tasks the REST tests serve. */
final class RestTasks {
    /** Where Echo puts its point: Oslo, in WGS 84. */
    static final double LON = 10.75;
    static final double LAT = 59.91;
    /** The point's height. */
    static final double Z = 100.0;

    private RestTasks() {
    }

    private static TaskDefinition echoDefinition(String name) {
        return new TaskDefinition(name, null, "Repeats a text and puts a point (with z) in Oslo.", null, null, List.of(
                ParameterDefinition.requiredInput("text", GPDataType.STRING),
                ParameterDefinition.optionalInput("times", GPDataType.LONG, new GPLong(1)),
                ParameterDefinition.output("result", GPDataType.STRING),
                ParameterDefinition.output("Points", GPDataType.FEATURE_RECORD_SET_LAYER)));
    }

    /** Repeats {@code text} {@code times} times into {@code result}; one point named after the text. */
    static Task echo() {
        return task(echoDefinition("Echo"), ctx -> { });
    }

    /** Like echo, but first waits at {@code gate} (stops when cancelled). */
    static Task gated(String name, Gate gate) {
        return task(echoDefinition(name), ctx -> gate.pass(ctx));
    }

    private static Task task(TaskDefinition def, java.util.function.Consumer<TaskContext> before) {
        return of(def, ctx -> {
            before.accept(ctx);
            echoOutputs(ctx);
        });
    }

    private static void echoOutputs(TaskContext ctx) {
        String text = ctx.input("text", GPString.class).value();
        long times = ctx.input("times", GPLong.class).value();
        ctx.info("echoing " + text.length() + " characters");
        ctx.setOutput("result", new GPString(text.repeat((int) times)));
        SpatialReference wgs84 = SpatialReference.ofWkid(4326);
        ctx.setOutput("Points", new GPFeatureRecordSetLayer(GeometryType.POINT, wgs84, true, false,
                List.of(GPField.of("OBJECTID", FieldType.OID), GPField.of("name", FieldType.STRING)),
                List.of(new Feature(new Geometry.Point(LON, LAT, Z, null, wgs84),
                        Map.of("OBJECTID", 1, "name", text))), false, null));
    }

    /** A task of {@code def} whose execution is {@code body}. */
    private static Task of(TaskDefinition def, java.util.function.Consumer<TaskContext> body) {
        return new Task() {
            @Override
            public TaskDefinition definition() {
                return def;
            }

            @Override
            public void execute(TaskContext ctx) {
                body.accept(ctx);
            }
        };
    }

    /** Like echo, counting in {@code running} how many run at once and keeping the most in {@code peak}. */
    static Task counted(String name, java.util.concurrent.atomic.AtomicInteger running,
                        java.util.concurrent.atomic.AtomicInteger peak) {
        return of(echoDefinition(name), ctx -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                echoOutputs(ctx);
            } finally {
                running.decrementAndGet();
            }
        });
    }

    /** Outputs the size of the file given as {@code file}. */
    static Task fileSize() {
        TaskDefinition def = new TaskDefinition("FileSize", null, "The size of a file.", null, null, List.of(
                ParameterDefinition.requiredInput("file", GPDataType.DATA_FILE),
                ParameterDefinition.output("size", GPDataType.LONG)));
        return of(def, ctx -> {
            GPDataFile f = ctx.input("file", GPDataFile.class);
            try {
                ctx.setOutput("size", new GPLong(Files.size(Path.of(URI.create(f.url())))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Tasks wait here until a test opens it; counts who entered. */
    static final class Gate {
        final Semaphore entered = new Semaphore(0);
        private final CountDownLatch open = new CountDownLatch(1);

        void pass(TaskContext ctx) {
            entered.release();
            try {
                while (!open.await(20, TimeUnit.MILLISECONDS)) {
                    ctx.cancellation().throwIfCancellationRequested();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            }
        }

        /** Waits (bounded) until {@code n} tasks entered. */
        void awaitEntered(int n) throws InterruptedException {
            if (!entered.tryAcquire(n, 30, TimeUnit.SECONDS)) {
                throw new AssertionError("only " + entered.availablePermits() + " of " + n + " tasks started");
            }
        }

        void open() {
            open.countDown();
        }
    }
}
