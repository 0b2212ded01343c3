package io.gpjobs.spi;

/**
 * The progressor of a running job, after arcpy's: one progressor at a time, either a default one with a label, or
 * a step one with a range, a step, a position and a label, whose percent is derived from the range. Changes are
 * visible at once through {@code GPEngine.job(jobId)} and listeners, and persisted at most every
 * progressMessageUpdateInterval.
 *
 * <p>Thread-safe.
 */
public interface Progressor {

    /** Switches to a default progressor with {@code label} (arcpy {@code SetProgressor("default", label)}). */
    void setDefault(String label);

    /**
     * Switches to a step progressor (arcpy {@code SetProgressor("step", label, min, max, step)}) at position min.
     *
     * @throws IllegalArgumentException when {@code max <= min} or {@code step <= 0}, naming the values
     */
    void setStep(String label, int min, int max, int step);

    /** Sets the position of a step progressor, clamped to its range. */
    void setPosition(int position);

    /** Advances a step progressor by its step (arcpy {@code SetProgressorPosition()}). */
    void step();

    /** Changes the label only (arcpy {@code SetProgressorLabel}). */
    void setLabel(String label);

    /** Returns to the default progressor with the label {@code Executing...} (arcpy {@code ResetProgressor}). */
    void reset();

    /** The progress as the job resource would show it now. */
    JobProgress current();
}
