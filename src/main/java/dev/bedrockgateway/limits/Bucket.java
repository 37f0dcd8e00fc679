package dev.bedrockgateway.limits;

/**
 * One per-minute token bucket a call draws from: full at {@code perMinute}, refilled evenly over a minute.
 *
 * @param name the bucket's name within the tenant, e.g. {@code tpm} or {@code tpm:*opus*}
 * @param tokens whether it counts tokens (settled against the real count) or requests
 * @param perMinute its capacity and refill per minute
 * @param need what this call takes from it
 */
record Bucket(String name, boolean tokens, long perMinute, long need) {}
