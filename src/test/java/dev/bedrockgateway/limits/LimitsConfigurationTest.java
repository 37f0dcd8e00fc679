package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrockgateway.tenant.TenancyProperties;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.env.MockEnvironment;

/** The store is chosen from {@code gateway.limits.store}, and a setting that cannot work fails startup by name. */
class LimitsConfigurationTest {

    private final LimitsConfiguration configuration = new LimitsConfiguration();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    @Test
    void memoryIsTheStoreUnlessRedisIsAskedFor() {
        LimitStore store =
                store(properties(LimitsProperties.Store.MEMORY, "bedrock-gateway", 4096), new MockEnvironment());

        assertThat(store).isInstanceOf(MemoryLimitStore.class);
    }

    @Test
    void redisWithoutAnyRedisLocationFailsStartupSayingWhatToSet() {
        assertThatThrownBy(() ->
                        store(properties(LimitsProperties.Store.REDIS, "bedrock-gateway", 4096), new MockEnvironment()))
                .hasMessageStartingWith(
                        "gateway.limits.store is redis but no Redis is configured: set " + "spring.data.redis.host");
    }

    @Test
    void redisWithAHostIsTheRedisStore() {
        LimitStore store = store(
                properties(LimitsProperties.Store.REDIS, "bedrock-gateway", 4096),
                new MockEnvironment().withProperty("spring.data.redis.host", "cache.internal"));

        assertThat(store).isInstanceOf(RedisLimitStore.class);
    }

    @Test
    void aKeyPrefixWithBracesOrADefaultOfZeroTokensFailsStartupByName() {
        assertThatThrownBy(() -> store(properties(LimitsProperties.Store.MEMORY, "gw{x}", 4096), new MockEnvironment()))
                .hasMessageStartingWith("gateway.limits.redis-key-prefix: must not be blank or hold '{' or '}'");
        assertThatThrownBy(() -> store(properties(LimitsProperties.Store.MEMORY, "gw", 0), new MockEnvironment()))
                .hasMessageStartingWith("gateway.limits.default-max-tokens: must be at least 1");
    }

    @Test
    void theHealthIndicatorAsksTheStoreAndReportsItDownWithThePolicyButNoSecret() {
        StoreHealth health = new StoreHealth();
        health.failed(new IllegalStateException("redis://user:s3cret@cache:6379 refused"));
        LimitsProperties properties = properties(LimitsProperties.Store.REDIS, "bedrock-gateway", 4096);

        var indicator =
                configuration.limitsStoreHealthIndicator(properties, new MemoryLimitStore(Clock.systemUTC()), health);

        var report = indicator.health(true);
        assertThat(report.getStatus()).isEqualTo(Status.DOWN);
        assertThat(report.getDetails())
                .containsEntry("store", "redis")
                .containsEntry("onStoreFailure", "allow")
                .containsEntry("error", "IllegalStateException");
        assertThat(report.toString()).doesNotContain("s3cret");
    }

    private LimitStore store(LimitsProperties properties, MockEnvironment environment) {
        beans.addBean("redis", new StringRedisTemplate());
        beans.addBean("reactive", org.mockito.Mockito.mock(ReactiveStringRedisTemplate.class));
        return configuration.limitStore(
                properties,
                environment,
                Clock.systemUTC(),
                new StoreHealth(),
                beans.getBeanProvider(StringRedisTemplate.class),
                beans.getBeanProvider(ReactiveStringRedisTemplate.class));
    }

    private static LimitsProperties properties(LimitsProperties.Store store, String prefix, int defaultMaxTokens) {
        return new LimitsProperties(
                store,
                LimitsProperties.StoreFailure.ALLOW,
                "auto",
                java.time.Duration.ofMillis(100),
                defaultMaxTokens,
                Duration.ofMinutes(15),
                prefix,
                new TenancyProperties.Limits(null, null, null, new TenancyProperties.Budget(null, null)));
    }
}
