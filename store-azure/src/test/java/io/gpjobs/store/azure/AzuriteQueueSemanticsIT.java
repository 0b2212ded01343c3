package io.gpjobs.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.util.BinaryData;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Probes the queue semantics that dispatch across nodes relies on, on the emulator the tests run against, so that
 * a change of emulator (or service) version that breaks one of them fails here by name rather than as a lost or
 * doubly-run job somewhere else: a received message stays hidden for its visibility timeout and comes back after
 * it with its dequeue count raised; a message put hidden stays hidden; an update returns a new pop receipt and
 * the old one stops working, also after a redelivery; answers carry a {@code Date} header in whole seconds.
 * Visibility timeouts are 1–2 s and every wait is a bounded poll.
 */
class AzuriteQueueSemanticsIT {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private QueueClient queue;

    @BeforeEach
    void createQueue() {
        queue = new QueueClientBuilder().connectionString(Azurite.connectionString()).queueName(Azurite.newQueue())
                .buildClient();
        queue.create();
    }

    @AfterAll
    static void cleanUp() {
        Azurite.deleteCreated();
    }

    @Test
    void aReceivedMessageIsHiddenForItsVisibilityTimeoutThenComesBackWithAHigherDequeueCount() throws Exception {
        queue.sendMessage("job-a");
        QueueMessageItem first = receiveOne(Duration.ofSeconds(2));
        assertThat(first.getDequeueCount()).isEqualTo(1);
        long firstAt = System.nanoTime();
        assertThat(receive(Duration.ofSeconds(2))).as("hidden right after it was received").isEmpty();
        QueueMessageItem again = awaitOne(Duration.ofSeconds(2));
        long hiddenFor = System.nanoTime() - firstAt;
        assertThat(again.getMessageId()).isEqualTo(first.getMessageId());
        assertThat(again.getDequeueCount()).isEqualTo(2);
        assertThat(again.getPopReceipt()).isNotEqualTo(first.getPopReceipt());
        // It must not come back early: a redelivery inside the lease would make two nodes look at one job at once.
        assertThat(Duration.ofNanos(hiddenFor)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aMessagePutHiddenStaysHiddenThenArrivesAsAFirstDelivery() throws Exception {
        queue.sendMessageWithResponse(BinaryData.fromString("job-b"), Duration.ofSeconds(1), null, null, null);
        assertThat(receive(Duration.ofSeconds(2))).as("hidden by its put").isEmpty();
        QueueMessageItem m = awaitOne(Duration.ofSeconds(2));
        assertThat(m.getBody().toString()).isEqualTo("job-b");
        assertThat(m.getDequeueCount()).isEqualTo(1);
    }

    @Test
    void anUpdateReturnsANewPopReceiptAndTheOldOneStopsWorking() {
        queue.sendMessage("job-c");
        QueueMessageItem m = receiveOne(Duration.ofSeconds(30));
        String newReceipt = queue.updateMessageWithResponse(m.getMessageId(), m.getPopReceipt(), null,
                Duration.ofSeconds(30), null, null).getValue().getPopReceipt();
        assertThat(newReceipt).isNotEqualTo(m.getPopReceipt());
        assertThatThrownBy(() -> queue.deleteMessage(m.getMessageId(), m.getPopReceipt()))
                .isInstanceOfSatisfying(HttpResponseException.class, e ->
                        assertThat(e.getResponse().getStatusCode()).isIn(400, 404));
        assertThatThrownBy(() -> queue.updateMessage(m.getMessageId(), m.getPopReceipt(), null, Duration.ZERO))
                .isInstanceOf(HttpResponseException.class);
        assertThat(queue.getProperties().getApproximateMessagesCount()).isEqualTo(1);
        queue.deleteMessage(m.getMessageId(), newReceipt);
        assertThat(queue.getProperties().getApproximateMessagesCount()).isZero();
    }

    @Test
    void anUpdateExtendsTheVisibilityAndZeroMakesTheMessageVisibleAtOnce() {
        queue.sendMessage("job-d");
        QueueMessageItem m = receiveOne(Duration.ofSeconds(1));
        String r = queue.updateMessageWithResponse(m.getMessageId(), m.getPopReceipt(), null, Duration.ofSeconds(60),
                null, null).getValue().getPopReceipt();
        // Past the first (1 s) visibility timeout the message is still hidden: the update moved its end.
        Instant extendedFrom = Instant.now();
        while (Duration.between(extendedFrom, Instant.now()).compareTo(Duration.ofMillis(1500)) < 0) {
            assertThat(receive(Duration.ofSeconds(1))).as("hidden after its extension").isEmpty();
        }
        queue.updateMessage(m.getMessageId(), r, null, Duration.ZERO);
        QueueMessageItem back = receiveOne(Duration.ofSeconds(30));
        assertThat(back.getMessageId()).isEqualTo(m.getMessageId());
        assertThat(back.getDequeueCount()).isEqualTo(2);
    }

    @Test
    void aStaleReceiptIsRefusedAfterTheMessageWasRedelivered() throws Exception {
        queue.sendMessage("job-e");
        QueueMessageItem first = receiveOne(Duration.ofSeconds(1));
        QueueMessageItem second = awaitOne(Duration.ofSeconds(30));
        assertThat(second.getDequeueCount()).isEqualTo(2);
        assertThatThrownBy(() -> queue.updateMessage(first.getMessageId(), first.getPopReceipt(), null,
                Duration.ofSeconds(30))).isInstanceOf(HttpResponseException.class);
        assertThatThrownBy(() -> queue.deleteMessage(first.getMessageId(), first.getPopReceipt()))
                .isInstanceOf(HttpResponseException.class);
        queue.deleteMessage(second.getMessageId(), second.getPopReceipt());
    }

    @Test
    void answersCarryADateHeaderInWholeSeconds() {
        var response = queue.getPropertiesWithResponse(null, null);
        String date = response.getHeaders().getValue(HttpHeaderName.DATE);
        assertThat(date).isNotNull();
        Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(server.getNano()).isZero();
        // The emulator runs on this machine: its clock and ours agree within a few seconds.
        assertThat(Duration.between(server, Instant.now()).abs()).isLessThan(Duration.ofSeconds(30));
        var received = queue.receiveMessages(1, Duration.ofSeconds(1), null, null).iterableByPage().iterator().next();
        assertThat(received.getHeaders().getValue(HttpHeaderName.DATE)).isNotNull();
    }

    private List<QueueMessageItem> receive(Duration visibility) {
        return StreamSupport.stream(queue.receiveMessages(32, visibility, null, null).spliterator(), false).toList();
    }

    private QueueMessageItem receiveOne(Duration visibility) {
        List<QueueMessageItem> got = receive(visibility);
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    /** Polls (bounded) until one message is visible again and receives it. */
    private QueueMessageItem awaitOne(Duration visibility) throws InterruptedException {
        return Await.until(BOUND, "the message to be visible again", () -> receive(visibility),
                l -> !l.isEmpty()).get(0);
    }
}
