/**
 * gpjobs store-disk: the {@code disk} job store, a crash-safe jobs directory on a local file system. Only the
 * provider and its configuration are exported.
 */
module io.gpjobs.store.disk {
    requires transitive io.gpjobs.core;

    exports io.gpjobs.store.disk;

    provides io.gpjobs.spi.JobStoreProvider with io.gpjobs.store.disk.DiskJobStoreProvider;
}
