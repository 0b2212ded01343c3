package io.gpjobs.store.azure;

/**
 * Told of every HTTP response the Azure store receives (each retry counts), for metrics and request counting.
 * Implementations must be thread-safe and fast: they run on the requesting thread.
 */
@FunctionalInterface
public interface AzureRequestObserver {

    /**
     * Called once per HTTP response.
     *
     * @param service    {@code blob} or {@code table}
     * @param method     the HTTP method, e.g. {@code GET}, {@code PUT}, {@code PATCH}, {@code DELETE}
     * @param path       the URL path, without the query string
     * @param statusCode the response's status code
     */
    void onResponse(String service, String method, String path, int statusCode);
}
