package io.gpjobs.store.azure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of jobs: {@code <service key>/<jobId>/<relative path>} blobs, with the scratch workspace uploaded under
 * {@code scratch/}. Callers have validated the job id and the path. Thread-safe.
 */
final class JobFiles {

    private final JobBlobs blobs;
    private final Scratch scratch;

    JobFiles(JobBlobs blobs, Scratch scratch) {
        this.blobs = blobs;
        this.scratch = scratch;
    }

    /** Uploads every file of the job's local scratch folder to {@code scratch/…}. */
    void persistScratch(String svc, String jobId) throws IOException {
        Path dir = scratch.existing(jobId);
        if (dir == null) {
            return;
        }
        String prefix = Keys.jobPrefix(svc, jobId) + "scratch/";
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
            blobs.putFile(Keys.requireValidBlobName(prefix + Keys.requireValidRelativePath(rel), "scratch/" + rel), f);
        }
    }

    /** Writes a file: the content is staged locally first, so a failing source never reaches the blob. */
    void write(String svc, String jobId, String relativePath, InputStream content) throws IOException {
        String name = Keys.requireValidBlobName(Keys.jobPrefix(svc, jobId) + relativePath, relativePath);
        Path staged = JobBlobs.stage(content, scratch.uploads());
        try {
            blobs.putFile(name, staged);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    Optional<InputStream> read(String svc, String jobId, String relativePath) throws IOException {
        return blobs.open(Keys.jobPrefix(svc, jobId) + relativePath);
    }

    /** The job's file paths, sorted, without the store's internal folder. */
    List<String> list(String svc, String jobId) {
        String prefix = Keys.jobPrefix(svc, jobId);
        return blobs.list(prefix).stream().map(n -> n.substring(prefix.length()))
                .filter(n -> !n.startsWith(AzureJobStore.INTERNAL_FOLDER + "/")).sorted().toList();
    }
}
