package io.gpjobs.store.azure.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this store instance last saw of each job, bounded (least recently used entries are dropped): the job's
 * service key (immutable, so always valid) and, when known, the version, ETag and the raw values of the entity
 * properties a record update must carry over. A cached ETag lets an update go out without a read first; when it is
 * stale the server answers 412 and the store re-reads, so a stale entry costs one request and never correctness.
 * Thread-safe.
 */
final class JobCache {

    /**
     * One job's last seen entity state.
     *
     * @param serviceKey the partition key
     * @param version    the record version, or -1 when only the service key is known
     * @param etag       the entity's ETag at {@code version}, or null
     * @param inputs     the raw {@code inputs} property (inline JSON or blob reference), or null
     * @param results    the raw {@code results} property, or null
     * @param body       the raw {@code body} property, or null
     */
    record Entry(String serviceKey, long version, String etag, String inputs, String results, String body) {
        static Entry serviceOnly(String serviceKey) {
            return new Entry(serviceKey, -1, null, null, null, null);
        }

        boolean hasState() {
            return etag != null;
        }
    }

    private final Map<String, Entry> entries;

    JobCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized Entry get(String jobId) {
        return entries.get(jobId);
    }

    synchronized void put(String jobId, Entry e) {
        entries.put(jobId, e);
    }

    /** Keeps only the service key of a job whose state is no longer trusted. */
    synchronized void forgetState(String jobId) {
        Entry e = entries.get(jobId);
        if (e != null && e.hasState()) {
            entries.put(jobId, Entry.serviceOnly(e.serviceKey()));
        }
    }

    synchronized void remove(String jobId) {
        entries.remove(jobId);
    }
}
