package io.gpjobs.store.azure.internal;

import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.StoredValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a JSON text inline in an entity property when it is short, or spills it to a blob with a unique name under
 * the job's {@code .gpjobs/} folder and puts {@code blob:<name>} in the property. Unique names mean a writer that
 * loses a compare-and-set never overwrites a blob the winner references; the loser deletes its own. Thread-safe.
 */
final class Spills {

    private static final String BLOB_REF = "blob:";

    /** A blob to upload before the entity that references it is written. */
    record Upload(String blobName, String text) {
    }

    private final JobBlobs blobs;
    private final int inlineLimitChars;

    Spills(JobBlobs blobs, int inlineLimitChars) {
        this.blobs = blobs;
        this.inlineLimitChars = inlineLimitChars;
    }

    /** The property value for {@code json}; a spilled one adds its upload to {@code uploads}. */
    String plan(String svc, String jobId, String kind, String json, List<Upload> uploads) {
        if (json.length() <= inlineLimitChars) {
            return json;
        }
        String name = Keys.jobPrefix(svc, jobId) + AzureJobStore.INTERNAL_FOLDER + "/" + kind + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".json";
        uploads.add(new Upload(name, json));
        return BLOB_REF + name;
    }

    void upload(List<Upload> uploads) {
        for (Upload u : uploads) {
            blobs.putText(u.blobName(), u.text());
        }
    }

    /** Deletes the blobs of writes that did not happen. */
    void discard(List<Upload> uploads) {
        uploads.forEach(u -> blobs.deleteQuietly(u.blobName()));
    }

    /** Deletes the blob a property value references, if any (best effort). */
    void delete(String prop) {
        if (prop != null && prop.startsWith(BLOB_REF)) {
            blobs.deleteQuietly(prop.substring(BLOB_REF.length()));
        }
    }

    /**
     * The JSON text of a property value ({@code "{}"} for null).
     *
     * @throws BlobGone when the referenced blob no longer exists (a newer version replaced it)
     */
    String resolve(String jobId, String prop) {
        if (prop == null || !prop.startsWith(BLOB_REF)) {
            return prop == null ? "{}" : prop;
        }
        return blobs.getText(prop.substring(BLOB_REF.length())).orElseThrow(BlobGone::new);
    }

    /** The parameter values of a property value; empty for null. */
    Map<String, StoredValue> values(String jobId, String prop) {
        if (prop == null) {
            return Map.of();
        }
        try {
            return RecordCodec.parseValues(jobId, resolve(jobId, prop));
        } catch (BlobGone e) {
            throw new JobStoreException("job '" + jobId + "': a stored value blob is missing (replaced meanwhile?)");
        }
    }

    /** The blob a property referenced is gone: a newer version replaced it. */
    static final class BlobGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BlobGone() {
            super(null, null, false, false);
        }
    }
}
