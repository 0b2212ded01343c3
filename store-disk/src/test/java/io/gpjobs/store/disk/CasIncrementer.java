package io.gpjobs.store.disk;

import io.gpjobs.spi.JobConflictException;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child-process main: opens the disk store at {@code args[0]} and makes {@code args[2]} compare-and-set updates
 * of job {@code args[1]}, each appending one message named after {@code args[3]}; prints {@code done <n>}.
 */
public final class CasIncrementer {

    private CasIncrementer() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[2]);
        try (JobStore store = DiskJobStoreConfig.builder(Path.of(args[0])).build().open()) {
            System.out.println("ready");
            int done = increment(store, args[1], count, args[3]);
            System.out.println("done " + done);
        }
    }

    /** Makes {@code count} successful CAS updates of {@code jobId}, retrying lost races; returns {@code count}. */
    static int increment(JobStore store, String jobId, int count, String who) {
        int done = 0;
        while (done < count) {
            JobRecord current = store.read(jobId).orElseThrow();
            List<JobMessage> msgs = new ArrayList<>(current.messages());
            msgs.add(JobMessage.info(who + "-" + done));
            try {
                store.update(current.withMessages(msgs));
                done++;
            } catch (JobConflictException e) {
                // another writer won this round
            }
        }
        return done;
    }
}
