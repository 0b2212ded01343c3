/**
 * The {@code disk} job store: a jobs directory on a local file system, laid out as
 * {@code <root>/<service>_gpserver/<jobId>/} with {@code record.json}, {@code inputs/} (absent when a job has none),
 * {@code results/}, {@code files/} and {@code scratch/}. Open it through {@link io.gpjobs.store.disk.DiskJobStoreProvider} (settings
 * {@code path} and {@code fsync}), which an engine does for every service whose {@code jobsDirectory} is a path, or
 * directly with {@link io.gpjobs.store.disk.DiskJobStoreConfig}.
 */
package io.gpjobs.store.disk;
