package io.gpjobs;

/** Counts live threads by name prefix. */
final class EngineThreads {
    private EngineThreads() {
    }

    static int count(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
