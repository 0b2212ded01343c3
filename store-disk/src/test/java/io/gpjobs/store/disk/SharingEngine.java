package io.gpjobs.store.disk;

import io.gpjobs.GPEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-process main for the two-process engine test: runs an engine with node id {@code args[1]} on the jobs
 * directory {@code args[0]} (recovering what it finds there), submits {@code args[2]} jobs of its own, prints
 * {@code executed <jobId>} for every job its task starts, and closes when it reads {@code stop}.
 */
public final class SharingEngine {

    private SharingEngine() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty(EngineFixture.PRINT_EXECUTIONS, "true");
        EngineFixture.service(Path.of(args[0])); // load the classes first, so that the engine starts right away
        System.out.println("building");
        try (GPEngine engine = GPEngine.builder().service(EngineFixture.service(Path.of(args[0]))).nodeId(args[1])
                .build()) {
            System.out.println("ready");
            int own = Integer.parseInt(args[2]);
            for (int i = 0; i < own; i++) {
                long n = 5000 + i;
                System.out.println("accepted " + engine.anonymous().submitJob(EngineFixture.SERVICE, EngineFixture.TASK,
                        Map.of("n", "" + n)).jobId() + " " + n);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                // wait for the test to say stop
            }
        }
        System.out.println("closed");
    }
}
