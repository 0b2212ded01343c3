package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A writer takes the record it cached as its first guess even after the status cache's time to live (a job that
 * waited in a queue for longer than that is claimed without a read of its record), and a stale guess only costs
 * the compare-and-set it loses and a read.
 */
class RecordWriterGuessTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicInteger reads = new AtomicInteger();
    private final InMemoryJobStore memory = new InMemoryJobStore();
    /** The memory store, counting reads by id. */
    private final JobStore store = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("read")) {
                    reads.incrementAndGet();
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final AtomicLong now = new AtomicLong();
    private final RecordWriter writer = new RecordWriter(new StatusCache(100, Duration.ofSeconds(1), now::get),
            (before, after) -> { });

    private static JobRecord submitted(String id) {
        return new JobRecord(id, "S", "T", JobStatus.SUBMITTED, 0, T, null, null, T, null, null, null, false,
                List.of(), null);
    }

    @Test
    void aClaimAfterTheCachesTimeToLiveReadsNothing() {
        String id = "j" + "1".repeat(32);
        writer.create(store, submitted(id), Map.of());
        now.addAndGet(Duration.ofSeconds(5).toNanos()); // queued for longer than the time to live
        JobRecord claimed = writer.update(store, id, cur -> cur.withStatus(JobStatus.EXECUTING, T));
        assertThat(claimed.version()).isEqualTo(2);
        assertThat(reads).hasValue(0);
    }

    @Test
    void aStaleGuessLosesItsCompareAndSetAndIsReadAgain() {
        String id = "j" + "2".repeat(32);
        writer.create(store, submitted(id), Map.of());
        JobRecord other = memory.update(memory.read(id).orElseThrow()
                .withMessages(List.of(JobMessage.info("written by another engine"))));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        JobRecord claimed = writer.update(store, id, cur -> cur.withStatus(JobStatus.EXECUTING, T));
        assertThat(claimed.version()).isEqualTo(other.version() + 1);
        assertThat(claimed.messages()).extracting(JobMessage::description).containsExactly("written by another engine");
        assertThat(reads).hasValue(1);
    }
}
