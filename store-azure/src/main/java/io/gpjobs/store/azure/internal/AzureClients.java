package io.gpjobs.store.azure.internal;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
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

    static TableClient table(AzureJobStoreConfig c, HttpClient http) {
        TableClientBuilder b = new TableClientBuilder()
                .connectionString(c.connectionString())
                .tableName(c.table())
                .httpClient(http)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(c.maxRetries())
                        .setBaseDelay(c.retryDelay())
                        .setMaxDelay(c.maxRetryDelay())));
        if (c.requestObserver() != null) {
            b.addPolicy(new ObservingPolicy("table", c.requestObserver()));
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
            b.addPolicy(new ObservingPolicy("blob", c.requestObserver()));
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
                .addPolicy(new DatePolicy(clock));
        if (c.requestObserver() != null) {
            b.addPolicy(new ObservingPolicy("queue", c.requestObserver()));
        }
        return b.buildClient();
    }

    /** Sets the server clock from each answer's {@code Date} header. */
    private static final class DatePolicy extends HttpPipelineSyncPolicy {
        private final ServerClock clock;

        DatePolicy(ServerClock clock) {
            this.clock = clock;
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_RETRY;
        }

        @Override
        protected HttpResponse afterReceivedResponse(HttpPipelineCallContext context, HttpResponse response) {
            clock.observe(response.getHeaderValue(com.azure.core.http.HttpHeaderName.DATE));
            return response;
        }
    }

    /** Reports each response (retries included) to the observer; runs after the retry policy. */
    private static final class ObservingPolicy extends HttpPipelineSyncPolicy {
        private final String service;
        private final AzureRequestObserver observer;

        ObservingPolicy(String service, AzureRequestObserver observer) {
            this.service = service;
            this.observer = observer;
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_RETRY;
        }

        @Override
        protected HttpResponse afterReceivedResponse(HttpPipelineCallContext context, HttpResponse response) {
            var request = context.getHttpRequest();
            observer.onResponse(service, request.getHttpMethod().name(), request.getUrl().getPath(),
                    response.getStatusCode());
            return response;
        }
    }
}
