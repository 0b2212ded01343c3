package io.gpjobs.samples.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks the jobs directory before an engine opens it, so that each way it can be unusable gets its own plain
 * message (and exit status 2) instead of a storage error. Stateless.
 */
final class JobsDirectory {
    private JobsDirectory() {
    }

    /**
     * Creates the jobs directory when missing and checks that it is a writable folder.
     *
     * @return {@code dir}
     * @throws RefusedException when it is a file, cannot be created, or is not writable
     */
    static Path prepare(Path dir) {
        String hint = "; choose another with --jobs-dir or " + GpJobsCli.JOBS_DIR_ENV;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RefusedException("the jobs directory " + dir + " is a file, not a folder" + hint);
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new RefusedException("cannot create the jobs directory " + dir + ": " + e.getFile()
                    + " is a file, not a folder" + hint, e);
        } catch (IOException | SecurityException e) {
            throw new RefusedException("cannot create the jobs directory " + dir + ": " + e.getMessage() + hint, e);
        }
        if (!Files.isWritable(dir)) {
            throw new RefusedException("the jobs directory " + dir + " is not writable" + hint);
        }
        return dir;
    }
}
