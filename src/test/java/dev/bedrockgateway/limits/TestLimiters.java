package dev.bedrockgateway.limits;

import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.tenant.TenancyProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeanUtils;

/** Limiters for tests outside this package: in memory, with the limits and catalog a test gives. */
public final class TestLimiters {

    private TestLimiters() {}

    /** No tenant has a limit; nothing is priced. */
    public static TenantLimiter unlimited() {
        return with(Map.of(), emptyCatalog(), new SimpleMeterRegistry());
    }

    /** These tenants have these limits, priced from this catalog. */
    public static TenantLimiter with(Map<String, TenantLimits> limits, ModelCatalog catalog, MeterRegistry registry) {
        return new TenantLimiter(
                TenantLimitsTable.of(limits),
                new MemoryLimitStore(Clock.systemUTC()),
                new Pricing(catalog, Map.of()),
                properties("4096"),
                Clock.systemUTC(),
                registry);
    }

    /** Requests and tokens per minute, and calls in flight, for one tenant; 0 for none. */
    public static TenantLimits limits(long requestsPerMinute, long tokensPerMinute, int concurrentRequests) {
        return new TenantLimits(requestsPerMinute, tokensPerMinute, concurrentRequests, 0, 0, List.of());
    }

    /** A daily budget in USD for one tenant. */
    public static TenantLimits dailyBudget(BigDecimal usd) {
        return new TenantLimits(0, 0, 0, usd.movePointRight(6).longValueExact(), 0, List.of());
    }

    static LimitsProperties properties(String maxInFlight) {
        return new LimitsProperties(
                LimitsProperties.Store.MEMORY,
                LimitsProperties.StoreFailure.ALLOW,
                maxInFlight,
                java.time.Duration.ofMillis(100),
                4096,
                Duration.ofMinutes(15),
                "bedrock-gateway",
                new TenancyProperties.Limits(null, null, null, new TenancyProperties.Budget(null, null)));
    }

    private static ModelCatalog emptyCatalog() {
        try {
            return BeanUtils.instantiateClass(ModelCatalog.class.getDeclaredConstructor(List.class), List.of());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
