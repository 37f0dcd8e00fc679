package dev.bedrockgateway.limits;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.tenant.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Admits each call against its tenant's limits before it goes to Bedrock, and settles it after. The core
 * asks once per call, after routing (so per-model limits and prices see the model Bedrock receives).
 *
 * <p>A call reserves its estimated tokens up front (the input estimate plus its {@code max_tokens}, or
 * {@code gateway.limits.default-max-tokens}), at most a whole minute's worth so that a large call can still go
 * when the bucket is full; settling returns what it did not use, or takes what it used beyond.
 */
public class TenantLimiter {

    private final TenantLimitsTable table;
    private final LimitStore store;
    private final Pricing pricing;
    private final LimitsProperties.StoreFailure onStoreFailure;
    private final long defaultMaxTokens;
    private final Clock clock;
    private final String replica = UUID.randomUUID().toString();
    private final AtomicLong calls = new AtomicLong();
    private final Meter.MeterProvider<Counter> refusals;

    TenantLimiter(
            TenantLimitsTable table,
            LimitStore store,
            Pricing pricing,
            LimitsProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.table = table;
        this.store = store;
        this.pricing = pricing;
        this.onStoreFailure = properties.onStoreFailure();
        this.defaultMaxTokens = properties.defaultMaxTokens();
        this.clock = clock;
        this.refusals = Counter.builder("gateway.limit.refusals")
                .description("Calls refused by a tenant's own limit, by limit")
                .withRegistry(registry);
    }

    /**
     * Asks the tenant's limits for one call.
     *
     * @param requestedModel the model as the caller wrote it (per-model limits match it too)
     * @param bedrockModelId the model ID Bedrock receives
     * @param inputTokens the estimated input tokens, asked for only when a token limit applies
     * @param maxTokens the call's own output limit, or null
     */
    public Permit admit(
            Tenant tenant,
            String requestedModel,
            String bedrockModelId,
            LongSupplier inputTokens,
            @Nullable Integer maxTokens) {
        return admit(
                tenant,
                requestedModel,
                bedrockModelId,
                defaultMax -> inputTokens.getAsLong() + (maxTokens == null ? defaultMax : maxTokens));
    }

    /**
     * Asks the tenant's limits for one call whose estimate is costly to make (a provider's own body must be read
     * for it): the estimate is made only when a token limit applies.
     *
     * @param requestedModel the model as the caller wrote it (per-model limits match it too)
     * @param bedrockModelId the model ID Bedrock receives
     * @param estimate the tokens the call may use, given the output limit to assume when it sets none
     */
    public Permit admit(Tenant tenant, String requestedModel, String bedrockModelId, LongUnaryOperator estimate) {
        TenantLimits limits = table.of(tenant.id());
        List<Bucket> buckets = new ArrayList<>(4);
        List<String> scopes = new ArrayList<>(4);
        long reserve =
                reservation(limits, requestedModel, bedrockModelId, () -> estimate.applyAsLong(defaultMaxTokens));
        add(buckets, scopes, "requests", "", limits.requestsPerMinute(), 1);
        add(buckets, scopes, "tokens", "", limits.tokensPerMinute(), reserve);
        for (TenantLimits.ModelLimit model : limits.models()) {
            if (model.matches(requestedModel, bedrockModelId)) {
                add(buckets, scopes, "requests", model.glob(), model.requestsPerMinute(), 1);
                add(buckets, scopes, "tokens", model.glob(), model.tokensPerMinute(), reserve);
            }
        }
        Admission admission = new Admission(
                tenant.id(),
                limits.concurrentRequests() > 0 ? replica + ":" + calls.incrementAndGet() : "",
                buckets,
                limits.concurrentRequests(),
                limits.usdPerDayMicros(),
                limits.usdPerMonthMicros(),
                Periods.at(clock.instant()));
        if ((limits.usdPerDayMicros() > 0 || limits.usdPerMonthMicros() > 0) && pricing.price(bedrockModelId) == null) {
            // A budget means nothing for a model nobody priced: the call would be free.
            count(tenant, "budget");
            return new Permit(
                    this,
                    null,
                    0,
                    LimitReport.NONE,
                    new GatewayException(
                            ErrorKind.PERMISSION_DENIED,
                            "Tenant '" + tenant.id() + "' has a budget, and model '" + bedrockModelId
                                    + "' has no price, so its cost could not be counted; the operator can price it under "
                                    + Pricing.PREFIX + ".\"" + bedrockModelId + "\"",
                            "model",
                            null));
        }
        if (!admission.limited()) {
            return new Permit(this, admission, reserve, LimitReport.NONE, null);
        }
        Decision decision;
        try {
            decision = store.admit(admission);
        } catch (LimitStoreUnavailableException e) {
            // The store may have taken the call before its answer was lost: free its place, best effort.
            store.release(admission);
            if (onStoreFailure == LimitsProperties.StoreFailure.ALLOW) {
                // Nothing was reserved that settling could return: settle charges what the call uses.
                return new Permit(this, admission, 0, LimitReport.NONE, null);
            }
            count(tenant, "store");
            return new Permit(
                    this,
                    null,
                    0,
                    LimitReport.NONE,
                    GatewayException.refused(
                            ErrorKind.UPSTREAM_UNAVAILABLE,
                            "limits_unavailable",
                            "The gateway cannot check this tenant's limits right now; retry shortly",
                            Duration.ofSeconds(1)));
        }
        LimitReport report = report(buckets, decision);
        if (decision.refusal() == Decision.Refusal.NONE) {
            return new Permit(this, admission, reserve, report, null);
        }
        return new Permit(this, null, 0, report, refusal(tenant, limits, buckets, scopes, decision, reserve));
    }

    /** Settles an admitted call; returns its cost in USD, or null when its model has no price. */
    @Nullable Double settle(Admission admission, String bedrockModelId, long reserved, TokenCounts used) {
        long cost = pricing.costMicros(bedrockModelId, used);
        boolean tokens = admission.buckets().stream().anyMatch(Bucket::tokens);
        store.settle(admission, tokens ? reserved - used.total() : 0, used, Math.max(0, cost));
        return cost < 0 ? null : cost / 1e6;
    }

    /**
     * A tenant's usage today and this month, and what is left of its limits.
     *
     * @throws GatewayException 503 while the store cannot be reached
     */
    public TenantUsage usage(Tenant tenant) {
        TenantLimits limits = table.of(tenant.id());
        List<Bucket> buckets = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        add(buckets, scopes, "requests", "", limits.requestsPerMinute(), 0);
        add(buckets, scopes, "tokens", "", limits.tokensPerMinute(), 0);
        for (TenantLimits.ModelLimit model : limits.models()) {
            add(buckets, scopes, "requests", model.glob(), model.requestsPerMinute(), 0);
            add(buckets, scopes, "tokens", model.glob(), model.tokensPerMinute(), 0);
        }
        Periods periods = Periods.at(clock.instant());
        LimitStore.Snapshot snapshot;
        try {
            snapshot = store.snapshot(tenant.id(), buckets, periods);
        } catch (LimitStoreUnavailableException e) {
            throw GatewayException.refused(
                    ErrorKind.UPSTREAM_UNAVAILABLE,
                    "limits_unavailable",
                    "The usage store cannot be reached right now; retry shortly",
                    Duration.ofSeconds(1));
        }
        List<TenantUsage.Remaining> remaining = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            remaining.add(new TenantUsage.Remaining(
                    bucket.tokens() ? "tokens-per-minute" : "requests-per-minute",
                    scopes.get(i).isEmpty() ? null : scopes.get(i),
                    bucket.perMinute(),
                    snapshot.levels()[i]));
        }
        return new TenantUsage(
                tenant.id(),
                periods.day(),
                periods.month(),
                snapshot.day(),
                snapshot.month(),
                limits,
                snapshot.inFlight(),
                remaining);
    }

    /**
     * What one call reserves: its estimate, at most what the smallest token bucket it draws from holds; 0 when
     * no token limit applies (the estimate is not even made).
     */
    private static long reservation(
            TenantLimits limits, String requestedModel, String bedrockModelId, LongSupplier estimate) {
        long reserve = Long.MAX_VALUE;
        if (limits.tokensPerMinute() > 0) {
            reserve = Math.min(reserve, limits.tokensPerMinute());
        }
        for (TenantLimits.ModelLimit model : limits.models()) {
            if (model.tokensPerMinute() > 0 && model.matches(requestedModel, bedrockModelId)) {
                reserve = Math.min(reserve, model.tokensPerMinute());
            }
        }
        return reserve == Long.MAX_VALUE ? 0 : Math.max(1, Math.min(reserve, estimate.getAsLong()));
    }

    private static void add(
            List<Bucket> buckets, List<String> scopes, String kind, String glob, long perMinute, long need) {
        if (perMinute > 0) {
            String name = (kind.equals("tokens") ? "tpm" : "rpm") + (glob.isEmpty() ? "" : ":" + glob);
            buckets.add(new Bucket(name, kind.equals("tokens"), perMinute, need));
            scopes.add(glob);
        }
    }

    /** The tightest request and token buckets, as the caller's headers show them. */
    private static LimitReport report(List<Bucket> buckets, Decision decision) {
        Window requests = null;
        Window tokens = null;
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            Window window = new Window(bucket.perMinute(), decision.remaining()[i], decision.resetMillis()[i]);
            if (bucket.tokens()) {
                tokens = tighter(tokens, window);
            } else {
                requests = tighter(requests, window);
            }
        }
        return new LimitReport(requests, tokens);
    }

    private static Window tighter(@Nullable Window current, Window candidate) {
        return current == null || candidate.remaining() < current.remaining() ? candidate : current;
    }

    private GatewayException refusal(
            Tenant tenant,
            TenantLimits limits,
            List<Bucket> buckets,
            List<String> scopes,
            Decision decision,
            long reserve) {
        Duration retryAfter = Duration.ofMillis(Math.max(1, decision.retryAfterMillis()));
        String who = "Tenant '" + tenant.id() + "'";
        return switch (decision.refusal()) {
            case BUCKET -> {
                Bucket bucket = buckets.get(decision.bucket());
                String scope = scopes.get(decision.bucket());
                count(tenant, bucket.tokens() ? "tokens" : "requests");
                String what = bucket.tokens()
                        ? bucket.perMinute() + " tokens per minute (this call reserves " + reserve
                                + ": its estimated input plus max_tokens)"
                        : bucket.perMinute() + " requests per minute";
                yield GatewayException.refused(
                        ErrorKind.RATE_LIMITED,
                        "tenant_rate_limited",
                        who + " is over its limit of " + what
                                + (scope.isEmpty() ? "" : " for models matching '" + scope + "'")
                                + "; retry after " + seconds(retryAfter) + " s",
                        retryAfter);
            }
            case CONCURRENCY -> {
                count(tenant, "concurrency");
                yield GatewayException.refused(
                        ErrorKind.RATE_LIMITED,
                        "tenant_concurrency_exceeded",
                        who + " already has " + limits.concurrentRequests()
                                + " calls in flight, its limit; retry when one ends",
                        retryAfter);
            }
            case DAY_BUDGET, MONTH_BUDGET -> {
                count(tenant, "budget");
                boolean day = decision.refusal() == Decision.Refusal.DAY_BUDGET;
                long budget = day ? limits.usdPerDayMicros() : limits.usdPerMonthMicros();
                yield GatewayException.refused(
                        ErrorKind.QUOTA_EXCEEDED,
                        "tenant_budget_exceeded",
                        who + " has spent its budget of "
                                + BigDecimal.valueOf(budget, 6)
                                        .stripTrailingZeros()
                                        .toPlainString()
                                + " USD for " + (day ? "today (UTC)" : "this month (UTC)") + "; it renews in "
                                + seconds(retryAfter) + " s",
                        retryAfter);
            }
            case NONE -> throw new IllegalStateException("not refused");
        };
    }

    private void count(Tenant tenant, String limit) {
        refusals.withTags(Tags.of("tenant", tenant.id(), "limit", limit)).increment();
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
