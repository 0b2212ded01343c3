/**
 * gpjobs sample tools: Buffer, CountPointsInPolygons, CsvToPoints, PointDensity and LongRunningTask, real
 * geoprocessing tasks written with JTS that show how to write a task, plus a small bundled data set
 * ({@link io.gpjobs.samples.SampleData}). The tasks are registered for {@link java.util.ServiceLoader}.
 */
module io.gpjobs.samples {
    requires io.gpjobs.core;
    requires org.locationtech.jts;

    exports io.gpjobs.samples;

    provides io.gpjobs.spi.Task with
            io.gpjobs.samples.BufferTask,
            io.gpjobs.samples.CountPointsInPolygonsTask,
            io.gpjobs.samples.CsvToPointsTask,
            io.gpjobs.samples.PointDensityTask,
            io.gpjobs.samples.LongRunningTask;
}
