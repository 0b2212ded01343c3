package io.gpjobs.testkit;

import io.gpjobs.spi.JobMessage;
import io.gpjobs.spi.JobProgress;
import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.StoredValue;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Records and values the {@link JobStoreContract} stores: fresh job ids, minimal records and records with every
 * field set. Public so that store tests beyond the contract can build the same fixtures.
 *
 * <p>Thread-safe (stateless apart from a {@link SecureRandom}).
 */
public final class ContractRecords {

    /** The instant fixture records are submitted around; microsecond precision, as {@code Clock.systemUTC()} gives. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContractRecords() {
    }

    /** A fresh valid job id: {@code j} + 32 lowercase hex. */
    public static String newJobId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "j" + HexFormat.of().formatHex(b);
    }

    /**
     * A minimal record (version 0, Submitted, no lease, no messages) as the engine creates it.
     *
     * @param jobId     a valid job id
     * @param service   the service name, not null
     * @param submitted the submitted (and updated) time, not null
     * @param owner     the owner, or null for anonymous
     */
    public static JobRecord newRecord(String jobId, String service, Instant submitted, String owner) {
        return new JobRecord(jobId, service, "Buffer Points", JobStatus.SUBMITTED, 0, submitted, null, null,
                submitted, owner, null, null, false, List.of(), null);
    }

    /** A record of version 0 with every optional field set, to prove a store keeps each of them. */
    public static JobRecord fullRecord(String jobId) {
        return new JobRecord(jobId, "Routing/Solve Ünïcode \"quoted\"", "Solve Route", JobStatus.EXECUTING, 0,
                T0, T0.plusMillis(1500), null, T0.plusSeconds(2).plusNanos(7000), "alice@example.com",
                "node-7", T0.plusSeconds(60), true,
                List.of(JobMessage.info("Submitted."), JobMessage.warning("Line\nbreak and \t tab"),
                        JobMessage.error("Failed: {\"json\":[1,2]}")),
                new JobProgress(JobProgress.Type.STEP, "Solving 3 of 7", 42));
    }

    /** Input values of several wire data types, as the engine stores them. */
    public static Map<String, StoredValue> sampleInputs() {
        return Map.of(
                "Input_Points", new StoredValue("GPFeatureRecordSetLayer",
                        "{\"geometryType\":\"esriGeometryPoint\",\"features\":[{\"geometry\":{\"x\":1.5,\"y\":-2}}]}"),
                "Distance", new StoredValue("GPLinearUnit", "{\"distance\":5,\"units\":\"esriMeters\"}"),
                "Count", new StoredValue("GPLong", "345"),
                "Names", new StoredValue("GPMultiValue:GPString", "[\"a\",\"b\\\"c\",\"ü\"]"));
    }
}
