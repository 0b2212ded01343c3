package io.gpjobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.GPCaller;
import io.gpjobs.GPEngine;
import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.ParameterValue;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPLong;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A job's end raced by a cancel, 1,000 rounds on a store: results exist only for a job that succeeded (the job
 * resource and the results resource never disagree), and a listener hears each job's status changes in the order
 * they were stored, ending on the job's final status. Every store that runs jobs subclasses it.
 *
 * <p>Half of the rounds cancel at a random moment around the task's end, with a listener that takes a moment over
 * a Cancelling event (as one that writes elsewhere does); the other half cancel exactly between the write of the
 * results and the write of the final status (from inside the store's {@code putResults}).
 *
 * <p>Not thread-safe (JUnit runs one test at a time per instance).
 */
public abstract class JobEndRaceContract {

    /** How many rounds each store runs. */
    protected static final int ROUNDS = 1_000;
    private static final String SERVICE = "Race";
    private static final String TASK = "Ends";

    /** For subclasses, one per store. */
    protected JobEndRaceContract() {
    }

    /** A new, empty store; the test closes it. */
    protected abstract JobStore newStore();

    /** The events each job's listener heard: "from>to". */
    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();
    /** The job whose {@code putResults} cancels it (the forced rounds), or null. */
    private final AtomicReference<String> cancelInPutResults = new AtomicReference<>();
    private final AtomicReference<GPEngine> engine = new AtomicReference<>();

    /** Waits for its round's go, then sets its output and returns; or stops when cancelled. */
    private static final class Ends implements Task {
        volatile CountDownLatch go = new CountDownLatch(1);
        volatile CountDownLatch started = new CountDownLatch(1);

        @Override
        public TaskDefinition definition() {
            return new TaskDefinition(TASK, null, "ends when told", null, null,
                    List.of(ParameterDefinition.output("out", GPDataType.LONG)));
        }

        @Override
        public void execute(TaskContext ctx) throws Exception {
            started.countDown();
            CountDownLatch mine = go;
            while (!mine.await(1, TimeUnit.MILLISECONDS)) {
                ctx.cancellation().throwIfCancellationRequested();
            }
            ctx.setOutput("out", new GPLong(42));
        }
    }

    private JobStore forcing(JobStore store) {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                    Object out;
                    try {
                        out = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("putResults") && args[0].equals(cancelInPutResults.get())) {
                        try {
                            engine.get().anonymous().cancel((String) args[0]);
                        } catch (GPException ended) {
                            // cannot happen before the status write; the round's checks say so if it does
                        }
                    }
                    return out;
                });
    }

    private final class Recorder implements JobListener {
        @Override
        public void onStatus(String jobId, JobStatus from, JobStatus to) {
            if (to == JobStatus.CANCELLING) {
                long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(300);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // a listener that does some work before it is done with the event
                }
            }
            heard.computeIfAbsent(jobId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add((from == null ? "" : from.wireName()) + ">" + to.wireName());
        }
    }

    @Test
    void resultsOnlyForSucceededJobsAndStatusEventsInStoreOrder() throws Exception {
        Ends task = new Ends();
        GPService service = GPService.builder(SERVICE).maxInstances(1).task(task).build();
        try (JobStore store = newStore();
             GPEngine e = GPEngine.builder().service(service).jobStore(forcing(store)).listener(new Recorder())
                     .build()) {
            engine.set(e);
            GPCaller caller = e.anonymous();
            int succeeded = 0;
            int cancelled = 0;
            for (int round = 0; round < ROUNDS; round++) {
                task.go = new CountDownLatch(1);
                task.started = new CountDownLatch(1);
                String id = caller.submitJob(SERVICE, TASK, Map.of()).jobId();
                boolean forced = round % 2 == 1;
                if (forced) {
                    cancelInPutResults.set(id);
                }
                assertThat(task.started.await(30, TimeUnit.SECONDS)).isTrue();
                task.go.countDown();
                if (!forced) {
                    long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(400_000);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    try {
                        caller.cancel(id);
                    } catch (GPException ended) {
                        // it ended first: fine
                    }
                }
                JobInfo end = caller.awaitCompletion(id, Duration.ofSeconds(30));
                cancelInPutResults.set(null);
                check(caller, round, id, end);
                succeeded += end.status() == JobStatus.SUCCEEDED ? 1 : 0;
                cancelled += end.status() == JobStatus.CANCELLED ? 1 : 0;
            }
            // both outcomes occurred, so the race was run, not avoided
            assertThat(succeeded).as("succeeded rounds").isPositive();
            assertThat(cancelled).as("cancelled rounds").isGreaterThanOrEqualTo(ROUNDS / 2);
        }
    }

    private void check(GPCaller caller, int round, String id, JobInfo end) {
        assertThat(end.status()).as("round %d", round).isIn(JobStatus.SUCCEEDED, JobStatus.CANCELLED);
        JobInfo resource = caller.job(id);
        List<String> listed = caller.results(id).stream().map(ParameterValue::paramName).toList();
        assertThat(listed).as("round %d: results of a %s job against its resource", round, end.status())
                .isEqualTo(resource.resultNames());
        if (end.status() == JobStatus.SUCCEEDED) {
            assertThat(listed).as("round %d", round).containsExactly("out");
        } else {
            assertThat(listed).as("round %d: results of a cancelled job", round).isEmpty();
            assertThatThrownBy(() -> caller.result(id, "out")).as("round %d", round).isInstanceOf(GPException.class);
        }
        List<String> events;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            events = List.copyOf(heard.getOrDefault(id, List.of()));
        } while (!events.isEmpty() && !events.get(events.size() - 1).endsWith(">" + end.status().wireName())
                && System.nanoTime() < deadline && spin());
        for (int i = 1; i < events.size(); i++) {
            String previousTo = events.get(i - 1).substring(events.get(i - 1).indexOf('>') + 1);
            assertThat(events.get(i)).as("round %d: events %s", round, events).startsWith(previousTo + ">");
        }
        assertThat(events).as("round %d: the last event", round).isNotEmpty()
                .last().asString().endsWith(">" + end.status().wireName());
        heard.remove(id);
    }

    private static boolean spin() {
        Thread.onSpinWait();
        return true;
    }
}
