package io.gpjobs.rest.pages;

import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.Feature;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.GPLong;
import io.gpjobs.value.GPString;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.LinearUnit;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The tasks the page tests show: one with geodata outputs for the result map, one that waits while executing. */
final class PageTasks {
    /** A label with markup in it: pages must show it as text. */
    static final String HOSTILE = "<b>bold</b> & <script>document.title='pwned'</script>";

    private PageTasks() {
    }

    /**
     * {@code Stations}: {@code Count} points on a lattice in Oslo (WGS 84) named {@code Station <i>}, the first one
     * {@link #HOSTILE}; a polygon around them; the count. Inputs of several types so the form shows each kind.
     */
    static final class Stations implements Task {
        @Override
        public TaskDefinition definition() {
            return new TaskDefinition("Stations", "Bike stations", "Places bike stations on a lattice over Oslo.",
                    "Samples", null, List.of(
                    ParameterDefinition.optionalInput("Count", GPDataType.LONG, new GPLong(12))
                            .withDisplayName("Number of stations", "How many stations to place (1 to 100)."),
                    ParameterDefinition.optionalInput("Prefix", GPDataType.STRING, new GPString("Station")),
                    ParameterDefinition.optionalInput("Shape", GPDataType.STRING, new GPString("lattice"))
                            .withChoiceList(List.of("lattice", "line")),
                    ParameterDefinition.optionalInput("Spacing", GPDataType.LINEAR_UNIT,
                            new GPLinearUnit(500, LinearUnit.METERS)),
                    ParameterDefinition.output("Out_Stations", GPDataType.FEATURE_RECORD_SET_LAYER),
                    ParameterDefinition.output("Out_Area", GPDataType.FEATURE_RECORD_SET_LAYER),
                    ParameterDefinition.output("Out_Count", GPDataType.LONG)));
        }

        @Override
        public void execute(TaskContext ctx) {
            int n = (int) ((GPLong) ctx.input("Count").orElseThrow()).value();
            String prefix = ((GPString) ctx.input("Prefix").orElseThrow()).value();
            boolean line = ((GPString) ctx.input("Shape").orElseThrow()).value().equals("line");
            List<Feature> points = new ArrayList<>();
            double minX = 180;
            double minY = 90;
            double maxX = -180;
            double maxY = -90;
            for (int i = 0; i < n; i++) {
                double x = 10.70 + (line ? i : i % 4) * 0.02;
                double y = 59.90 + (line ? i : i / 4) * 0.01;
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
                points.add(new Feature(Geometry.Point.of(x, y),
                        Map.of("NAME", i == 0 ? HOSTILE : prefix + " " + i, "DOCKS", (long) (10 + i))));
            }
            ctx.info("Placed " + n + " stations; the first is called " + HOSTILE);
            ctx.setOutput("Out_Stations", GPFeatureRecordSetLayer.of(GeometryType.POINT, SpatialReference.WGS84,
                    List.of(GPField.of("NAME", FieldType.STRING), GPField.of("DOCKS", FieldType.INTEGER)), points));
            Geometry.Polygon box = new Geometry.Polygon(List.of(List.of(List.of(minX - 0.01, minY - 0.005),
                    List.of(minX - 0.01, maxY + 0.005), List.of(maxX + 0.01, maxY + 0.005),
                    List.of(maxX + 0.01, minY - 0.005), List.of(minX - 0.01, minY - 0.005))), false, false, null);
            ctx.setOutput("Out_Area", GPFeatureRecordSetLayer.of(GeometryType.POLYGON, SpatialReference.WGS84,
                    List.of(GPField.of("LABEL", FieldType.STRING)), List.of(new Feature(box, Map.of("LABEL",
                            "service area")))));
            ctx.setOutput("Out_Count", new GPLong(n));
        }
    }

    /** {@code Wait}: reports 40% progress, then waits until {@code release} opens or the job is cancelled. */
    static final class Wait implements Task {
        static volatile CountDownLatch release = new CountDownLatch(1);
        static volatile CountDownLatch started = new CountDownLatch(1);

        @Override
        public TaskDefinition definition() {
            return new TaskDefinition("Wait", null, "Waits until released.", null, null, List.of(
                    ParameterDefinition.optionalInput("Note", GPDataType.STRING, new GPString(HOSTILE)),
                    ParameterDefinition.output("Out_Note", GPDataType.STRING)));
        }

        @Override
        public void execute(TaskContext ctx) throws InterruptedException {
            CountDownLatch mine = release;
            ctx.cancellation().onCancel(mine::countDown);
            ctx.progressor().setStep("Counting " + HOSTILE, 0, 10, 1);
            ctx.progressor().setPosition(4);
            ctx.info("Started, waiting " + HOSTILE);
            started.countDown();
            mine.await();
            ctx.cancellation().throwIfCancellationRequested();
            ctx.setOutput("Out_Note", ctx.input("Note").orElseThrow());
        }
    }
}
