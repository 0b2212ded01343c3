package io.gpjobs.store.azure;

import java.util.Map;
import java.util.Objects;

/**
 * Reads the provider settings of an Azure cloud store (the keys of its data item's {@code info}) into an
 * {@link AzureJobStoreConfig}: which keys exist, how their text values are spelled and what a missing or malformed
 * one is told. The settings themselves, their defaults and checks live in the config's builder. Stateless.
 */
final class CloudStoreSettings {

    private CloudStoreSettings() {
    }

    /** See {@link AzureJobStoreConfig#fromSettings}. */
    static AzureJobStoreConfig read(Map<String, String> settings, String name) {
        Objects.requireNonNull(settings, "settings");
        AzureJobStoreConfig.Builder b = AzureJobStoreConfig.builder()
                .connectionString(require(settings, "connectionString"))
                .container(require(settings, "objectStore"))
                .table(require(settings, "tableStore"));
        if (name != null) {
            b.name(name);
        }
        String queue = settings.get("jobsStoreQueue");
        if (queue != null) {
            b.jobsStoreQueue(queue);
        }
        String dispatch = settings.get("queueDispatch");
        if (dispatch != null) {
            b.queueDispatch(bool("queueDispatch", dispatch));
        }
        String rerun = settings.get("rerunOnNodeFailure");
        if (rerun != null) {
            b.rerunOnNodeFailure(bool("rerunOnNodeFailure", rerun));
        }
        String deliveries = settings.get("maxDequeueCount");
        if (deliveries != null) {
            try {
                b.maxDequeueCount(Integer.parseInt(deliveries.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("maxDequeueCount must be a whole number, got '" + deliveries + "'");
            }
        }
        String deferred = settings.get("writeResultsWithNextUpdate");
        if (deferred != null) {
            b.writeResultsWithNextUpdate(bool("writeResultsWithNextUpdate", deferred));
        }
        String create = settings.get("createIfMissing");
        if (create != null) {
            b.createIfMissing(bool("createIfMissing", create));
        }
        return b.build();
    }

    private static boolean bool(String key, String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be 'true' or 'false', got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static String require(Map<String, String> settings, String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Azure cloud store setting '" + key + "' is missing");
        }
        return v;
    }
}
