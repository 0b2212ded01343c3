package io.gpjobs.store.azure.internal;

import com.azure.core.util.BinaryData;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.SendMessageResult;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.store.azure.AzureJobStoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One service's job queue on Azure Queue Storage and its poison queue: a message is a job id. Puts, receives with a
 * visibility timeout (the lease), visibility updates (which return a new pop receipt: the old one stops working),
 * deletes, and the move of a message to the poison queue. Every answer sets the {@link ServerClock}. A message
 * whose pop receipt is no longer valid (updated meanwhile, or redelivered to somebody else) is reported as
 * {@link #hide gone}, never as a failure. Thread-safe.
 */
public final class JobQueue {

    /** The most messages one receive returns (an Azure limit). */
    public static final int MAX_BATCH = 32;
    /** The longest visibility timeout Azure accepts. */
    public static final Duration MAX_VISIBILITY = Duration.ofDays(7);

    private final QueueClient queue;
    private final QueueClient poison;
    private final String where;

    /** One delivery of a message: its id, the pop receipt that lets its receiver change it, how often it was delivered. */
    public record Delivery(String messageId, String popReceipt, long dequeueCount, String jobId) {
        public Delivery {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(popReceipt, "popReceipt");
        }

        /** The same message with the receipt of its last update. */
        Delivery withReceipt(String receipt) {
            return new Delivery(messageId, receipt, dequeueCount, jobId);
        }
    }

    JobQueue(QueueClient queue, QueueClient poison) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.poison = Objects.requireNonNull(poison, "poison");
        this.where = "queue '" + queue.getQueueName() + "'";
    }

    /**
     * The queue of {@code serviceName} on the configured account ({@link AzureJobStoreConfig#queueName}), with its
     * poison queue; no request is made (see {@link #create}).
     *
     * @throws IllegalArgumentException when the connection string names blob and table endpoints but no queue one
     */
    public static JobQueue open(AzureJobStoreConfig config, String serviceName, ServerClock clock) {
        if (!ConnectionStrings.hasQueueEndpoint(config.connectionString())) {
            throw new IllegalArgumentException("connectionString of cloud store '" + config.name() + "' names its"
                    + " endpoints but no QueueEndpoint: dispatch across nodes needs the account's queue endpoint");
        }
        String name = config.queueName(serviceName);
        var http = AzureClients.httpClient(config);
        return new JobQueue(AzureClients.queue(config, http, name, clock),
                AzureClients.queue(config, http, QueueNames.poison(name), clock));
    }

    /** The queue's name. */
    public String name() {
        return queue.getQueueName();
    }

    /** Creates the queue and its poison queue when they do not exist. */
    public void create() {
        try {
            queue.createIfNotExists();
            poison.createIfNotExists();
        } catch (RuntimeException e) {
            throw AzureErrors.failure("create " + where + " and its poison queue", where, e);
        }
    }

    /**
     * Puts the message of {@code jobId}, invisible for {@code hidden} (zero: visible at once).
     *
     * @return the delivery that lets this node update or delete the message it put
     */
    public Delivery put(String jobId, Duration hidden) {
        JobRecord.requireValidJobId(jobId);
        try {
            SendMessageResult r = queue.sendMessageWithResponse(BinaryData.fromString(jobId),
                    hidden.isZero() ? null : hidden, null, null, null).getValue();
            return new Delivery(r.getMessageId(), r.getPopReceipt(), 0, jobId);
        } catch (RuntimeException e) {
            throw AzureErrors.failure("put the message of job '" + jobId + "' on " + where, where, e);
        }
    }

    /**
     * Receives up to {@code max} visible messages, each hidden for {@code visibility} and its dequeue count raised.
     * A message whose text is not a job id is moved to the poison queue at once.
     */
    public List<Delivery> receive(int max, Duration visibility) {
        if (max < 1 || max > MAX_BATCH) {
            throw new IllegalArgumentException("max must be 1.." + MAX_BATCH + ", got " + max);
        }
        List<Delivery> out = new ArrayList<>(max);
        List<Delivery> foreign = new ArrayList<>();
        try {
            for (QueueMessageItem m : queue.receiveMessages(max, visibility, null, null)) {
                String text = m.getBody() == null ? "" : m.getBody().toString();
                Delivery d = new Delivery(m.getMessageId(), m.getPopReceipt(), m.getDequeueCount(), text);
                (JobRecord.isValidJobId(text) ? out : foreign).add(d);
            }
        } catch (RuntimeException e) {
            throw AzureErrors.failure("receive messages from " + where, where, e);
        }
        for (Delivery d : foreign) {
            toPoison(d);
        }
        return out;
    }

    /**
     * Hides a received message for {@code visibility} from now (zero: visible again at once).
     *
     * @return the delivery with its new pop receipt, or null when the message is gone or this receipt no longer
     *         holds it (it was updated, redelivered or deleted meanwhile)
     */
    public Delivery hide(Delivery d, Duration visibility) {
        try {
            var r = queue.updateMessageWithResponse(d.messageId(), d.popReceipt(), null, visibility, null, null);
            return d.withReceipt(r.getValue().getPopReceipt());
        } catch (RuntimeException e) {
            if (lostReceipt(e)) {
                return null;
            }
            throw AzureErrors.failure("extend message of job '" + d.jobId() + "' on " + where, where, e);
        }
    }

    /**
     * Replaces a received message by a fresh one of the same job, hidden for {@code hidden}: the new message is put
     * first (so the job always has one), then the received one is deleted. Unlike {@link #hide}, the new message's
     * dequeue count starts again: a message put back because its job is alive elsewhere does not count as a failed
     * delivery.
     *
     * @return the delivery of the new message
     */
    public Delivery replace(Delivery d, Duration hidden) {
        Delivery fresh = put(d.jobId(), hidden);
        delete(d);
        return fresh;
    }

    /** Deletes a received message; false when it was gone or the receipt no longer holds it. */
    public boolean delete(Delivery d) {
        try {
            queue.deleteMessageWithResponse(d.messageId(), d.popReceipt(), null, null);
            return true;
        } catch (RuntimeException e) {
            if (lostReceipt(e)) {
                return false;
            }
            throw AzureErrors.failure("delete message of job '" + d.jobId() + "' on " + where, where, e);
        }
    }

    /** Copies a message to the poison queue, then deletes it here; false when the receipt no longer holds it. */
    public boolean toPoison(Delivery d) {
        copyToPoison(d);
        return delete(d);
    }

    /** Puts a copy of a message on the poison queue (the message stays here until deleted). */
    public void copyToPoison(Delivery d) {
        try {
            poison.sendMessage(BinaryData.fromString(d.jobId()));
        } catch (RuntimeException e) {
            throw AzureErrors.failure("move message of job '" + d.jobId() + "' to " + poison.getQueueName(), where, e);
        }
    }

    /** The job ids in the poison queue (up to 32, without receiving them). */
    public List<String> peekPoison() {
        List<String> ids = new ArrayList<>();
        try {
            poison.peekMessages(MAX_BATCH, null, null).forEach(m -> ids.add(m.getBody().toString()));
        } catch (RuntimeException e) {
            throw AzureErrors.failure("peek " + poison.getQueueName(), where, e);
        }
        return ids;
    }

    /** Whether an answer says the pop receipt no longer holds the message (Azure: 404; the emulator: 400). */
    static boolean lostReceipt(Throwable e) {
        int status = AzureErrors.status(e);
        return status == 404 || status == 400;
    }

    @Override
    public String toString() {
        return "JobQueue[" + queue.getQueueName() + "]";
    }
}
