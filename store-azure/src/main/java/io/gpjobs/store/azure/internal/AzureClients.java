package io.gpjobs.store.azure.internal;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import io.gpjobs.store.azure.AzureRequestObserver;

/**
 * Builds the SDK clients of a store: the JDK HTTP client (no Netty), short exponential retries (so an absent
 * endpoint fails within seconds) and, when configured, a pipeline policy that reports every response.
 * Stateless.
 */
final class AzureClients {

    private AzureClients() {
    }

    static HttpClient httpClient(AzureJobStoreConfig c) {
        return new JdkHttpClientBuilder()
                .connectionTimeout(c.connectTimeout())
                .responseTimeout(c.requestTimeout())
                .build();
    }

    /** A client of the store's table; {@code extra} policies run per attempt, after the observer's. */
    static TableClient table(AzureJobStoreConfig c, HttpClient http, HttpPipelinePolicy... extra) {
        TableClientBuilder b = new TableClientBuilder()
                .connectionString(c.connectionString())
                .tableName(c.table())
                .httpClient(http)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(c.maxRetries())
                        .setBaseDelay(c.retryDelay())
                        .setMaxDelay(c.maxRetryDelay())));
        if (c.requestObserver() != null) {
            b.addPolicy(ResponsePolicy.observing("table", c.requestObserver()));
        }
        for (HttpPipelinePolicy p : extra) {
            b.addPolicy(p);
        }
        return b.buildClient();
    }

    static BlobContainerClient container(AzureJobStoreConfig c, HttpClient http) {
        BlobContainerClientBuilder b = new BlobContainerClientBuilder()
                .connectionString(c.connectionString())
                .containerName(c.container())
                .httpClient(http)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, c.maxRetries() + 1,
                        c.requestTimeout(), c.retryDelay(), c.maxRetryDelay(), null));
        if (c.requestObserver() != null) {
            b.addPolicy(ResponsePolicy.observing("blob", c.requestObserver()));
        }
        return b.buildClient();
    }

    /**
     * A client of the queue {@code name}; every answer's {@code Date} header sets {@code clock}. Messages are plain
     * text (no Base64), as the job id is.
     */
    static QueueClient queue(AzureJobStoreConfig c, HttpClient http, String name, ServerClock clock) {
        QueueClientBuilder b = new QueueClientBuilder()
                .connectionString(c.connectionString())
                .queueName(name)
                .httpClient(http)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, c.maxRetries() + 1,
                        c.requestTimeout(), c.retryDelay(), c.maxRetryDelay(), null))
                .addPolicy(ResponsePolicy.dates(clock));
        if (c.requestObserver() != null) {
            b.addPolicy(ResponsePolicy.observing("queue", c.requestObserver()));
        }
        return b.buildClient();
    }

    /** Tells an observer of each response (retries included: the policy runs after the retry policy). */
    private static final class ResponsePolicy extends HttpPipelineSyncPolicy {
        private final java.util.function.BiConsumer<HttpPipelineCallContext, HttpResponse> onResponse;

        ResponsePolicy(java.util.function.BiConsumer<HttpPipelineCallContext, HttpResponse> onResponse) {
            this.onResponse = onResponse;
        }

        /** Sets the server clock from each answer's {@code Date} header. */
        static ResponsePolicy dates(ServerClock clock) {
            return new ResponsePolicy((ctx, r) -> clock.observe(r.getHeaderValue(
                    com.azure.core.http.HttpHeaderName.DATE)));
        }

        /** Reports each response to the request observer. */
        static ResponsePolicy observing(String service, AzureRequestObserver observer) {
            return new ResponsePolicy((ctx, r) -> observer.onResponse(service,
                    ctx.getHttpRequest().getHttpMethod().name(), ctx.getHttpRequest().getUrl().getPath(),
                    r.getStatusCode()));
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_RETRY;
        }

        @Override
        protected HttpResponse afterReceivedResponse(HttpPipelineCallContext context, HttpResponse response) {
            onResponse.accept(context, response);
            return response;
        }
    }
}
