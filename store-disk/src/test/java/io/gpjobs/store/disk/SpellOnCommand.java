package io.gpjobs.store.disk;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.StoredValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-process main for {@link SoleWriterTest}: for each line {@code spell} on its input, opens a store on the
 * directory {@code args[0]}, updates job {@code args[1]} once and closes the store, then prints
 * {@code spelled <n> <version written>}; for a line {@code results}, stores one result of the job instead and
 * prints {@code resulted}; ends on {@code exit}.
 */
public final class SpellOnCommand {

    private SpellOnCommand() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        int n = 0;
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            try (JobStore store = DiskJobStoreConfig.builder(dir).build().open()) {
                if (line.equals("results")) {
                    store.putResults(args[1], Map.of("Out", new StoredValue("GPLong", "1")));
                    System.out.println("resulted");
                } else {
                    JobRecord written = store.update(store.read(args[1]).orElseThrow());
                    System.out.println("spelled " + ++n + " " + written.version());
                }
            }
        }
    }
}
