package io.gpjobs.internal;

import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.Progressor;
import java.util.Objects;
import java.util.function.Consumer;

/** The progressor of one running job (arcpy's model); reports every change. Thread-safe. */
final class EngineProgressor implements Progressor {
    private final Consumer<JobProgress> onChange;
    private boolean step;
    private String label = JobProgress.EXECUTING.message();
    private int min;
    private int max = 100;
    private int increment = 1;
    private int position;
    private JobProgress current = JobProgress.EXECUTING;

    EngineProgressor(Consumer<JobProgress> onChange) {
        this.onChange = onChange;
    }

    @Override
    public void setDefault(String newLabel) {
        JobProgress p;
        synchronized (this) {
            step = false;
            label = Objects.requireNonNull(newLabel, "label");
            p = recompute();
        }
        onChange.accept(p);
    }

    @Override
    public void setStep(String newLabel, int newMin, int newMax, int newStep) {
        if (newMax <= newMin || newStep <= 0) {
            throw new IllegalArgumentException("step progressor needs max > min and step > 0, got min=" + newMin
                    + " max=" + newMax + " step=" + newStep);
        }
        JobProgress p;
        synchronized (this) {
            step = true;
            label = Objects.requireNonNull(newLabel, "label");
            min = newMin;
            max = newMax;
            increment = newStep;
            position = newMin;
            p = recompute();
        }
        onChange.accept(p);
    }

    @Override
    public void setPosition(int newPosition) {
        JobProgress p;
        synchronized (this) {
            position = Math.max(min, Math.min(max, newPosition));
            p = recompute();
        }
        onChange.accept(p);
    }

    @Override
    public void step() {
        JobProgress p;
        synchronized (this) {
            position = (int) Math.max(min, Math.min(max, (long) position + increment));
            p = recompute();
        }
        onChange.accept(p);
    }

    @Override
    public void setLabel(String newLabel) {
        JobProgress p;
        synchronized (this) {
            label = Objects.requireNonNull(newLabel, "label");
            p = recompute();
        }
        onChange.accept(p);
    }

    @Override
    public void reset() {
        setDefault(JobProgress.EXECUTING.message());
    }

    @Override
    public synchronized JobProgress current() {
        return current;
    }

    private JobProgress recompute() {
        if (step) {
            int percent = (int) Math.round((position - (double) min) * 100.0 / ((double) max - min));
            current = new JobProgress(JobProgress.Type.STEP, label, Math.max(0, Math.min(100, percent)));
        } else {
            current = new JobProgress(JobProgress.Type.DEFAULT, label, null);
        }
        return current;
    }
}
