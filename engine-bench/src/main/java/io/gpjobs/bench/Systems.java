package io.gpjobs.bench;

/** Opens the {@link JobSystem} a benchmark parameter names. */
final class Systems {

    /** Worker threads every system gets (property {@code bench.workers}, default 4), except JobRunr, which keeps its own default. */
    static final int WORKERS = Integer.getInteger("bench.workers", 4);

    private Systems() {
    }

    /**
     * Opens the system named {@code name}: {@code executor}, {@code files} (the disk store's file operations
     * alone), {@code jobrunr} (in memory), {@code jobrunr-h2} (on an embedded H2 file database), or the name of a gpjobs store
     * ({@link Stores}).
     *
     * @throws IllegalArgumentException naming the value when it is unknown
     */
    static JobSystem open(String name) throws Exception {
        return switch (name) {
            case "executor" -> new ExecutorSystem(WORKERS);
            case "files" -> new FilesSystem(WORKERS);
            case "jobrunr" -> JobRunrSystem.inMemory();
            case "jobrunr-h2" -> JobRunrSystem.h2();
            default -> new GpjobsSystem(name, WORKERS);
        };
    }
}
