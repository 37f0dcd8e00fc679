package dev.bedrockgateway.limits;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One tenant's limits, its own values over the defaults; 0 means no limit (configuration never allows 0 itself).
 *
 * @param requestsPerMinute calls a minute
 * @param tokensPerMinute input plus output tokens a minute
 * @param concurrentRequests calls in flight at once
 * @param usdPerDayMicros daily budget in micro-USD
 * @param usdPerMonthMicros monthly budget in micro-USD
 * @param models tighter limits for models matching a glob
 */
public record TenantLimits(
        long requestsPerMinute,
        long tokensPerMinute,
        int concurrentRequests,
        long usdPerDayMicros,
        long usdPerMonthMicros,
        List<ModelLimit> models) {

    /** No limit at all. */
    public static final TenantLimits NONE = new TenantLimits(0, 0, 0, 0, 0, List.of());

    public TenantLimits {
        models = List.copyOf(models);
    }

    /**
     * Limits for the models whose name, as the caller wrote it or as Bedrock receives it, matches a glob.
     *
     * @param glob the glob as configured, e.g. {@code *opus*}
     * @param pattern the compiled glob
     * @param requestsPerMinute calls a minute, or 0
     * @param tokensPerMinute tokens a minute, or 0
     */
    public record ModelLimit(String glob, Pattern pattern, long requestsPerMinute, long tokensPerMinute) {

        /** Whether the limit applies to a call for this model. */
        public boolean matches(String requestedModel, String bedrockModelId) {
            return pattern.matcher(requestedModel).matches()
                    || pattern.matcher(bedrockModelId).matches();
        }
    }
}
