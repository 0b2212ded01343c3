package io.gpjobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file system's limit for the disk store: each "job" does only the file operations the disk store's default mode
 * (atomic renames, no fsync) cannot do without for one lifecycle, with no engine, no JSON and no locks, on the same
 * threads as the engine does them: the submitting thread creates the job's folder with a record file in it (written
 * beside, then renamed into place), as a submit stores the job before it returns; a worker then replaces the record
 * twice with a new file and a rename over it (the claim and the end). Jobs stay on disk, as the store's do, and are
 * deleted when the system closes. Their folders are named like GP job ids ({@code j} and 32 hex digits), which the
 * store cannot do without either.
 */
final class FilesSystem implements JobSystem {

    /** About the size of a finished no-op job's record.json. */
    private static final byte[] RECORD = new byte[600];

    private final ThreadPoolExecutor executor;
    private final Path root;
    private final AtomicLong ids = new AtomicLong();

    FilesSystem(int workers) throws IOException {
        root = Files.createTempDirectory("gpjobs-bench-files-");
        executor = JobSystem.workers(workers);
    }

    @Override
    public void runBatch(int count) throws Exception {
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Path job = create(String.format("j%032x", ids.incrementAndGet()));
            executor.execute(() -> {
                run(job, false);
                done.countDown();
            });
        }
        JobSystem.await(done, "file operations batch");
    }

    @Override
    public Object submitSignalling() {
        Path job = create(String.format("j%032x", ids.incrementAndGet()));
        return executor.submit(() -> run(job, true));
    }

    @Override
    public void awaitSucceeded(Object handle) throws Exception {
        ((Future<?>) handle).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The submit: the job's folder with its record, renamed into place. */
    private Path create(String id) {
        try {
            Path tmp = root.resolve(id + ".tmp");
            Files.createDirectory(tmp);
            write(tmp.resolve("record.json"));
            Path job = root.resolve(id);
            Files.move(tmp, job, StandardCopyOption.ATOMIC_MOVE);
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claim and the end: two atomic replaces of the record. */
    private static void run(Path job, boolean signal) {
        if (signal) {
            Signals.signalStart();
        }
        try {
            for (int w = 0; w < 2; w++) {
                Path next = job.resolve("record.json.tmp");
                write(next);
                Files.move(next, job.resolve("record.json"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(RECORD));
        }
    }

    @Override
    public void close() {
        try {
            JobSystem.stop(executor, "the file operations");
        } finally {
            Stores.deleteTree(root);
        }
    }
}
