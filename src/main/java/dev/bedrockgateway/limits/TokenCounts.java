package dev.bedrockgateway.limits;

/**
 * Tokens one call used, by kind; cache reads and writes are part of the input as Bedrock bills them apart.
 *
 * @param input prompt tokens not read from or written to the cache
 * @param output generated tokens
 * @param cacheRead prompt tokens read from the prompt cache
 * @param cacheWrite prompt tokens written to the prompt cache
 */
public record TokenCounts(long input, long output, long cacheRead, long cacheWrite) {

    /** Every token counted, as tokens-per-minute limits count them. */
    public long total() {
        return input + output + cacheRead + cacheWrite;
    }
}
