package io.gpjobs.spi;

import java.util.Objects;

/**
 * The progress of an executing job as the job resource shows it:
 * {@code {"type":"default","message":"Executing..."}} or {@code {"type":"step","message":"…","percent":42}}.
 *
 * @param type    default or step
 * @param message the progressor label, never null
 * @param percent 0–100 for a step progressor, null for a default one
 */
public record JobProgress(Type type, String message, Integer percent) {

    /** The progressor kinds of the contract. */
    public enum Type {
        DEFAULT("default"), STEP("step");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The progress a job shows when its task sets no progressor. */
    public static final JobProgress EXECUTING = new JobProgress(Type.DEFAULT, "Executing...", null);

    public JobProgress {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        if (type == Type.STEP) {
            if (percent == null || percent < 0 || percent > 100) {
                throw new IllegalArgumentException("step progress percent must be 0..100, got " + percent);
            }
        } else if (percent != null) {
            throw new IllegalArgumentException("default progress has no percent, got " + percent);
        }
    }
}
