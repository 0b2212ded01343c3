package io.gpjobs;

import io.gpjobs.spi.JobListener;
import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event an engine reports. Thread-safe. */
class RecordingListener implements JobListener {
    record Transition(String jobId, JobStatus from, JobStatus to) {
    }

    final List<Transition> transitions = new CopyOnWriteArrayList<>();
    final List<JobProgress> progress = new CopyOnWriteArrayList<>();
    final List<JobMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(String jobId, JobStatus from, JobStatus to) {
        transitions.add(new Transition(jobId, from, to));
    }

    @Override
    public void onProgress(String jobId, JobProgress p) {
        progress.add(p);
    }

    @Override
    public void onMessage(String jobId, JobMessage m) {
        messages.add(m);
    }

    List<JobStatus> statusesOf(String jobId) {
        return transitions.stream().filter(t -> t.jobId().equals(jobId)).map(Transition::to).toList();
    }

    /** Every recorded transition is one JobStatus allows (creation excepted: from is null, to is New). */
    boolean allLegal() {
        return transitions.stream().allMatch(t -> t.from() == null ? t.to() == JobStatus.NEW : t.from().canMoveTo(t.to()));
    }
}
