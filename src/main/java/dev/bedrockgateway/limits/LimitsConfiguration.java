package dev.bedrockgateway.limits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Chooses the store ({@code gateway.limits.store}) and wires the limiter to it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

    /** Where Spring Boot's Redis client learns where Redis is; one of them must be set for {@code store: redis}. */
    private static final List<String> REDIS_LOCATIONS = List.of(
            "spring.data.redis.url",
            "spring.data.redis.host",
            "spring.data.redis.sentinel.master",
            "spring.data.redis.cluster.nodes");

    @Bean
    StoreHealth limitsStoreHealth(MeterRegistry registry) {
        StoreHealth health = new StoreHealth();
        Gauge.builder("gateway.limits.store.up", health, h -> h.up() ? 1 : 0)
                .description("1 while the limits store answers, 0 while on-store-failure applies")
                .register(registry);
        return health;
    }

    @Bean
    LimitStore limitStore(
            LimitsProperties properties,
            Environment environment,
            Clock clock,
            StoreHealth health,
            ObjectProvider<StringRedisTemplate> redis,
            ObjectProvider<ReactiveStringRedisTemplate> reactive) {
        validate(properties);
        if (properties.store() == LimitsProperties.Store.MEMORY) {
            return new MemoryLimitStore(clock);
        }
        if (REDIS_LOCATIONS.stream().noneMatch(environment::containsProperty)) {
            throw new IllegalStateException("gateway.limits.store is redis but no Redis is configured: set "
                    + "spring.data.redis.host (with .port, .ssl.enabled and .password as needed), or "
                    + "spring.data.redis.url for a Redis without a password");
        }
        return new RedisLimitStore(
                redis.getObject(),
                reactive.getObject(),
                properties.redisKeyPrefix(),
                properties.concurrencyLease().toMillis(),
                health);
    }

    @Bean
    TenantLimiter tenantLimiter(
            TenantLimitsTable table,
            LimitStore store,
            Pricing pricing,
            LimitsProperties properties,
            Clock clock,
            MeterRegistry registry) {
        return new TenantLimiter(table, store, pricing, properties, clock, registry);
    }

    /** {@code limitsStore} in {@code /actuator/health}: down while Redis does not answer. */
    @Bean
    HealthIndicator limitsStoreHealthIndicator(LimitsProperties properties, LimitStore store, StoreHealth health) {
        return () -> {
            // Asked, not remembered: health is right before the first call and after a quiet recovery.
            store.check();
            Health.Builder builder = health.up() ? Health.up() : Health.down();
            builder.withDetail("store", properties.store().name().toLowerCase(java.util.Locale.ROOT));
            if (!health.up()) {
                builder.withDetail(
                        "onStoreFailure", properties.onStoreFailure().name().toLowerCase(java.util.Locale.ROOT));
                String error = health.lastError();
                if (error != null) {
                    builder.withDetail("error", error);
                }
            }
            return builder.build();
        };
    }

    private static void validate(LimitsProperties properties) {
        if (properties.defaultMaxTokens() < 1) {
            throw new IllegalStateException(
                    "gateway.limits.default-max-tokens: must be at least 1, was " + properties.defaultMaxTokens());
        }
        if (properties.concurrencyLease().isNegative()
                || properties.concurrencyLease().isZero()) {
            throw new IllegalStateException(
                    "gateway.limits.concurrency-lease: must be longer than 0, was " + properties.concurrencyLease());
        }
        if (properties.redisKeyPrefix().isBlank()
                || properties.redisKeyPrefix().indexOf('{') >= 0
                || properties.redisKeyPrefix().indexOf('}') >= 0) {
            // Braces would make the prefix the hash tag: every tenant's keys in one slot of a Redis cluster.
            throw new IllegalStateException(
                    "gateway.limits.redis-key-prefix: must not be blank or hold '{' or '}', was '"
                            + properties.redisKeyPrefix() + "'");
        }
    }
}
