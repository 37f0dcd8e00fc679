package dev.bedrockgateway.limits;

/**
 * The token-bucket arithmetic both stores share (the Redis script repeats it in Lua, see {@code admit.lua}): a
 * bucket holds up to {@code perMinute}, refills evenly over a minute, and may go below zero when a call used
 * more than it reserved, so the next calls pay the debt.
 */
final class TokenBuckets {

    static final long MINUTE_MILLIS = 60_000;

    private TokenBuckets() {}

    /** The level of a bucket last at {@code level} when {@code elapsedMillis} have passed. */
    static double refill(double level, long perMinute, long elapsedMillis) {
        return Math.min(perMinute, level + Math.max(0, elapsedMillis) * (double) perMinute / MINUTE_MILLIS);
    }

    /** Until a bucket at {@code level} holds {@code need}. */
    static long millisUntil(double level, long perMinute, double need) {
        return level >= need ? 0 : (long) Math.ceil((need - level) * MINUTE_MILLIS / perMinute);
    }

    /** What a caller may still take, as a whole number. */
    static long remaining(double level) {
        return Math.max(0, (long) Math.floor(level));
    }
}
