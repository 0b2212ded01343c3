package io.gpjobs.store.azure;

import io.gpjobs.spi.StoredValue;
import io.gpjobs.testkit.ContractRecords;
import java.util.Map;

/** Fixture values shared with the store contract. */
final class ContractRecordsAccess {

    private ContractRecordsAccess() {
    }

    static Map<String, StoredValue> inputs() {
        return ContractRecords.sampleInputs();
    }
}
