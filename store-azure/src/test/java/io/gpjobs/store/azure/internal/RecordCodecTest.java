package io.gpjobs.store.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobRecord;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.StoredValue;
import io.gpjobs.testkit.ContractRecords;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records and values survive the mapping to entity properties exactly. */
class RecordCodecTest {

    @Test
    void aFullRecordRoundTrips() {
        JobRecord r = ContractRecords.fullRecord(ContractRecords.newJobId()).withVersion(4)
                .withEnded(Instant.parse("2026-01-01T00:00:09.000000123Z"));
        Map<String, Object> p = RecordCodec.toProperties(r, 4, RecordCodec.bodyJson(r));
        EntityLimits.check(Keys.encodeService(r.serviceName()), r.jobId(), p, r.jobId());
        assertThat(RecordCodec.toRecord(r.jobId(), p, (String) p.get(RecordCodec.BODY))).isEqualTo(r);
    }

    @Test
    void instantsBeforeTheEpochRoundTrip() {
        Instant t = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(RecordCodec.instant(RecordCodec.nanos("t", t))).isEqualTo(t);
    }

    @Test
    void instantsOutsideTheKeptRangeAreNamed() {
        JobRecord r = ContractRecords.newRecord(ContractRecords.newJobId(), "s", Instant.parse("2300-01-01T00:00:00Z"), null);
        assertThatThrownBy(() -> RecordCodec.toProperties(r, 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("submitted");
    }

    @Test
    void valuesRoundTripInOrder() {
        Map<String, StoredValue> v = ContractRecords.sampleInputs();
        assertThat(RecordCodec.parseValues("j", RecordCodec.valuesJson(v))).isEqualTo(v);
    }

    @Test
    void corruptEntitiesAreStoreErrors() {
        JobRecord r = ContractRecords.newRecord(ContractRecords.newJobId(), "s", ContractRecords.T0, null);
        Map<String, Object> p = new java.util.HashMap<>(RecordCodec.toProperties(r, 1, "{}"));
        p.put(RecordCodec.STATUS, "esriJobBogus");
        assertThatThrownBy(() -> RecordCodec.toRecord(r.jobId(), p, "{}"))
                .isInstanceOf(io.gpjobs.spi.JobStoreException.class).hasMessageContaining(r.jobId());
        assertThat(JobStatus.fromWireName((String) RecordCodec.toProperties(r, 1, "{}").get(RecordCodec.STATUS)))
                .isEqualTo(JobStatus.SUBMITTED);
    }
}
