package dev.bedrockgateway.limits;

/**
 * A tenant's usage over one period.
 *
 * @param requests calls answered or failed after admission
 * @param inputTokens prompt tokens not from the cache
 * @param outputTokens generated tokens
 * @param cacheReadTokens prompt tokens read from the cache
 * @param cacheWriteTokens prompt tokens written to the cache
 * @param costMicros cost in micro-USD, at the prices known
 */
public record UsageTotals(
        long requests,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long costMicros) {

    /** Nothing used yet. */
    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0, 0, 0);

    /** This usage plus one more call. */
    UsageTotals plus(TokenCounts tokens, long costMicros) {
        return new UsageTotals(
                requests + 1,
                inputTokens + tokens.input(),
                outputTokens + tokens.output(),
                cacheReadTokens + tokens.cacheRead(),
                cacheWriteTokens + tokens.cacheWrite(),
                this.costMicros + costMicros);
    }
}
