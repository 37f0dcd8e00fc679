package dev.bedrockgateway.routing;

import org.jspecify.annotations.Nullable;

/**
 * On-demand price in USD per million tokens, as the model catalog records it: input and output tokens, and, for
 * models with prompt caching whose cache prices are published, tokens read from and written to the prompt cache.
 * A cache price left out is unknown, not free: such tokens are priced as input.
 *
 * @param input USD per million input tokens (prompt tokens neither read from nor written to the cache)
 * @param output USD per million output tokens
 * @param cacheRead USD per million tokens read from the prompt cache, or null when unknown
 * @param cacheWrite USD per million tokens written to the prompt cache, or null when unknown
 */
public record ModelPrice(
        double input,
        double output,
        @Nullable Double cacheRead,
        @Nullable Double cacheWrite) {

    private static final double TOKENS_PER_UNIT = 1_000_000d;

    /**
     * Checks every price.
     *
     * @throws IllegalArgumentException naming the field, when a price is negative, infinite or not a number
     */
    public ModelPrice {
        requireValid("input", input);
        requireValid("output", output);
        if (cacheRead != null) {
            requireValid("cacheRead", cacheRead);
        }
        if (cacheWrite != null) {
            requireValid("cacheWrite", cacheWrite);
        }
    }

    /**
     * USD for these token counts; cache counts priced at cacheRead/cacheWrite, or at input when that price is
     * unknown.
     *
     * @param inputTokens prompt tokens neither read from nor written to the cache
     * @param outputTokens generated tokens
     * @param cacheReadTokens prompt tokens read from the prompt cache
     * @param cacheWriteTokens prompt tokens written to the prompt cache
     * @return the cost in USD
     */
    public double costUsd(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
        double readPrice = cacheRead != null ? cacheRead : input;
        double writePrice = cacheWrite != null ? cacheWrite : input;
        return (inputTokens * input
                        + outputTokens * output
                        + cacheReadTokens * readPrice
                        + cacheWriteTokens * writePrice)
                / TOKENS_PER_UNIT;
    }

    private static void requireValid(String field, double usdPerMillion) {
        if (!Double.isFinite(usdPerMillion) || usdPerMillion < 0) {
            throw new IllegalArgumentException(
                    field + " must be a finite, non-negative USD price per million tokens, not " + usdPerMillion);
        }
    }
}
