package dev.bedrockgateway.limits;

import java.util.List;

/**
 * What one call asks of the store: every bucket it draws from, a place among the tenant's calls in flight,
 * and room in its budgets.
 *
 * @param tenant the tenant ID
 * @param callId unique per call: its place among the calls in flight
 * @param buckets the buckets it draws from
 * @param concurrency the tenant's limit on calls in flight, or 0 for none
 * @param dayBudgetMicros the tenant's daily budget in micro-USD, or 0 for none
 * @param monthBudgetMicros the tenant's monthly budget in micro-USD, or 0 for none
 * @param periods the day and month the call falls in
 */
record Admission(
        String tenant,
        String callId,
        List<Bucket> buckets,
        int concurrency,
        long dayBudgetMicros,
        long monthBudgetMicros,
        Periods periods) {

    Admission {
        buckets = List.copyOf(buckets);
    }

    /** Whether anything is limited at all; a call that is not needs no round trip before it. */
    boolean limited() {
        return !buckets.isEmpty() || concurrency > 0 || dayBudgetMicros > 0 || monthBudgetMicros > 0;
    }
}
