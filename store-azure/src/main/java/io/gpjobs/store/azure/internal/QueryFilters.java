package io.gpjobs.store.azure.internal;

import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link JobQuery} into an OData {@code $filter} that the Table service evaluates. Azure allows at
 * most 15 comparisons per filter, so a status set larger than {@value #MAX_STATUS_TERMS} is left to the client-side
 * check the store always applies. Stateless.
 */
final class QueryFilters {

    static final int MAX_STATUS_TERMS = 6;

    private QueryFilters() {
    }

    /** The filter for {@code q}; {@code serviceKey} is the encoded service or null for every service. */
    static String of(JobQuery q, String serviceKey) {
        List<String> terms = new ArrayList<>();
        if (serviceKey != null) {
            terms.add("PartitionKey eq " + Keys.odataString(serviceKey));
        } else {
            // not the node entities (NodeLease), whose partition no service key can have: names hold no '~'
            terms.add("PartitionKey ne " + Keys.odataString(NodeLease.PARTITION));
        }
        terms.add("RowKey gt ''"); // job records only, not the index entities (RowKey "")
        if (!q.statuses().isEmpty() && q.statuses().size() <= MAX_STATUS_TERMS) {
            List<String> or = new ArrayList<>();
            for (JobStatus s : q.statuses().stream().sorted().toList()) {
                or.add(RecordCodec.STATUS + " eq " + Keys.odataString(s.wireName()));
            }
            terms.add("(" + String.join(" or ", or) + ")");
        }
        if (q.submittedFrom() != null) {
            terms.add(RecordCodec.SUBMITTED + " ge " + RecordCodec.nanos("submittedFrom", q.submittedFrom()) + "L");
        }
        if (q.submittedBefore() != null) {
            terms.add(RecordCodec.SUBMITTED + " lt " + RecordCodec.nanos("submittedBefore", q.submittedBefore()) + "L");
        }
        if (q.updatedBefore() != null) {
            terms.add(RecordCodec.UPDATED + " lt " + RecordCodec.nanos("updatedBefore", q.updatedBefore()) + "L");
        }
        if (q.owner() != null) {
            terms.add(RecordCodec.OWNER + " eq " + Keys.odataString(q.owner()));
        }
        return String.join(" and ", terms);
    }
}
