package io.gpjobs.bench;

/** Opens the {@link JobSystem} a benchmark parameter names. */
final class Systems {

    /** Worker threads every system gets (property {@code bench.workers}, default 4), except JobRunr, which keeps its own default. */
    static final int WORKERS = Integer.getInteger("bench.workers", 4);

    private Systems() {
    }

    /**
     * Opens the system named {@code name}: {@code executor}, {@code files} (the disk store's file operations
     * alone), {@code jobrunr}, or the name of a gpjobs store
     * ({@link Stores}).
     *
     * @throws IllegalArgumentException naming the value when it is unknown
     */
    static JobSystem open(String name) throws Exception {
        return switch (name) {
            case "executor" -> new ExecutorSystem(WORKERS);
            case "files" -> new FilesSystem(WORKERS);
            case "jobrunr" -> new JobRunrSystem();
            default -> new GpjobsSystem(name, WORKERS);
        };
    }
}
