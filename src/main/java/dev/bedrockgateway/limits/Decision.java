package dev.bedrockgateway.limits;

/**
 * The store's answer to an {@link Admission}.
 *
 * @param refusal why the call was refused, or {@link Refusal#NONE}
 * @param bucket the index of the bucket that refused it, or -1
 * @param retryAfterMillis when the refusing limit has room again
 * @param remaining per bucket, what is left after the call (or now, when refused)
 * @param resetMillis per bucket, until it is full again
 */
record Decision(Refusal refusal, int bucket, long retryAfterMillis, long[] remaining, long[] resetMillis) {

    /** Why a call was refused. */
    enum Refusal {
        NONE,
        BUCKET,
        CONCURRENCY,
        DAY_BUDGET,
        MONTH_BUDGET
    }
}
