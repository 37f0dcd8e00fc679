package dev.bedrockgateway.limits;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON shape of a tenant's usage, one for {@code GET /v1/usage} and the operator's {@code /actuator/usage}:
 * snake_case as OpenAI's APIs are, USD as decimal numbers, a limit the tenant does not have left out.
 */
public final class UsageView {

    private UsageView() {}

    /** The tenant's usage and limits as a JSON object. */
    public static Map<String, Object> of(TenantUsage usage) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("object", "usage");
        view.put("tenant", usage.tenant());
        view.put("today", totals("date", usage.day(), usage.today()));
        view.put("this_month", totals("month", usage.month(), usage.thisMonth()));
        view.put("limits", limits(usage));
        return view;
    }

    private static Map<String, Object> totals(String periodName, String period, UsageTotals totals) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(periodName, period);
        view.put("requests", totals.requests());
        view.put("input_tokens", totals.inputTokens());
        view.put("output_tokens", totals.outputTokens());
        view.put("cache_read_tokens", totals.cacheReadTokens());
        view.put("cache_write_tokens", totals.cacheWriteTokens());
        view.put("cost_usd", usd(totals.costMicros()));
        return view;
    }

    private static Map<String, Object> limits(TenantUsage usage) {
        TenantLimits limits = usage.limits();
        Map<String, Object> view = new LinkedHashMap<>();
        List<Map<String, Object>> models = new ArrayList<>();
        Map<String, Map<String, Object>> modelsByGlob = new LinkedHashMap<>();
        for (TenantUsage.Remaining remaining : usage.remaining()) {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("limit", remaining.perMinute());
            window.put("remaining", remaining.remaining());
            String key = remaining.limit().replace('-', '_');
            String glob = remaining.models();
            if (glob == null) {
                view.put(key, window);
            } else {
                modelsByGlob
                        .computeIfAbsent(glob, g -> {
                            Map<String, Object> model = new LinkedHashMap<>();
                            model.put("models", g);
                            models.add(model);
                            return model;
                        })
                        .put(key, window);
            }
        }
        if (limits.concurrentRequests() > 0) {
            view.put(
                    "concurrent_requests", Map.of("limit", limits.concurrentRequests(), "in_flight", usage.inFlight()));
        }
        Map<String, Object> budget = new LinkedHashMap<>();
        putBudget(budget, "usd_per_day", limits.usdPerDayMicros(), usage.today().costMicros());
        putBudget(
                budget,
                "usd_per_month",
                limits.usdPerMonthMicros(),
                usage.thisMonth().costMicros());
        if (!budget.isEmpty()) {
            view.put("budget", budget);
        }
        if (!models.isEmpty()) {
            view.put("models", models);
        }
        return view;
    }

    private static void putBudget(Map<String, Object> budget, String name, long limitMicros, long spentMicros) {
        if (limitMicros > 0) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("limit", usd(limitMicros));
            view.put("spent", usd(spentMicros));
            view.put("remaining", usd(Math.max(0, limitMicros - spentMicros)));
            budget.put(name, view);
        }
    }

    private static BigDecimal usd(long micros) {
        return Objects.requireNonNull(BigDecimal.valueOf(micros, 6).stripTrailingZeros());
    }
}
