package dev.bedrockgateway.limits;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's usage and limits, as {@code GET /v1/usage} and the operator's {@code /actuator/usage} show them.
 *
 * @param tenant the tenant ID
 * @param day today, UTC
 * @param month this month, UTC
 * @param today usage today
 * @param thisMonth usage this month
 * @param limits the tenant's limits
 * @param inFlight calls in flight now, where concurrency is limited
 * @param remaining per rate limit, what is left now
 */
public record TenantUsage(
        String tenant,
        String day,
        String month,
        UsageTotals today,
        UsageTotals thisMonth,
        TenantLimits limits,
        long inFlight,
        List<Remaining> remaining) {

    public TenantUsage {
        remaining = List.copyOf(remaining);
    }

    /**
     * What is left of one rate limit.
     *
     * @param limit {@code requests-per-minute} or {@code tokens-per-minute}
     * @param models the glob of a per-model limit, or null for the tenant's own
     * @param perMinute the limit
     * @param remaining what is left now
     */
    public record Remaining(String limit, @Nullable String models, long perMinute, long remaining) {}
}
