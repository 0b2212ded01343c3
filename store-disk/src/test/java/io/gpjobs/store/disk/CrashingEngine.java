package io.gpjobs.store.disk;

import io.gpjobs.GPEngine;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child-process main for the crash test: runs an engine with node id {@code args[1]} on the jobs directory
 * {@code args[0]}, submits {@code args[2]} jobs and waits for them, printing {@code accepted <jobId> <n>} when a
 * submission returns and {@code status <jobId> <wireStatus>} on each status change. The test kills it on the way.
 */
public final class CrashingEngine {

    private CrashingEngine() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[2]);
        JobListener printer = new JobListener() {
            @Override
            public void onStatus(String jobId, JobStatus from, JobStatus to) {
                System.out.println("status " + jobId + " " + to.wireName());
            }
        };
        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(dir)).nodeId(args[1])
                .listener(printer).build()) {
            System.out.println("ready");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JobInfo j = engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK, Map.of("n", "" + i));
                ids.add(j.jobId());
                System.out.println("accepted " + j.jobId() + " " + i);
            }
            System.out.println("submitted-all");
            for (String id : ids) {
                engine.anonymous().awaitCompletion(id, Duration.ofMinutes(5));
            }
            System.out.println("all-done");
        }
    }
}
