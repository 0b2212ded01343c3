package io.gpjobs.store.azure.internal;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.core.util.BinaryData;
import io.gpjobs.spi.JobStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blob side of the Azure store: the files of each job under {@code <service key>/<jobId>/…}, and the large
 * values the table cannot hold ({@code <service key>/<jobId>/.gpjobs/…}). Every upload is a single Put Blob or a
 * block list committed at once, so a blob is complete or absent, never torn. Thread-safe (the SDK client is).
 */
final class JobBlobs {

    private final BlobContainerClient container;

    JobBlobs(BlobContainerClient container) {
        this.container = container;
    }

    String containerName() {
        return container.getBlobContainerName();
    }

    /** Uploads text (a spilled value), replacing any blob of that name. */
    void putText(String blobName, String text) {
        try {
            container.getBlobClient(blobName).upload(BinaryData.fromString(text), true);
        } catch (RuntimeException e) {
            throw AzureErrors.failure("write blob", "container '" + containerName() + "', blob '" + blobName + "'", e);
        }
    }

    /** The text of a blob, or empty when it does not exist. */
    Optional<String> getText(String blobName) {
        try {
            return Optional.of(new String(container.getBlobClient(blobName).downloadContent().toBytes(),
                    StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404) {
                return Optional.empty();
            }
            throw AzureErrors.failure("read blob", "container '" + containerName() + "', blob '" + blobName + "'", e);
        }
    }

    /** Deletes a blob if it exists; failures are ignored (the janitor removes leftovers). */
    void deleteQuietly(String blobName) {
        try {
            container.getBlobClient(blobName).deleteIfExists();
        } catch (RuntimeException e) {
            // best effort: an unreferenced blob is an orphan that deleteOrphans removes later
        }
    }

    /**
     * Uploads a local file to a blob, replacing it atomically.
     *
     * @throws JobStoreException when the storage did not answer or failed on its side (worth retrying)
     * @throws IOException       when it refused the upload, or the file cannot be read
     */
    void putFile(String blobName, Path file) throws IOException {
        try {
            container.getBlobClient(blobName).uploadFromFile(file.toString(), true);
        } catch (RuntimeException e) {
            JobStoreException failure = AzureErrors.failure("write file",
                    "container '" + containerName() + "', blob '" + blobName + "'", e);
            if (!AzureErrors.definitelyRejected(e)) {
                // no answer, a timeout or a server error: the storage may be back soon, so the caller retries (the
                // engine keeps a job's end and writes it again); an upload replaces the blob, so a retry is safe
                throw failure;
            }
            throw new IOException(failure.getMessage(), e);
        }
    }

    /** Opens a blob for reading, or empty when it does not exist. */
    Optional<InputStream> open(String blobName) throws IOException {
        try {
            return Optional.of(container.getBlobClient(blobName).openInputStream());
        } catch (RuntimeException e) {
            if (AzureErrors.status(e) == 404) {
                return Optional.empty();
            }
            throw new IOException(AzureErrors.failure("read file",
                    "container '" + containerName() + "', blob '" + blobName + "'", e).getMessage(), e);
        }
    }

    /** The names of the blobs under a prefix, in listing (lexicographic) order. */
    List<String> list(String prefix) {
        try {
            List<String> out = new ArrayList<>();
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                out.add(item.getName());
            }
            return out;
        } catch (RuntimeException e) {
            throw AzureErrors.failure("list blobs", "container '" + containerName() + "', prefix '" + prefix + "'", e);
        }
    }

    /** Deletes every blob under a prefix; returns how many there were. */
    int deleteAll(String prefix) {
        int n = 0;
        for (String name : list(prefix)) {
            try {
                container.getBlobClient(name).deleteIfExists();
                n++;
            } catch (RuntimeException e) {
                throw AzureErrors.failure("delete blob", "container '" + containerName() + "', blob '" + name + "'", e);
            }
        }
        return n;
    }

    /**
     * Every job folder in the container ({@code <service key>/<jobId>/}) with the newest modification time of its
     * blobs. Blobs outside that layout are ignored.
     */
    Map<String, Instant> jobFolders() {
        Map<String, Instant> out = new LinkedHashMap<>();
        try {
            for (BlobItem item : container.listBlobs()) {
                String name = item.getName();
                int a = name.indexOf('/');
                int b = a < 0 ? -1 : name.indexOf('/', a + 1);
                if (b < 0 || !io.gpjobs.spi.JobRecord.isValidJobId(name.substring(a + 1, b))) {
                    continue;
                }
                Instant modified = item.getProperties().getLastModified().toInstant();
                out.merge(name.substring(0, b + 1), modified, (x, y) -> x.isAfter(y) ? x : y);
            }
        } catch (RuntimeException e) {
            throw AzureErrors.failure("list blobs", "container '" + containerName() + "'", e);
        }
        return out;
    }

    /** Stages an input stream in a local temporary file, so a failing source never reaches the blob. */
    static Path stage(InputStream content, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "upload-", ".tmp");
        try {
            Files.copy(content, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
