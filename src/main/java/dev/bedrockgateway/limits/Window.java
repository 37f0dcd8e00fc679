package dev.bedrockgateway.limits;

/**
 * A rate limit as a caller sees it after its call, what OpenAI's {@code x-ratelimit-*} headers carry.
 *
 * @param limit the limit per minute
 * @param remaining what is left now
 * @param resetMillis until the limit is whole again
 */
public record Window(long limit, long remaining, long resetMillis) {}
