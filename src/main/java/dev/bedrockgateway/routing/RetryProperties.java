package dev.bedrockgateway.routing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a call that Bedrock fails for a retryable reason is tried again ({@code gateway.routing.retry.*}): the same
 * model once more after a backoff, then the next model of its fallback chain, within a number of attempts and a
 * deadline for the whole call. Invalid values fail startup naming the property.
 *
 * @param reasons the reasons that allow another attempt (not {@code on}, which YAML 1.1 reads as {@code true})
 * @param maxAttempts attempts per call, the first included; 1 turns retries and fallbacks off
 * @param backoff the wait before trying the same model again
 * @param deadline the longest a call may take over all its attempts; no attempt starts after it
 * @param firstEventTimeout how long a stream may stay silent before its first event before it counts as failed (and
 *     is tried again like a call); 0 waits as long as Bedrock's own timeouts
 */
@ConfigurationProperties("gateway.routing.retry")
public record RetryProperties(
        @DefaultValue({"throttled", "unavailable", "timeout", "model-not-ready"})
        Set<RetryReason> reasons,

        @DefaultValue("3") int maxAttempts,
        @DefaultValue Backoff backoff,
        @DefaultValue("60s") Duration deadline,
        @DefaultValue("0s") Duration firstEventTimeout) {

    public RetryProperties {
        reasons = reasons.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reasons));
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "gateway.routing.retry.max-attempts must be at least 1, is " + maxAttempts);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("gateway.routing.retry.deadline must be positive, is " + deadline);
        }
        if (firstEventTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "gateway.routing.retry.first-event-timeout must not be negative, is " + firstEventTimeout);
        }
    }

    /** No retries: one attempt, as the gateway did before it had fallbacks. */
    public static RetryProperties none() {
        return new RetryProperties(
                Set.of(),
                1,
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Jitter.FULL),
                Duration.ofSeconds(60),
                Duration.ZERO);
    }

    /** Whether a failure allows another attempt. */
    public boolean retries(RetryReason reason) {
        return reasons.contains(reason);
    }

    /**
     * The wait before retrying the same model: exponential from {@code initial}, at most {@code max}, with jitter.
     *
     * @param initial the first wait
     * @param max the longest wait
     * @param jitter {@code full} waits a random time up to the exponential one (spreading callers that failed
     *     together), {@code none} waits exactly that
     */
    public record Backoff(
            @DefaultValue("200ms") Duration initial,
            @DefaultValue("5s") Duration max,
            @DefaultValue("full") Jitter jitter) {

        public Backoff {
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException(
                        "gateway.routing.retry.backoff needs 0 <= initial <= max, is " + initial + " and " + max);
            }
        }

        /**
         * The wait before the n-th retry of the same model (1 for the first): {@code initial} doubled each time,
         * at most {@code max}, and with full jitter a random part of that.
         */
        public Duration before(int retry, RandomGenerator random) {
            long cap = initial.toMillis();
            for (int i = 1; i < retry && cap < max.toMillis(); i++) {
                cap *= 2;
            }
            cap = Math.min(cap, max.toMillis());
            return Duration.ofMillis(jitter == Jitter.FULL && cap > 0 ? random.nextLong(cap + 1) : cap);
        }
    }

    /** How much of the backoff is random. */
    public enum Jitter {
        FULL,
        NONE
    }
}
