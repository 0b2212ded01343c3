package io.gpjobs.store.disk;

import io.gpjobs.GPService;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskContext;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPLong;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The service and task the engine-level disk tests run, in this JVM and in child JVMs. */
final class EngineFixture {

    static final String SERVICE = "Crash";
    static final String TASK = "SlowDouble";

    /** A system property: when "true", the task prints {@code executed <jobId>} each time it starts a job. */
    static final String PRINT_EXECUTIONS = "gpjobs.fixture.printExecutions";

    /** How many times each job id was executed in this JVM. */
    static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();

    private EngineFixture() {
    }

    /** An asynchronous service on the jobs directory {@code dir} with four worker slots. */
    static GPService service(Path dir) {
        return GPService.builder(SERVICE)
                .jobsDirectory(dir.toString())
                .maxInstances(4)
                .progressMessageUpdateInterval(Duration.ofMillis(100))
                .maxFileAge(Duration.ofMinutes(60))
                .task(new SlowDouble())
                .build();
    }

    /**
     * Doubles {@code n}: ten steps of real work (hashing, a progress step each) and a scratch file, so that
     * a job is in flight long enough for a kill to land in the middle of it.
     */
    static final class SlowDouble implements Task {
        private static final TaskDefinition DEF = new TaskDefinition(TASK, null, "doubles n slowly", null, null,
                List.of(ParameterDefinition.requiredInput("n", GPDataType.LONG),
                        ParameterDefinition.output("doubled", GPDataType.LONG)));

        @Override
        public TaskDefinition definition() {
            return DEF;
        }

        @Override
        public void execute(TaskContext ctx) throws Exception {
            EXECUTIONS.computeIfAbsent(ctx.jobId(), k -> new AtomicInteger()).incrementAndGet();
            if (Boolean.getBoolean(PRINT_EXECUTIONS)) {
                System.out.println("executed " + ctx.jobId());
            }
            long n = ctx.input("n", GPLong.class).value();
            ctx.progressor().setStep("working", 0, 10, 1);
            byte[] block = new byte[1 << 18];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int step = 0; step < 10; step++) {
                ctx.cancellation().throwIfCancellationRequested();
                for (int i = 0; i < 4; i++) {
                    block[i] = (byte) step;
                    sha.update(block);
                }
                ctx.progressor().step();
            }
            Files.write(ctx.scratchFolder().resolve("digest.bin"), sha.digest());
            ctx.info("doubled " + n);
            ctx.setOutput("doubled", new GPLong(2 * n));
        }
    }
}
