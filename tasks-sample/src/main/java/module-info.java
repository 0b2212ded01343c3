/**
 * gpjobs sample tools: Buffer, CountPointsInPolygons, CsvToPoints, PointDensity, Project and LongRunningTask, real
 * geoprocessing tasks written with JTS that show how to write a task, plus a small bundled data set
 * ({@link io.gpjobs.samples.SampleData}). The tasks are registered for {@link java.util.ServiceLoader}.
 */
module io.gpjobs.samples {
    requires io.gpjobs.core;
    requires org.locationtech.jts;
    requires io.gpjobs.store.disk; // the gpjobs command line (io.gpjobs.samples.cli, not exported)
    requires io.gpjobs.map; // the command line's map command
    requires io.gpjobs.rest; // the command line's serve command
    requires java.logging; // the command line routes the engine's diagnostics to a log file

    exports io.gpjobs.samples;

    uses io.gpjobs.spi.Task; // the command line finds the tasks with ServiceLoader

    provides io.gpjobs.spi.Task with
            io.gpjobs.samples.BufferTask,
            io.gpjobs.samples.CountPointsInPolygonsTask,
            io.gpjobs.samples.CsvToPointsTask,
            io.gpjobs.samples.PointDensityTask,
            io.gpjobs.samples.ProjectTask,
            io.gpjobs.samples.LongRunningTask;
}
