package io.gpjobs.internal;

import io.gpjobs.CloudStoreItem;
import io.gpjobs.GPService;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Picks the store of each service: the engine's default store when the service names no jobs directory, the
 * {@code disk} provider for a local path, a registered cloud store for {@code /cloudStores/<name>}. Services that
 * name one directory share one store. Not thread-safe; used once, when an engine is built.
 */
public final class StoreResolver {
    private static final String CLOUD_PREFIX = "/cloudStores/";

    private final Map<String, JobStoreProvider> providers = new LinkedHashMap<>();
    private final Map<String, CloudStoreItem> cloudStores = new LinkedHashMap<>();
    private final Map<String, JobStore> opened = new LinkedHashMap<>();
    private final List<JobStore> owned = new ArrayList<>();

    /**
     * @param explicit providers added by the host; they win over those {@link ServiceLoader} finds
     * @throws IllegalArgumentException when two providers share a name
     */
    public StoreResolver(List<JobStoreProvider> explicit) {
        for (JobStoreProvider p : explicit) {
            if (providers.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("two job store providers named '" + p.name() + "'");
            }
        }
        Map<String, JobStoreProvider> found = new LinkedHashMap<>();
        Iterator<JobStoreProvider> it = ServiceLoader.load(JobStoreProvider.class).iterator();
        while (it.hasNext()) {
            JobStoreProvider p = it.next();
            JobStoreProvider earlier = found.putIfAbsent(p.name(), p);
            if (earlier != null && earlier.getClass() != p.getClass()) {
                throw new IllegalArgumentException("two job store providers named '" + p.name() + "': "
                        + earlier.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        found.forEach(providers::putIfAbsent);
    }

    /** Registers a cloud store (not opened until a service uses it). */
    public void addCloudStore(CloudStoreItem cs) {
        if (cloudStores.putIfAbsent(cs.name(), cs) != null) {
            throw new IllegalArgumentException("two cloud stores named '" + cs.name() + "'");
        }
    }

    /**
     * The store of each service.
     *
     * @param defaultStore the store of services without a jobs directory; opened from the {@code memory} provider
     *                     (and owned) when null
     * @throws IllegalArgumentException naming the service and the directory when no provider or cloud store fits
     */
    public Map<GPService, JobStore> resolve(List<GPService> services, JobStore defaultStore) {
        Map<GPService, JobStore> out = new IdentityHashMap<>();
        for (GPService s : services) {
            String dir = s.jobsDirectory();
            JobStore st;
            if (dir == null) {
                if (defaultStore == null) {
                    defaultStore = open("memory", Map.of(), "(default)", s);
                }
                st = defaultStore;
            } else if (dir.startsWith(CLOUD_PREFIX)) {
                String name = dir.substring(CLOUD_PREFIX.length());
                CloudStoreItem cs = cloudStores.get(name);
                if (cs == null) {
                    throw new IllegalArgumentException("service '" + s.name() + "' has jobsDirectory '" + dir
                            + "' but no cloud store named '" + name + "' was registered (GPEngine.Builder.cloudStore)");
                }
                st = open(cs.provider(), cs.settings(), dir, s);
            } else {
                String path = Path.of(dir).toAbsolutePath().normalize().toString();
                st = open("disk", Map.of("path", path), path, s);
            }
            out.put(s, st);
        }
        return out;
    }

    private JobStore open(String provider, Map<String, String> settings, String key, GPService s) {
        JobStore st = opened.get(provider + "|" + key);
        if (st != null) {
            return st;
        }
        JobStoreProvider p = providers.get(provider);
        if (p == null) {
            throw new IllegalArgumentException("service '" + s.name() + "' needs the job store provider '" + provider
                    + "' for jobsDirectory '" + (s.jobsDirectory() == null ? "(default)" : s.jobsDirectory())
                    + "', but none is installed (found: " + providers.keySet() + "); add its module (e.g. store-"
                    + provider + ") to the module or class path");
        }
        st = p.open(settings);
        opened.put(provider + "|" + key, st);
        owned.add(st);
        return st;
    }

    /** The stores this resolver opened (the engine closes them). */
    public List<JobStore> owned() {
        return List.copyOf(owned);
    }
}
