package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.ModelPrice;
import dev.bedrockgateway.tenant.TenancyProperties;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

class TenantLimiterTest {

    private static final String HAIKU = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final Tenant ACME = tenant("acme");
    private static final Tenant OTHER = tenant("other");

    private final MemoryLimitStoreTest.MutableClock clock =
            new MemoryLimitStoreTest.MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger estimates = new AtomicInteger();

    private TenantLimiter limiter(TenantLimits limits) {
        return limiter(limits, new MemoryLimitStore(clock), LimitsProperties.StoreFailure.ALLOW);
    }

    private TenantLimiter limiter(TenantLimits limits, LimitStore store, LimitsProperties.StoreFailure onFailure) {
        LimitsProperties properties = new LimitsProperties(
                LimitsProperties.Store.MEMORY,
                onFailure,
                "auto",
                java.time.Duration.ofMillis(100),
                1_000,
                Duration.ofMinutes(15),
                "bgw",
                new TenancyProperties.Limits(null, null, null, new TenancyProperties.Budget(null, null)));
        Pricing pricing = new Pricing(emptyCatalog(), Map.of(HAIKU, new ModelPrice(1.0, 5.0, null, null)));
        return new TenantLimiter(
                TenantLimitsTable.of(Map.of("acme", limits)), store, pricing, properties, clock, registry);
    }

    private Permit admit(TenantLimiter limiter, Tenant tenant, String model, long input, Integer maxTokens) {
        return limiter.admit(
                tenant,
                model,
                model,
                () -> {
                    estimates.incrementAndGet();
                    return input;
                },
                maxTokens);
    }

    @Test
    void aTenantWithoutLimitsIsAdmittedWithNothingToReportAndNoEstimateMade() {
        Permit permit = admit(limiter(TenantLimits.NONE), ACME, HAIKU, 100, 50);

        assertThat(permit.refusal()).isNull();
        assertThat(permit.report()).isEqualTo(LimitReport.NONE);
        assertThat(estimates).hasValue(0);
    }

    @Test
    void settlingPricesTheCallAtItsModelsPriceOnce() {
        Permit permit = admit(limiter(TenantLimits.NONE), ACME, HAIKU, 100, 50);

        Double cost = permit.settle(HAIKU, new TokenCounts(1_000_000, 200_000, 0, 0));

        assertThat(cost).isEqualTo(2.0);
        assertThat(permit.settle(HAIKU, new TokenCounts(1, 1, 0, 0)))
                .as("a second settle")
                .isNull();
    }

    @Test
    void aModelWithoutAPriceCostsNothingAndSaysSo() {
        Permit permit = admit(limiter(TenantLimits.NONE), ACME, "vendor.unpriced-v1:0", 10, 10);

        assertThat(permit.settle("vendor.unpriced-v1:0", new TokenCounts(10, 10, 0, 0)))
                .isNull();
    }

    @Test
    void overTheRequestLimitTheRefusalIsTheGatewaysOwnRateLimitWithRetryAfter() {
        TenantLimiter limiter = limiter(TestLimiters.limits(2, 0, 0));
        admit(limiter, ACME, HAIKU, 1, 1);
        Permit second = admit(limiter, ACME, HAIKU, 1, 1);

        Permit third = admit(limiter, ACME, HAIKU, 1, 1);

        assertThat(second.report().requests()).isEqualTo(new Window(2, 0, 60_000));
        GatewayException refusal = third.refusal();
        assertThat(refusal).isNotNull();
        assertThat(refusal.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(refusal.code()).isEqualTo("tenant_rate_limited");
        assertThat(refusal.upstreamErrorType()).isNull();
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(refusal.getMessage())
                .isEqualTo("Tenant 'acme' is over its limit of 2 requests per minute; retry after 30 s");
        assertThat(third.report().requests().remaining()).isZero();
        assertThat(registry.get("gateway.limit.refusals")
                        .tags("tenant", "acme", "limit", "requests")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aCallReservesItsInputEstimatePlusItsMaxTokensAndTheModelsDefaultWithout() {
        TenantLimiter limiter = limiter(TestLimiters.limits(0, 10_000, 0));

        Permit explicit = admit(limiter, ACME, HAIKU, 300, 700);
        Permit defaulted = admit(limiter, ACME, HAIKU, 500, null);

        assertThat(explicit.report().tokens().remaining()).isEqualTo(10_000 - 1_000);
        // default-max-tokens is 1,000 here.
        assertThat(defaulted.report().tokens().remaining()).isEqualTo(10_000 - 1_000 - 1_500);
        assertThat(estimates).hasValue(2);
    }

    @Test
    void aReservationLargerThanTheMinuteIsCappedSoTheCallCanGoWhenTheBucketIsFull() {
        TenantLimiter limiter = limiter(TestLimiters.limits(0, 1_000, 0));

        Permit huge = admit(limiter, ACME, HAIKU, 50_000, 8_000);
        Permit next = admit(limiter, ACME, HAIKU, 10, 10);

        assertThat(huge.refusal()).isNull();
        assertThat(huge.report().tokens().remaining()).isZero();
        assertThat(next.refusal()).isNotNull();
        assertThat(next.refusal().getMessage())
                .contains("1000 tokens per minute (this call reserves 20: its estimated input plus max_tokens)");
    }

    @Test
    void settlingReturnsWhatTheCallDidNotUse() {
        TenantLimiter limiter = limiter(TestLimiters.limits(0, 1_000, 0));
        Permit first = admit(limiter, ACME, HAIKU, 100, 800);

        first.settle(HAIKU, new TokenCounts(100, 50, 0, 0));
        Permit second = admit(limiter, ACME, HAIKU, 100, 600);

        assertThat(second.refusal()).isNull();
        assertThat(second.report().tokens().remaining()).isEqualTo(1_000 - 150 - 700);
    }

    @Test
    void aModelLimitAppliesOnlyToModelsItsGlobMatchesAndTheReportShowsTheTightest() {
        TenantLimits limits = new TenantLimits(
                100, 0, 0, 0, 0, List.of(new TenantLimits.ModelLimit("*opus*", Tenant.glob("*opus*"), 1, 0)));
        TenantLimiter limiter = limiter(limits);

        Permit opus = admit(limiter, ACME, "us.anthropic.claude-opus-4-5-20251101-v1:0", 1, 1);
        Permit opusAgain = admit(limiter, ACME, "us.anthropic.claude-opus-4-5-20251101-v1:0", 1, 1);
        Permit haiku = admit(limiter, ACME, HAIKU, 1, 1);

        assertThat(opus.report().requests()).isEqualTo(new Window(1, 0, 60_000));
        assertThat(opusAgain.refusal().getMessage()).contains("for models matching '*opus*'");
        assertThat(haiku.refusal()).isNull();
        assertThat(haiku.report().requests().limit()).isEqualTo(100);
    }

    @Test
    void atItsConcurrencyLimitATenantIsRefusedUntilACallIsSettled() {
        TenantLimiter limiter = limiter(TestLimiters.limits(0, 0, 1));
        Permit first = admit(limiter, ACME, HAIKU, 1, 1);

        Permit refused = admit(limiter, ACME, HAIKU, 1, 1);
        first.settle(HAIKU, new TokenCounts(1, 1, 0, 0));
        Permit after = admit(limiter, ACME, HAIKU, 1, 1);

        assertThat(refused.refusal().code()).isEqualTo("tenant_concurrency_exceeded");
        assertThat(refused.refusal().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(after.refusal()).isNull();
    }

    @Test
    void aSpentBudgetIsAQuotaRefusalThatRenewsAtMidnightUtc() {
        TenantLimiter limiter = limiter(new TenantLimits(0, 0, 0, 1_000_000, 0, List.of()));
        admit(limiter, ACME, HAIKU, 1, 1).settle(HAIKU, new TokenCounts(1_000_000, 0, 0, 0));

        GatewayException refusal = admit(limiter, ACME, HAIKU, 1, 1).refusal();

        assertThat(refusal.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(refusal.code()).isEqualTo("tenant_budget_exceeded");
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofHours(14));
        assertThat(refusal.getMessage()).contains("budget of 1 USD for today (UTC)");
    }

    @Test
    void aTenantWithABudgetCannotCallAModelNobodyPriced() {
        TenantLimiter limiter = limiter(new TenantLimits(0, 0, 0, 1_000_000, 0, List.of()));

        Permit unpriced = admit(limiter, ACME, "arn:aws:bedrock:us-east-1:111122223333:custom-model/x", 1, 1);

        assertThat(unpriced.refusal().kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(unpriced.refusal().getMessage()).contains("has a budget", "has no price", "gateway.limits.prices");
        assertThat(admit(limiter, ACME, HAIKU, 1, 1).refusal())
                .as("a priced model")
                .isNull();
    }

    @Test
    void oneTenantsLimitsNeverTouchAnother() {
        TenantLimiter limiter = limiter(TestLimiters.limits(1, 0, 0));
        admit(limiter, ACME, HAIKU, 1, 1);
        assertThat(admit(limiter, ACME, HAIKU, 1, 1).refusal()).isNotNull();

        Permit other = admit(limiter, OTHER, HAIKU, 1, 1);

        assertThat(other.refusal()).isNull();
        assertThat(other.report()).isEqualTo(LimitReport.NONE);
    }

    @Test
    void whileTheStoreIsAwayAllowServesWithoutLimitsAndDenyRefusesWith503() {
        LimitStore away = new LimitStore() {
            @Override
            public Decision admit(Admission admission) {
                throw new LimitStoreUnavailableException();
            }

            @Override
            public void settle(Admission admission, long tokenRefund, TokenCounts used, long costMicros) {}

            @Override
            public void release(Admission admission) {}

            @Override
            public void check() {}

            @Override
            public Snapshot snapshot(String tenant, List<Bucket> buckets, Periods periods) {
                throw new LimitStoreUnavailableException();
            }
        };
        TenantLimits limits = TestLimiters.limits(1, 0, 0);

        List<Admission> released = new java.util.ArrayList<>();
        LimitStore lost = new LimitStore() {
            @Override
            public Decision admit(Admission admission) {
                throw new LimitStoreUnavailableException();
            }

            @Override
            public void settle(Admission admission, long tokenRefund, TokenCounts used, long costMicros) {}

            @Override
            public void release(Admission admission) {
                released.add(admission);
            }

            @Override
            public void check() {}

            @Override
            public Snapshot snapshot(String tenant, List<Bucket> buckets, Periods periods) {
                throw new LimitStoreUnavailableException();
            }
        };
        away = lost;
        Permit allowed = admit(limiter(limits, away, LimitsProperties.StoreFailure.ALLOW), ACME, HAIKU, 1, 1);
        Permit denied = admit(limiter(limits, away, LimitsProperties.StoreFailure.DENY), ACME, HAIKU, 1, 1);

        assertThat(allowed.refusal()).isNull();
        assertThat(denied.refusal().kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(denied.refusal().kind().status()).isEqualTo(503);
        assertThat(denied.refusal().code()).isEqualTo("limits_unavailable");
        assertThat(denied.refusal().retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(released)
                .as("each lost admission is released, in case the store took it")
                .hasSize(2);
    }

    @Test
    void usageShowsTheDayTheMonthAndWhatIsLeftOfEachLimit() {
        TenantLimiter limiter = limiter(TestLimiters.limits(10, 0, 0));
        admit(limiter, ACME, HAIKU, 1, 1).settle(HAIKU, new TokenCounts(1_000, 100, 0, 0));

        TenantUsage usage = limiter.usage(ACME);

        assertThat(usage.day()).isEqualTo("2026-12-04");
        assertThat(usage.month()).isEqualTo("2026-12");
        assertThat(usage.today()).isEqualTo(new UsageTotals(1, 1_000, 100, 0, 0, 1_500));
        assertThat(usage.remaining()).containsExactly(new TenantUsage.Remaining("requests-per-minute", null, 10, 9));
    }

    private static Tenant tenant(String id) {
        return new Tenant(
                id,
                null,
                Set.of(),
                List.of(),
                List.of(),
                new TenancyProperties.Aws(null, null, null, null, null, null));
    }

    private static ModelCatalog emptyCatalog() {
        try {
            return BeanUtils.instantiateClass(ModelCatalog.class.getDeclaredConstructor(List.class), List.of());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
