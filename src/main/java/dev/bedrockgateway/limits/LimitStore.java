package dev.bedrockgateway.limits;

import java.util.List;

/**
 * Where the counters live. Both stores run the same arithmetic (token buckets refilled evenly over a minute,
 * a count of calls in flight, spend per UTC day and month) and are held to one contract test.
 */
interface LimitStore {

    /** Takes what the call needs from every limit, or nothing when one refuses. At most one round trip. */
    Decision admit(Admission admission);

    /**
     * Ends a call admitted before: returns the unused part of its token reservation ({@code tokenRefund},
     * negative when it used more), frees its place among the calls in flight and adds its usage. May complete
     * after returning.
     */
    void settle(Admission admission, long tokenRefund, TokenCounts used, long costMicros);

    /**
     * Frees the place among calls in flight of an admission whose answer never arrived (the store may have taken
     * it all the same), best effort and without waiting.
     */
    void release(Admission admission);

    /** Asks the store whether it answers, so health reports its state even while no call comes. */
    void check();

    /** A tenant's usage and the level of its buckets now, without taking anything. */
    Snapshot snapshot(String tenant, List<Bucket> buckets, Periods periods);

    /**
     * Usage and limit state of one tenant.
     *
     * @param day usage today (UTC)
     * @param month usage this month (UTC)
     * @param inFlight calls in flight now
     * @param levels per bucket asked for, what is left now
     */
    record Snapshot(UsageTotals day, UsageTotals month, long inFlight, long[] levels) {}
}
