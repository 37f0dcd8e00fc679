package dev.bedrockgateway.limits;

import dev.bedrockgateway.tenant.TenancyProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where limits are counted and how a replica protects itself ({@code gateway.limits.*}). Each tenant's own
 * limits sit next to its other settings ({@code gateway.tenants.<id>.limits}); per-model limits and price
 * overrides are maps keyed by globs and model IDs, read as written by {@link ConfiguredKeys}.
 *
 * @param store where the counters live
 * @param onStoreFailure what a call gets while the store cannot be reached
 * @param maxInFlight calls in flight per replica, streams included: {@code auto} (sized from the heap) or a number
 * @param maxSchedulingLag how late the web server may run a request before new calls are shed ({@link
 *     SchedulingLag}): the CPU has run out; zero turns it off
 * @param defaultMaxTokens output tokens reserved for a call that does not say its {@code max_tokens}
 * @param concurrencyLease how long a call counts against {@code concurrent-requests} in Redis at most, so that the
 *     calls of a replica that died stop counting
 * @param redisKeyPrefix prefix of every Redis key, so that several gateways can share one Redis
 * @param defaults limits of every tenant that does not set its own
 */
@ConfigurationProperties("gateway.limits")
public record LimitsProperties(
        @DefaultValue("memory") Store store,
        @DefaultValue("allow") StoreFailure onStoreFailure,
        @DefaultValue("auto") String maxInFlight,
        @DefaultValue("0s") Duration maxSchedulingLag,
        @DefaultValue("4096") int defaultMaxTokens,
        @DefaultValue("15m") Duration concurrencyLease,
        @DefaultValue("bedrock-gateway") String redisKeyPrefix,
        @DefaultValue TenancyProperties.Limits defaults) {

    /** Where the counters live. */
    public enum Store {
        /** In this replica's memory: exact for one replica, per replica for several. */
        MEMORY,
        /** In Redis ({@code spring.data.redis.*}): shared by every replica. */
        REDIS
    }

    /** What a call gets while the store cannot be reached. */
    public enum StoreFailure {
        /** Served without limits: Bedrock's own quotas still apply. */
        ALLOW,
        /** Refused with 503 and {@code Retry-After}. */
        DENY
    }
}
