/**
 * gpjobs engine-core: the host API ({@code io.gpjobs}), GP values and their codec ({@code io.gpjobs.value}) and
 * the SPIs plugins implement ({@code io.gpjobs.spi}).
 */
module io.gpjobs.core {
    requires transitive com.fasterxml.jackson.databind;
    requires com.google.common;

    exports io.gpjobs;
    exports io.gpjobs.spi;
    exports io.gpjobs.value;

    uses io.gpjobs.spi.Task;
    uses io.gpjobs.spi.JobStoreProvider;

    provides io.gpjobs.spi.JobStoreProvider with io.gpjobs.MemoryJobStoreProvider;
}
