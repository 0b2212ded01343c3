package io.gpjobs.internal;

import io.gpjobs.InvalidInputException;
import io.gpjobs.ParameterValue;
import io.gpjobs.spi.AccessPolicy;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's values and files as a reader gets them: results and inputs in the task's parameter order, decoded with
 * their parameter definitions, and the files of its folder. Access is checked like any read. Thread-safe.
 */
public final class JobValues {
    private final JobEngine e;

    JobValues(JobEngine engine) {
        this.e = engine;
    }

    /** All results (or inputs) of a job, in parameter order. */
    public List<ParameterValue> values(String jobId, String principal, boolean results) {
        return values(jobId, principal, results, null);
    }

    /** As {@link #values(String, String, boolean)}, with the stored values already at hand (or null to read them). */
    public List<ParameterValue> values(String jobId, String principal, boolean results, Map<String, StoredValue> known) {
        JobReads.Located loc = e.reads.locate(jobId);
        e.reads.check(AccessPolicy.Action.READ, principal, loc.record());
        Map<String, StoredValue> stored = known != null ? known : stored(loc, jobId, results);
        List<ParameterValue> out = new ArrayList<>();
        for (String name : JobReads.ordered(loc.runtime(), loc.record(), stored.keySet(), results)) {
            out.add(decode(loc, name, stored.get(name)));
        }
        return out;
    }

    /** One result (or input) of a job. */
    public ParameterValue value(String jobId, String paramName, String principal, boolean results) {
        JobReads.Located loc = e.reads.locate(jobId);
        e.reads.check(AccessPolicy.Action.READ, principal, loc.record());
        if (paramName == null || paramName.isBlank()) {
            throw new InvalidInputException("parameter name must not be empty");
        }
        StoredValue v = stored(loc, jobId, results).get(paramName);
        if (v == null) {
            throw new InvalidInputException("job '" + jobId + "' has no " + (results ? "result" : "input") + " '"
                    + paramName + "'" + (results && loc.record().status() != JobStatus.SUCCEEDED
                    ? " (its status is " + loc.record().status().wireName() + ")" : ""));
        }
        return decode(loc, paramName, v);
    }

    /**
     * The stored inputs of a job, or its results when it succeeded (none otherwise: results a job wrote before a
     * cancel, a time limit or a failure won its end are not its results, whatever the store still holds).
     */
    private static Map<String, StoredValue> stored(JobReads.Located loc, String jobId, boolean results) {
        if (!results) {
            return loc.store().inputs(jobId);
        }
        // a cached record may predate the end: the store's record decides
        boolean succeeded = loc.record().status() == JobStatus.SUCCEEDED
                || loc.store().read(jobId).map(r -> r.status() == JobStatus.SUCCEEDED).orElse(false);
        return succeeded ? loc.store().results(jobId) : Map.of();
    }

    /**
     * Opens a file of a job (a path relative to the job, such as {@code scratch/grid.asc}), or empty when the job
     * has no such file.
     */
    public java.util.Optional<java.io.InputStream> openFile(String jobId, String relativePath, String principal) {
        JobReads.Located loc = e.reads.locate(jobId);
        e.reads.check(AccessPolicy.Action.READ, principal, loc.record());
        if (relativePath == null || relativePath.isBlank()) {
            throw new InvalidInputException("file path must not be empty");
        }
        try {
            return loc.store().readFile(jobId, relativePath);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException("invalid file path '" + relativePath + "' of job '" + jobId + "': "
                    + ex.getMessage());
        } catch (java.io.IOException ex) {
            throw new io.gpjobs.spi.JobStoreException("could not read file '" + relativePath + "' of job '" + jobId
                    + "'", ex);
        }
    }

    /**
     * Decodes a stored value with its parameter's definition when the task is known, so value-table columns and
     * composite members keep their declared types; by the stored data type alone otherwise (a task no longer
     * registered).
     */
    private static ParameterValue decode(JobReads.Located loc, String name, StoredValue v) {
        GPDataType type = GPDataType.parse(v.dataType());
        Optional<ParameterDefinition> def = loc.runtime() == null ? Optional.empty()
                : loc.runtime().service().task(loc.record().taskName())
                        .flatMap(t -> t.definition().parameter(name))
                        .filter(p -> p.dataType().equals(type));
        GPValue value = def.isPresent() ? GPValueCodec.fromJson(def.get().shape(), v.json())
                : GPValueCodec.fromJson(type, v.json());
        return new ParameterValue(name, type, value);
    }
}
