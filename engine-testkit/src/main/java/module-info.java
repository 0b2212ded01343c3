/**
 * gpjobs engine-testkit: the {@link io.gpjobs.testkit.JobStoreContract} suite every job store runs, and the tools
 * task authors test their tasks with.
 */
module io.gpjobs.testkit {
    requires transitive io.gpjobs.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports io.gpjobs.testkit;
    // JUnit calls the contract's package-private test methods reflectively, also when a store's tests run on the
    // module path
    opens io.gpjobs.testkit to org.junit.platform.commons;

    uses io.gpjobs.spi.JobStoreProvider;
    uses io.gpjobs.spi.Task;
}
