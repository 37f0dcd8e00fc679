package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.ServiceTiers;
import org.jspecify.annotations.Nullable;

/**
 * Which Bedrock service tier a call runs at: the one the caller named, which the model must offer (Bedrock refuses
 * others with a bare 400), else the tenant's default where the model offers it, else none (Bedrock's standard
 * tier). A model the catalog does not know takes whatever was named.
 */
final class ServiceTierChoice {

    private ServiceTierChoice() {}

    /**
     * The tier to send, or null for none.
     *
     * @throws GatewayException 400 naming {@code service_tier} when the caller's tier is unknown or the model lacks it
     */
    static @Nullable String of(
            @Nullable String asked,
            @Nullable String tenantDefault,
            String bedrockModelId,
            @Nullable ModelCapabilities can) {
        if (asked == null) {
            return tenantDefault != null && (can == null || can.serviceTiers().contains(tenantDefault))
                    ? tenantDefault
                    : null;
        }
        if (!ServiceTiers.KNOWN.contains(asked)) {
            throw GatewayException.invalid(
                    "service_tier", "service_tier '" + asked + "' is not one of " + ServiceTiers.KNOWN);
        }
        if (can != null && !can.serviceTiers().contains(asked) && !ModelCapabilities.DEFAULT_TIER.equals(asked)) {
            throw GatewayException.invalid(
                    "service_tier",
                    "model '" + bedrockModelId + "' is served at the service tiers "
                            + can.serviceTiers().stream().sorted().toList() + ", not '" + asked + "'");
        }
        return asked;
    }
}
